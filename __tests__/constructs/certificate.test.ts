import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { Certificate } from "../../constructs/certificate";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { only, resources, synth, testConfig, Testing } from "../helpers";

function certStack(region: "default" | "us-east-1") {
  const stack = new EnvironmentStack(Testing.app(), "cert", testConfig("dev"));
  const zone = new Route53Zone(stack, "zone", { name: "dev.booking.example.com" });
  new Certificate(stack, "cert", {
    domainName: "dev.booking.example.com",
    subjectAlternativeNames: ["www.dev.booking.example.com"],
    zone,
    provider: region === "us-east-1" ? stack.usEast1Provider : undefined,
  });
  return stack;
}

describe("Certificate", () => {
  test("DNS validation, transparency logging, create before destroy", () => {
    const json = synth(certStack("default"));
    expect(only(json, "aws_acm_certificate")).toMatchObject({
      domain_name: "dev.booking.example.com",
      subject_alternative_names: ["www.dev.booking.example.com"],
      validation_method: "DNS",
      options: { certificate_transparency_logging_preference: "ENABLED" },
      lifecycle: { create_before_destroy: true },
    });
    const record = only(json, "aws_route53_record");
    expect(record.for_each).toContain("domain_validation_options");
    expect(record.zone_id).toBe("${aws_route53_zone.zone.zone_id}");
    expect(only(json, "aws_acm_certificate_validation").validation_record_fqdns).toContain("for record in aws_route53_record.cert_validation-record_");
  });

  test("is issued through the us-east-1 provider when asked (CloudFront)", () => {
    const json = synth(certStack("us-east-1"));
    expect(only(json, "aws_acm_certificate").provider).toBe("aws.us_east_1");
    expect(only(json, "aws_acm_certificate_validation").provider).toBe("aws.us_east_1");
    expect(json.provider.aws.map((p: { region: string }) => p.region)).toEqual(["eu-west-1", "us-east-1"]);
    expect(Object.keys(resources(json, "aws_route53_record"))).toHaveLength(1);
  });

  test("fails on an invalid domain name, naming it", () => {
    const stack = new EnvironmentStack(Testing.app(), "cert", testConfig("dev"));
    const zone = new Route53Zone(stack, "zone", { name: "example.com" });
    expect(() => new Certificate(stack, "cert", { domainName: "Bad_Name.example.com", zone })).toThrow(
      'domain name "Bad_Name.example.com" must be a lower-case fully qualified domain name',
    );
  });
});
