import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BundledArtifact } from "../../constructs/bundled-artifact";
import { SecureBucket } from "../../constructs/secure-bucket";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { only, synth, testConfig, Testing } from "../helpers";

function artifact(entry = "app/reporting/server.ts", keyPrefix = "reporting") {
  const stack = new EnvironmentStack(Testing.app(), "artifact", testConfig("dev"));
  const bucket = new SecureBucket(stack, "bucket", { bucketName: "booking-dev-artifacts-111111111111" });
  return { stack, artifact: new BundledArtifact(stack, "bundle", { entry, bucket, keyPrefix }) };
}

describe("BundledArtifact", () => {
  test("bundles the entry with its dependencies into one file, uploaded under one stable key with its hash as metadata", () => {
    const { artifact: a, stack } = artifact();
    const file = join(__dirname, "..", "..", ".build", "artifacts", a.contentHash, "server.js");
    expect(existsSync(file)).toBe(true);
    const code = readFileSync(file, "utf8");
    expect(code).toContain("X-aws-ec2-metadata-token"); // app code
    expect(code).not.toMatch(/require\("(hono|@aws-sdk\/[a-z-]+|@hono\/node-server)"\)/); // dependencies inlined
    expect(code).not.toContain("dynalite");
    // A stable key: a new bundle is a new version of the object (the provider deletes all versions of a replaced object's key).
    expect(a.key).toBe("reporting/server.js");
    const object = only(synth(stack), "aws_s3_object");
    expect(object).toMatchObject({ key: a.key, source_hash: a.contentHash, content_type: "application/javascript", metadata: { sha256: a.contentHash } });
    expect(object.lifecycle).toBeUndefined();
  });

  test("bundles once per process: every environment ships the same object", () => {
    expect(artifact().artifact.contentHash).toBe(artifact().artifact.contentHash);
  });

  test("fails on an entry that does not exist", () => {
    expect(() => artifact("app/reporting/nope.ts")).toThrow('BundledArtifact dev-artifact/bundle: entry "app/reporting/nope.ts" does not exist under');
  });

  test("fails on a key prefix with a leading slash", () => {
    expect(() => artifact(undefined, "/reporting")).toThrow('BundledArtifact dev-artifact/bundle: keyPrefix "/reporting" must be lower-case words separated by "-" or "/"');
  });
});
