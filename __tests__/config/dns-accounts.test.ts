import { loadConfig } from "../../config";
import { configFailure } from "../helpers";

describe("accounts and DNS topology", () => {
  test("the default dev and prod resolve: sibling domains, the parent zone in prod's account, dev writing through a role there", () => {
    const [dev, prod] = loadConfig();
    expect(prod.domain).toBe("booking.example.com");
    expect(dev.domain).toBe("dev-booking.example.com");
    expect(dev.domain.endsWith(`.${prod.domain}`)).toBe(false);
    expect(prod.parentZone).toEqual({ id: "Z0EXAMPLEPARENT00000", name: "example.com", accountId: prod.accountId });
    expect(dev.parentZone.accountId).toBe(prod.accountId);
    expect(dev.parentZone.delegationRoleArn).toBe("arn:aws:iam::222222222222:role/booking-dns-delegation-dev");
  });

  test("fails when dev's domain is inside prod's but delegated from the parent zone, naming both environments", () => {
    const message = configFailure({ CFG__dev__domain: "dev.booking.example.com" });
    expect(message).toContain('dev.parentZone: received {"id":"Z0EXAMPLEPARENT00000","name":"example.com"');
    expect(message).toContain(`environment "dev" (domain "dev.booking.example.com") lies inside environment "prod"'s domain "booking.example.com" but is delegated from "example.com"`);
    expect(message).toContain("which has no record for dev, so dev would never resolve");
    expect(message).toContain(`Fix: delegate dev from prod's zone (parentZone: { name: "booking.example.com", id: <zone_id output of prod-dns>, accountId: "222222222222"`);
    expect(message).toContain('or give dev a domain outside "booking.example.com", e.g. "dev-booking.example.com"');
  });

  test("fails the nesting even when only dev is synthesized (STAGE=dev still knows prod's domain)", () => {
    expect(configFailure({ STAGE: "dev", CFG__dev__domain: "dev.booking.example.com" })).toContain(`lies inside environment "prod"'s domain`);
  });

  test("accepts dev inside prod's domain when it is delegated from prod's zone in prod's account", () => {
    const [dev] = loadConfig({
      env: {
        STAGE: "dev",
        CFG__dev__domain: "dev.booking.example.com",
        CFG__dev__parentZone: JSON.stringify({ id: "Z0PRODZONE0000000000", name: "booking.example.com", accountId: "222222222222", delegationRoleArn: "arn:aws:iam::222222222222:role/booking-dns-delegation-dev" }),
      },
    });
    expect(dev.parentZone.name).toBe("booking.example.com");
  });

  test("fails when dev is delegated from a zone named like prod's but in another account", () => {
    const message = configFailure({
      CFG__dev__domain: "dev.booking.example.com",
      CFG__dev__parentZone: JSON.stringify({ id: "Z0OTHER0000000000000", name: "booking.example.com", accountId: "333333333333", delegationRoleArn: "arn:aws:iam::333333333333:role/x" }),
    });
    expect(message).toContain("in account 333333333333, not prod's account 222222222222");
  });

  test("fails when two environments share a domain", () => {
    const message = configFailure({ CFG__dev__domain: "booking.example.com" });
    expect(message).toContain('dev.domain: received "booking.example.com"; is also the domain of environment "prod"');
  });

  test("fails on a parent zone in another account without a role, naming the field, both accounts and the fix", () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__parentZone: JSON.stringify({ id: "Z0EXAMPLEPARENT00000", name: "example.com", accountId: "222222222222" }) });
    expect(message).toContain("dev.parentZone.delegationRoleArn: received nothing (the setting is missing)");
    expect(message).toContain('is required: the parent zone "example.com" is in account 222222222222, not the environment\'s 111111111111');
    expect(message).toContain("Fix: set parentZone.delegationRoleArn in config/environments/dev.ts, or override it with CFG__dev__parentZone__delegationRoleArn");
  });

  test("fails on a malformed role ARN", () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__parentZone__delegationRoleArn: "booking-dns-delegation" });
    expect(message).toContain('dev.parentZone.delegationRoleArn: received "booking-dns-delegation"');
    expect(message).toContain('must be an IAM role ARN, e.g. "arn:aws:iam::222222222222:role/booking-dns-delegation"');
  });

  test("fails on a role in another account than the parent zone's", () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__parentZone__delegationRoleArn: "arn:aws:iam::111111111111:role/dns" });
    expect(message).toContain("must be a role in the parent zone's account 222222222222 (it names account 111111111111)");
  });

  test("fails on a role for a parent zone in the environment's own account", () => {
    const message = configFailure({ STAGE: "prod", CFG__prod__parentZone__delegationRoleArn: "arn:aws:iam::222222222222:role/dns" });
    expect(message).toContain("prod.parentZone.delegationRoleArn");
    expect(message).toContain("must be left out: the parent zone is in the environment's own account 222222222222");
  });

  test("fails on a parent zone without its account", () => {
    const message = configFailure({ STAGE: "prod", CFG__prod__parentZone: JSON.stringify({ id: "Z0EXAMPLEPARENT00000", name: "example.com" }) });
    expect(message).toContain("prod.parentZone.accountId: received nothing (the setting is missing); is required");
  });
});
