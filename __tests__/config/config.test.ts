import { loadConfig } from "../../config";
import { environments } from "../../config/environments";
import { configFailure } from "../helpers";

describe("loadConfig", () => {
  test("loads every environment when STAGE is unset", () => {
    expect(loadConfig().map((c) => c.name)).toEqual(["dev", "prod"]);
  });

  test("STAGE limits the environments, comma list allowed", () => {
    expect(loadConfig({ env: { STAGE: "prod" } }).map((c) => c.name)).toEqual(["prod"]);
    expect(loadConfig({ env: { STAGE: "prod, dev" } }).map((c) => c.name)).toEqual(["prod", "dev"]);
  });

  test("applies CFG__ overrides with the type of the value they replace", () => {
    const [dev] = loadConfig({
      env: { STAGE: "dev", CFG__dev__site__waf: "true", CFG__dev__workflow__paymentWindowSeconds: "30", CFG__dev__accountId: "123456789012" },
    });
    expect(dev.site.waf).toBe(true);
    expect(dev.workflow.paymentWindowSeconds).toBe(30);
    expect(dev.accountId).toBe("123456789012");
  });

  test("types an override of a setting the environment file leaves to its default by the schema", () => {
    const [dev] = loadConfig({ env: { STAGE: "dev", CFG__dev__api__maxHoldsPerEmail: "5", CFG__dev__api__sweepIntervalMinutes: "10" } });
    expect(dev.api.maxHoldsPerEmail).toBe(5);
    expect(dev.api.sweepIntervalMinutes).toBe(10);
    expect(configFailure({ STAGE: "dev", CFG__dev__api__maxHoldsPerEmail: "five" })).toContain('dev.api.maxHoldsPerEmail: received "five"; must be a number');
  });

  test("a whole backend can be swapped through one JSON override", () => {
    const [dev] = loadConfig({ env: { STAGE: "dev", CFG__dev__backend: '{"type":"cloud","organization":"acme"}' } });
    expect(dev.backend).toEqual({ type: "cloud", organization: "acme", hostname: "app.terraform.io" });
  });

  test("does not change the committed environment definitions", () => {
    loadConfig({ env: { CFG__dev__region: "us-east-2", CFG__dev__network__availabilityZones: '["us-east-2a","us-east-2b"]' } });
    expect(environments.dev.region).toBe("eu-west-1");
  });

  test("fails on an unknown environment, naming it and the known ones", () => {
    const message = configFailure({ STAGE: "qa" });
    expect(message).toContain('STAGE: received "qa"');
    expect(message).toContain("known: dev, prod");
    expect(message).toContain("Fix: use STAGE=dev");
  });

  test("fails on a wrong region with the value and the expected form", () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__region: "mars-east-1" });
    expect(message).toContain('dev.region: received "mars-east-1"');
    expect(message).toContain('must be an AWS region such as "eu-west-1"');
    expect(message).toContain("CFG__dev__region");
  });

  test("fails on a malformed domain", () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__domain: "dev..example.com" });
    expect(message).toContain('dev.domain: received "dev..example.com"');
    expect(message).toContain("must be a fully qualified domain name");
  });

  test("fails on an upper-case domain and shows the lower-case fix", () => {
    expect(configFailure({ STAGE: "dev", CFG__dev__domain: "Dev.Example.com" })).toContain('must be lower-case, e.g. "dev.example.com"');
  });

  test("fails on a domain outside the parent zone", () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__domain: "dev.other.org" });
    expect(message).toContain('dev.domain: received "dev.other.org"');
    expect(message).toContain('must be inside the parent zone "example.com", e.g. "dev.example.com"');
  });

  test("fails on a bad account id", () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__accountId: "12345" });
    expect(message).toContain('dev.accountId: received "12345"');
    expect(message).toContain("12-digit AWS account id");
  });

  test("fails on missing backend settings, naming each", () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__backend: '{"type":"s3"}' });
    expect(message).toContain("dev.backend.bucket: received nothing (the setting is missing); is required");
    expect(message).toContain("dev.backend.region: received nothing");
    expect(message).toContain("dev.backend.keyPrefix: received nothing");
  });

  test("fails on a cloud backend without an organization", () => {
    expect(configFailure({ STAGE: "dev", CFG__dev__backend: '{"type":"cloud"}' })).toContain("dev.backend.organization");
  });

  test("fails on an unknown backend type", () => {
    expect(configFailure({ STAGE: "dev", CFG__dev__backend: '{"type":"gcs"}' })).toContain('must be one of "s3", "cloud" or "local"');
  });

  test("reports every problem at once, across environments", () => {
    const message = configFailure({ CFG__dev__region: "nowhere", CFG__prod__accountId: "x", CFG__prod__logRetentionDays: "8" });
    expect(message).toMatch(/^Invalid configuration \(3 problems\)/);
    expect(message).toContain("dev.region");
    expect(message).toContain("prod.accountId");
    expect(message).toContain("prod.logRetentionDays: received 8");
  });

  test("fails on a misspelt setting", () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__site__wafs: "true" });
    expect(message).toContain('dev.site: received ["wafs"]; holds unknown setting "wafs"');
  });

  test("fails on an override that names no environment", () => {
    expect(configFailure({ CFG__staging__region: "eu-west-1" })).toContain("CFG__staging__region");
  });

  test("fails on a wrongly typed override value", () => {
    expect(configFailure({ STAGE: "dev", CFG__dev__site__waf: "yes" })).toContain('dev.site.waf: received "yes"; must be a boolean');
  });
});
