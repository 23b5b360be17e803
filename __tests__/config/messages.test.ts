import { configFailure } from "../helpers";

// The configuration messages a new user meets first (issue #17's frictions): one problem once, a fix
// that is itself valid, JSON named as JSON, "did you mean", and every problem in one run.
const problemCount = (message: string) => Number(/\((\d+) problems?\)/.exec(message)?.[1]);

describe("configuration messages", () => {
  test("fails on a malformed CIDR block once, in one wording", () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__network__cidr: "10.0.0.300/16" });
    expect(problemCount(message)).toBe(1);
    expect(message).toContain('dev.network.cidr: received "10.0.0.300/16"; must be an IPv4 CIDR block, e.g. "10.0.0.0/16"');
    expect(message).not.toContain("is not an IPv4 CIDR block");
  });

  test("fails on an upper-case domain with a suggestion only when the suggestion is itself valid", () => {
    expect(configFailure({ STAGE: "dev", CFG__dev__domain: "Dev.Booking.Example.com" })).toContain('must be lower-case, e.g. "dev.booking.example.com"');
    expect(configFailure({ STAGE: "dev", CFG__dev__domain: "Dev.Booking.Example.com." })).toContain('must be lower-case, e.g. "dev.booking.example.com"');
    const invalid = configFailure({ STAGE: "dev", CFG__dev__domain: "Dev_Booking.Example.com" });
    expect(invalid).toContain('dev.domain: received "Dev_Booking.Example.com"; must be a lower-case fully qualified domain name without a trailing dot, e.g. "dev.example.com"');
    expect(invalid).not.toContain('"dev_booking.example.com"');
  });

  test("fails on an override that is not JSON where JSON is needed, saying so and showing the JSON", () => {
    const notJson = configFailure({ STAGE: "dev", CFG__dev__network__availabilityZones: "eu-west-1a,eu-west-1b" });
    expect(notJson).toContain('CFG__dev__network__availabilityZones: received "eu-west-1a,eu-west-1b"; is not valid JSON (');
    expect(notJson).toContain("network.availabilityZones takes a JSON array");
    expect(notJson).toContain(`Fix: write it as JSON in single quotes, e.g. CFG__dev__network__availabilityZones='["eu-west-1a","eu-west-1b"]'`);
    const broken = configFailure({ STAGE: "dev", CFG__dev__backend: "{type:s3}" });
    expect(broken).toContain('CFG__dev__backend: received "{type:s3}"; is not valid JSON (');
    expect(broken).toContain("backend takes a JSON object");
  });

  test('fails on a wrong type with the right article ("an array", "an object"), never "a array"', () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__network__publicSubnets: "7" });
    expect(message).not.toMatch(/\ba (array|object|undefined)\b/);
    const typed = configFailure({ STAGE: "dev", CFG__dev__tags: '["a"]' });
    expect(typed).toContain("must be an object, not an array");
    expect(typed).toContain(`an override of an object is JSON, e.g. CFG__dev__tags='{"…": …}'`);
  });

  test('fails on an unknown setting with "did you mean" and the known names', () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__site__wafff: "true", CFG__dev__network__privateSubnet: '["10.10.10.0/24"]' });
    expect(message).toContain('dev.site: received ["wafff"]; holds unknown setting "wafff"');
    expect(message).toContain('did you mean "waf" for "wafff"? remove or rename wafff in dev.site (known: priceClass, waf, wafRateLimit)');
    expect(message).toContain('did you mean "privateSubnets" for "privateSubnet"?');
  });

  test("fails with the cross-field problems (the subnet layout) reported together with the others", () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__region: "mars-east-1", CFG__dev__network__privateSubnets: '["10.10.0.0/24","10.10.11.0/24"]' });
    expect(problemCount(message)).toBe(2);
    expect(message).toContain('dev.region: received "mars-east-1"');
    expect(message).toMatch(/dev\.network\.privateSubnets\[0\]: received "10\.10\.0\.0\/24"; .*overlap/);
  });
});
