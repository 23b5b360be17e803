import { loadConfig } from "../../config";
import { configFailure } from "../helpers";

function failure(overrides: Record<string, string>): string {
  const env: Record<string, string> = { STAGE: "dev" };
  for (const [path, value] of Object.entries(overrides)) env[`CFG__dev__network__${path}`] = value;
  return configFailure(env);
}

describe("network configuration", () => {
  test("the committed layouts are valid: 2 AZs in dev, 3 in prod", () => {
    const [dev, prod] = loadConfig({ env: { STAGE: "dev,prod" } });
    expect(dev.network.availabilityZones).toHaveLength(2);
    expect(prod.network.availabilityZones).toHaveLength(3);
  });

  test("fails on overlapping subnets, naming both", () => {
    const message = failure({ privateSubnets: '["10.10.10.0/24", "10.10.0.128/25"]' });
    expect(message).toContain(
      'dev.network.privateSubnets[1]: received "10.10.0.128/25"; overlaps publicSubnets[0] ("10.10.0.0/24"); give every subnet a block of its own.',
    );
    expect(message).toContain("Fix: set network.privateSubnets[1] in config/environments/dev.ts, or override it with CFG__dev__network__privateSubnets__1");
  });

  test("fails on a subnet outside the VPC's block", () => {
    const message = failure({ publicSubnets__1: "10.99.1.0/24" });
    expect(message).toContain(`dev.network.publicSubnets[1]: received "10.99.1.0/24"; is outside the VPC's block (cidr "10.10.0.0/16"); choose a block inside it.`);
  });

  test("fails on an x86 instance type, which cannot boot the arm64 AMI", () => {
    const message = failure({ instanceType: "t3.small" });
    expect(message).toContain('dev.network.instanceType: received "t3.small"; must be a Graviton (arm64) instance type');
    expect(message).toContain("Fix: set network.instanceType in config/environments/dev.ts, or override it with CFG__dev__network__instanceType");
    for (const graviton of ["t4g.micro", "m7g.large", "c6gn.xlarge", "x2gd.medium", "is4gen.large", "a1.large"]) {
      expect(() => loadConfig({ env: { STAGE: "dev", CFG__dev__network__instanceType: graviton } })).not.toThrow();
    }
  });

  test("fails on a single availability zone", () => {
    const message = failure({ availabilityZones: '["eu-west-1a"]', publicSubnets: '["10.10.0.0/24"]', privateSubnets: '["10.10.10.0/24"]' });
    expect(message).toMatch(/^Invalid configuration \(1 problem\)/);
    expect(message).toContain('dev.network.availabilityZones: received ["eu-west-1a"]; must list at least 2 availability zones');
    expect(message).toContain('e.g. ["eu-west-1a", "eu-west-1b"]');
  });

  test("fails on a zone of another region", () => {
    expect(failure({ availabilityZones__1: "us-east-1b" })).toContain(
      'dev.network.availabilityZones[1]: received "us-east-1b"; must be an availability zone of the region "eu-west-1", e.g. "eu-west-1a"',
    );
  });

  test("fails when a zone lacks its private subnet", () => {
    expect(failure({ privateSubnets: '["10.10.10.0/24"]' })).toContain(
      'dev.network.privateSubnets: received ["10.10.10.0/24"]; must hold exactly one block per availability zone: 2 (eu-west-1a, eu-west-1b), not 1',
    );
  });

  test("fails on a block with host bits set, showing the block meant", () => {
    expect(failure({ cidr: "10.10.0.1/16" })).toContain('dev.network.cidr: received "10.10.0.1/16"; has host bits set; write the block\'s first address, "10.10.0.0/16"');
  });
});
