import { DnsStack } from "../../stacks/dns-stack";
import { only, scrub, synth, testConfig, Testing } from "../helpers";

describe("dns stack", () => {
  const json = synth(new DnsStack(Testing.app(), testConfig("dev")));

  test("creates the environment's hosted zone", () => {
    expect(only(json, "aws_route53_zone").name).toBe("dev.booking.example.com");
  });

  test("delegates it from the parent zone given by id (no lookup at plan time)", () => {
    expect(only(json, "aws_route53_record")).toMatchObject({
      zone_id: "Z0EXAMPLEPARENT00000",
      name: "dev.booking.example.com",
      type: "NS",
      records: "${aws_route53_zone.zone.name_servers}",
    });
    expect(json.data).toBeUndefined();
  });

  test("outputs the zone id and name servers, with descriptions", () => {
    expect(json.output.zone_id.description).toContain("dev.booking.example.com");
    expect(json.output.name_servers.value).toBe("${aws_route53_zone.zone.name_servers}");
  });

  test("tags everything through the provider's default tags and pins the account", () => {
    expect(json.provider.aws[0]).toMatchObject({
      region: "eu-west-1",
      allowed_account_ids: ["111111111111"],
      default_tags: [{ tags: { Project: "booking", Environment: "dev", Stack: "dev-dns" } }],
    });
  });

  test("snapshot", () => {
    expect(scrub(json)).toMatchSnapshot();
  });
});
