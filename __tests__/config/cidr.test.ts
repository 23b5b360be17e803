import { contains, overlaps, parseCidr, subnetLayoutProblems } from "../../config/cidr";

describe("parseCidr", () => {
  test("reads the first and last address and the prefix", () => {
    expect(parseCidr("10.0.1.0/24")).toEqual({ text: "10.0.1.0/24", first: 0x0a000100, last: 0x0a0001ff, prefix: 24 });
    expect(parseCidr("0.0.0.0/0")).toMatchObject({ first: 0, last: 2 ** 32 - 1 });
    expect(parseCidr("192.168.7.9/32")).toMatchObject({ first: 0xc0a80709, last: 0xc0a80709 });
  });

  test.each(["10.0.0.0", "10.0.0/24", "256.0.0.0/8", "10.0.0.0/33", "ten.0.0.0/8", " 10.0.0.0/16"])("fails on %p, which is not a CIDR block", (text) => {
    expect(() => parseCidr(text)).toThrow(`"${text}" is not an IPv4 CIDR block; write it as address/prefix, e.g. "10.0.0.0/16"`);
  });

  test("fails on a block with host bits set, naming the block meant", () => {
    expect(() => parseCidr("10.0.1.5/24")).toThrow(`"10.0.1.5/24" has host bits set; write the block's first address, "10.0.1.0/24"`);
  });
});

describe("contains and overlaps", () => {
  const vpc = parseCidr("10.10.0.0/16");
  test("a block contains the blocks inside it, including itself", () => {
    expect(contains(vpc, parseCidr("10.10.255.0/24"))).toBe(true);
    expect(contains(vpc, vpc)).toBe(true);
    expect(contains(vpc, parseCidr("10.11.0.0/24"))).toBe(false);
    expect(contains(vpc, parseCidr("10.0.0.0/8"))).toBe(false);
  });

  test("blocks overlap when they share an address", () => {
    expect(overlaps(parseCidr("10.10.0.0/24"), parseCidr("10.10.0.128/25"))).toBe(true);
    expect(overlaps(parseCidr("10.10.0.0/24"), parseCidr("10.10.1.0/24"))).toBe(false);
    expect(overlaps(vpc, parseCidr("10.10.3.0/24"))).toBe(true);
  });
});

describe("subnetLayoutProblems", () => {
  const good = {
    region: "eu-west-1",
    cidr: "10.10.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    publicSubnets: ["10.10.0.0/24", "10.10.1.0/24"],
    privateSubnets: ["10.10.10.0/24", "10.10.11.0/24"],
  };

  test("accepts a layout with one public and one private block per AZ inside the VPC", () => {
    expect(subnetLayoutProblems(good)).toEqual([]);
  });

  test("reports every problem with the path of the setting", () => {
    const problems = subnetLayoutProblems({
      ...good,
      availabilityZones: ["eu-west-1a", "eu-west-1a", "us-east-1c"],
      publicSubnets: ["10.10.0.0/24", "10.10.0.0/25", "10.99.0.0/24"],
      privateSubnets: ["10.10.10.0/24", "10.10.11.0/29"],
    });
    expect(problems.map((p) => p.path)).toEqual([
      ["availabilityZones", 1],
      ["availabilityZones", 2],
      ["publicSubnets", 1],
      ["publicSubnets", 2],
      ["privateSubnets"],
      ["privateSubnets", 1],
    ]);
    expect(problems[0].message).toBe("repeats availabilityZones[0]; list every zone once");
    expect(problems[2].message).toBe('overlaps publicSubnets[0] ("10.10.0.0/24"); give every subnet a block of its own');
    expect(problems[3].message).toContain('is outside the VPC\'s block (cidr "10.10.0.0/16")');
    expect(problems[4].message).toBe("must hold exactly one block per availability zone: 3 (eu-west-1a, eu-west-1a, us-east-1c), not 2");
    expect(problems[5].message).toContain("must have a prefix between /16 and /28");
  });
});
