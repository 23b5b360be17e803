import { loadConfig } from "../../config";
import { configFailure } from "../helpers";

describe("alarms and slo settings", () => {
  test("have per-environment thresholds, overridable as numbers", () => {
    const [dev, prod] = loadConfig();
    expect(dev.alarms.apiServerErrors).toBe(5);
    expect(prod.alarms.apiServerErrors).toBe(1);
    expect(prod.alarms.emails).toEqual(["oncall@example.com"]);
    expect(prod.slo).toEqual({ availabilityPercent: 99.9, latencyPercent: 99, latencyThresholdMs: 1000 });
    const [overridden] = loadConfig({ env: { STAGE: "dev", CFG__dev__alarms__lambdaErrors: "3", CFG__dev__alarms__emails: '["a@example.com"]' } });
    expect(overridden.alarms.lambdaErrors).toBe(3);
    expect(overridden.alarms.emails).toEqual(["a@example.com"]);
  });

  test("fails on a threshold that is not a number, naming the field, the value and the fix", () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__alarms__lambdaErrors: "five" });
    expect(message).toContain('dev.alarms.lambdaErrors: received "five"; must be a number, not a string');
    expect(message).toContain("Fix: set alarms.lambdaErrors in config/environments/dev.ts, or override it with CFG__dev__alarms__lambdaErrors");
  });

  test("fails on a negative or fractional count", () => {
    expect(configFailure({ STAGE: "dev", CFG__dev__alarms__apiServerErrors: "-1" })).toContain("dev.alarms.apiServerErrors: received -1; must be 0 or more 5xx answers per 5 minutes");
    expect(configFailure({ STAGE: "dev", CFG__dev__alarms__unhealthyHosts: "0.5" })).toContain("dev.alarms.unhealthyHosts: received 0.5; must be a whole number of instances");
  });

  test("fails on a malformed e-mail address", () => {
    const message = configFailure({ STAGE: "prod", CFG__prod__alarms__emails: '["oncall@example.com","ops at example.com"]' });
    expect(message).toContain('prod.alarms.emails[1]: received "ops at example.com"; must be an e-mail address, e.g. "oncall@example.com"');
    expect(message).toContain("CFG__prod__alarms__emails__1");
  });

  test("fails on an objective of 100% (no error budget) and on an unknown alarm setting", () => {
    expect(configFailure({ STAGE: "dev", CFG__dev__slo__availabilityPercent: "100" })).toContain("dev.slo.availabilityPercent: received 100; must be below 100 (an objective of 100% leaves no error budget)");
    expect(configFailure({ STAGE: "dev", CFG__dev__alarms__lambdaError: "1" })).toContain('holds unknown setting "lambdaError"');
  });
});
