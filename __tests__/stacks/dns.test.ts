import { DELEGATION_TTL_SECONDS, DnsStack } from "../../stacks/dns-stack";
import { only, scrub, synth, testConfig, Testing } from "../helpers";

describe("dns stack", () => {
  const json = synth(new DnsStack(Testing.app(), testConfig("dev")));
  const prod = synth(new DnsStack(Testing.app(), testConfig("prod")));

  test("creates the environment's hosted zone; dev's can be destroyed with records left in it, prod's cannot", () => {
    expect(only(json, "aws_route53_zone")).toMatchObject({ name: "dev-booking.example.com", force_destroy: true });
    expect(only(prod, "aws_route53_zone")).toMatchObject({ name: "booking.example.com", force_destroy: false });
  });

  test("delegates it from the parent zone given by id (no lookup at plan time)", () => {
    expect(only(json, "aws_route53_record")).toMatchObject({
      zone_id: "Z0EXAMPLEPARENT00000",
      name: "dev-booking.example.com",
      type: "NS",
      records: "${aws_route53_zone.zone.name_servers}",
    });
    expect(json.data).toBeUndefined();
  });

  test("dev writes the delegation into prod's account through a provider that assumes the delegation role there", () => {
    expect(only(json, "aws_route53_record").provider).toBe("aws.parent_zone");
    const parent = json.provider.aws.find((p: { alias?: string }) => p.alias === "parent_zone");
    expect(parent).toEqual({
      alias: "parent_zone",
      region: "eu-west-1",
      allowed_account_ids: ["222222222222"],
      assume_role: [{ role_arn: "arn:aws:iam::222222222222:role/booking-dns-delegation-dev", session_name: "booking-dev-dns-delegation" }],
    });
  });

  test("prod owns the parent zone and writes its delegation with its own provider", () => {
    expect(only(prod, "aws_route53_record").provider).toBeUndefined();
    expect(prod.provider.aws).toHaveLength(1);
  });

  test("the delegation TTL is 5 minutes for an environment that may be re-created, an hour for production", () => {
    expect(DELEGATION_TTL_SECONDS).toEqual({ replaceable: 300, protected: 3600 });
    expect(only(json, "aws_route53_record").ttl).toBe(300);
    expect(only(prod, "aws_route53_record").ttl).toBe(3600);
  });

  test("outputs the zone id and name servers, with descriptions", () => {
    expect(json.output.zone_id.description).toContain("dev-booking.example.com");
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
