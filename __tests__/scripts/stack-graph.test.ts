import { deployOrder, destroyOrder, selectStacks, type Manifest } from "../../scripts/stack-graph";

const manifest: Manifest = {
  stacks: {
    "dev-api": { dependencies: ["dev-dns"] },
    "dev-dns": { dependencies: [] },
    "dev-network": { dependencies: ["dev-dns", "dev-api"] },
    "dev-site": { dependencies: ["dev-dns"] },
    "dev-state": { dependencies: [] },
    "dev-workflow": { dependencies: ["dev-api"] },
    "prod-dns": { dependencies: [] },
    "bootstrap-111111111111": {},
  },
};

describe("stack graph", () => {
  test("selects an environment's stacks by id prefix, or one stack by id", () => {
    expect(selectStacks(manifest, "dev").sort()).toEqual(["dev-api", "dev-dns", "dev-network", "dev-site", "dev-state", "dev-workflow"]);
    expect(selectStacks(manifest, "dev-api")).toEqual(["dev-api"]);
    expect(selectStacks(manifest, "bootstrap-111111111111")).toEqual(["bootstrap-111111111111"]);
  });

  test("deploys the state stack first, then every stack after the stacks it depends on", () => {
    const order = deployOrder(manifest, selectStacks(manifest, "dev"));
    expect(order).toEqual(["dev-state", "dev-dns", "dev-api", "dev-network", "dev-site", "dev-workflow"]);
    for (const [id, entry] of Object.entries(manifest.stacks).filter(([id]) => order.includes(id))) {
      for (const dep of entry.dependencies ?? []) expect(order.indexOf(dep)).toBeLessThan(order.indexOf(id));
    }
  });

  test("destroys in reverse order and never the state stack", () => {
    const order = destroyOrder(manifest, selectStacks(manifest, "dev"));
    expect(order).toEqual(["dev-workflow", "dev-site", "dev-network", "dev-api", "dev-dns"]);
    expect(order).not.toContain("dev-state");
  });

  test("takes dependencies outside the selection as already deployed", () => {
    expect(deployOrder(manifest, ["dev-network", "dev-workflow"])).toEqual(["dev-network", "dev-workflow"]);
  });

  test("fails on a cycle, naming the stacks in it", () => {
    const cyclic: Manifest = { stacks: { "dev-a": { dependencies: ["dev-b"] }, "dev-b": { dependencies: ["dev-a"] }, "dev-c": {} } };
    expect(() => deployOrder(cyclic, ["dev-a", "dev-b", "dev-c"])).toThrow(/the stacks dev-a, dev-b depend on each other in a cycle/);
  });

  test("fails on an environment with no synthesized stack, naming the ones there are", () => {
    expect(() => selectStacks(manifest, "qa")).toThrow(/no synthesized stack belongs to "qa" \(environments in cdktf.out: bootstrap, dev, prod\); synthesize it with STAGE=qa npm run synth/);
  });

  test("fails on a stack missing from the manifest", () => {
    expect(() => deployOrder(manifest, ["dev-gone"])).toThrow(/stack "dev-gone" is not in cdktf.out\/manifest.json/);
  });
});
