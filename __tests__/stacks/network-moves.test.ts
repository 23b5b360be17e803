import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ApiStack } from "../../stacks/api-stack";
import { DnsStack } from "../../stacks/dns-stack";
import { NetworkStack } from "../../stacks/network-stack";
import { synth, testConfig, Testing, type Json } from "../helpers";

/**
 * Every resource address of the dev and prod network stacks as synthesized before the reporting
 * tier moved into constructs/reporting-tier.ts (commit 8a9ffe8, `npm run synth`). Terraform would
 * destroy whatever is in state at one of these and absent from the configuration, unless a `moved`
 * block names its new address.
 */
const BEFORE: Record<string, string[]> = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "network-addresses-before-split.json"), "utf8"));

function addresses(json: Json): Set<string> {
  return new Set(Object.entries(json.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName as Json).map((name) => `${type}.${name}`)));
}

describe.each(["dev", "prod"] as const)("%s network stack after the reporting-tier split", (env) => {
  const app = Testing.app();
  const config = testConfig(env);
  const dns = new DnsStack(app, config);
  const api = new ApiStack(app, config, { dns });
  const json = synth(new NetworkStack(app, config, { dns, tables: api.tables }));
  const now = addresses(json);
  const moved = new Map<string, string>((json.moved ?? []).map((m: { from: string; to: string }) => [m.from, m.to]));

  test("keeps every old resource address, or moves it to an address that exists (nothing is destroyed and re-created)", () => {
    const before = BEFORE[`${env}-network`];
    expect(before.length).toBeGreaterThan(60);
    const lost = before.filter((address) => !now.has(address) && !(moved.has(address) && now.has(moved.get(address)!)));
    expect(lost).toEqual([]);
  });

  test("moves only between addresses of the same resource type, each from an address no longer used", () => {
    expect(moved.size).toBeGreaterThan(30);
    for (const [from, to] of moved) {
      expect(from.split(".")[0]).toBe(to.split(".")[0]);
      expect(now.has(from)).toBe(false);
      expect(BEFORE[`${env}-network`]).toContain(from);
    }
  });

  test("the VPC keeps its addresses; the reporting tier's resources live under the reporting construct", () => {
    expect(now.has("aws_vpc.vpc_BA2D8D8C") || [...now].some((a) => a.startsWith("aws_vpc.vpc_"))).toBe(true);
    for (const to of moved.values()) expect(to.split(".")[1]).toMatch(/^reporting_/);
  });
});
