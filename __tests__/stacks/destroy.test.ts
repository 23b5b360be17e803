import { resources, synthesizedEnvironment, type Json } from "../helpers";

/** Every S3 bucket of one environment's stacks (the run's shared synth), with the stack it is in. */
function buckets(env: "dev" | "prod"): Array<{ stack: string; bucket: Json }> {
  return Object.entries(synthesizedEnvironment(env)).flatMap(([kind, json]) => Object.values(resources(json, "aws_s3_bucket")).map((bucket) => ({ stack: `${env}-${kind}`, bucket })));
}

describe("destroy", () => {
  test("every dev bucket but the state bucket can be destroyed with objects in it (force_destroy), so destroying dev's stacks finishes", () => {
    const dev = buckets("dev");
    const destroyable = dev.filter((b) => b.stack !== "dev-state");
    expect(destroyable.map((b) => b.stack).sort()).toEqual(["dev-network", "dev-network", "dev-site", "dev-site"]);
    for (const { bucket } of destroyable) expect(bucket.force_destroy).toBe(true);
  });

  test("the state stack's buckets are kept (prevent_destroy on the state bucket): the destroy command leaves the state stack alone", () => {
    const state = buckets("dev").filter((b) => b.stack === "dev-state");
    expect(state.some((b) => b.bucket.lifecycle?.prevent_destroy === true)).toBe(true);
  });

  test("no prod bucket is force_destroy (deletion protection)", () => {
    const prod = buckets("prod");
    expect(prod.length).toBeGreaterThanOrEqual(6);
    for (const { bucket } of prod) expect(bucket.force_destroy).toBe(false);
  });
});
