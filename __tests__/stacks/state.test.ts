import { StateStack } from "../../stacks/state-stack";
import { resources, rolePolicies, scrub, synth, synthesizedStack, testConfig, Testing, type Json } from "../helpers";

function stateStack(): Json {
  const config = testConfig("dev");
  if (config.backend.type !== "s3") throw new Error("dev uses the s3 backend");
  return synth(new StateStack(Testing.app(), { ...config, backend: config.backend }));
}

describe("state stack", () => {
  const json = stateStack();
  const buckets = resources(json, "aws_s3_bucket");
  const stateBucket = Object.entries(buckets).find(([, b]) => b.bucket === "booking-dev-tfstate-111111111111");

  test("keeps its own state locally (the bucket does not exist before it)", () => {
    expect(json.terraform.backend).toEqual({ local: { path: "../../../terraform.dev-state.tfstate" } });
  });

  test("creates the bucket the s3 backend of the environment names, protected from destroy", () => {
    expect(stateBucket).toBeDefined();
    expect(stateBucket![1].lifecycle).toEqual({ prevent_destroy: true });
    expect(stateBucket![1].force_destroy).toBe(false);
  });

  test("blocks every kind of public access on every bucket", () => {
    const blocks = Object.values(resources(json, "aws_s3_bucket_public_access_block"));
    expect(blocks).toHaveLength(Object.keys(buckets).length);
    for (const block of blocks) {
      expect(block).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    }
  });

  test("versions, encrypts and expires old versions", () => {
    const name = stateBucket![0];
    const ref = `\${aws_s3_bucket.${name}.id}`;
    const versioning = Object.values(resources(json, "aws_s3_bucket_versioning")).find((v) => v.bucket === ref);
    expect(versioning!.versioning_configuration.status).toBe("Enabled");
    const sse = Object.values(resources(json, "aws_s3_bucket_server_side_encryption_configuration")).find((v) => v.bucket === ref);
    expect(sse!.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe("AES256");
    const lifecycle = Object.values(resources(json, "aws_s3_bucket_lifecycle_configuration")).find((v) => v.bucket === ref);
    expect(lifecycle!.rule[0].noncurrent_version_expiration[0].noncurrent_days).toBe(90);
    expect(lifecycle!.rule[0].abort_incomplete_multipart_upload[0].days_after_initiation).toBe(7);
  });

  test("denies every request that is not made over TLS", () => {
    for (const policy of Object.values(resources(json, "aws_s3_bucket_policy"))) {
      const doc = JSON.parse(policy.policy);
      expect(doc.Statement).toContainEqual(
        expect.objectContaining({ Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
      );
    }
  });

  test("logs access to the state bucket into a log bucket that only S3 logging may write", () => {
    const logging = Object.values(resources(json, "aws_s3_bucket_logging"));
    expect(logging).toHaveLength(1);
    expect(logging[0].target_prefix).toBe("tfstate/");
    const logPolicy = Object.values(resources(json, "aws_s3_bucket_policy")).map((p) => JSON.parse(p.policy)).find((d) => d.Statement.length === 2);
    expect(logPolicy.Statement[1]).toMatchObject({ Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject" });
  });

  test("creates the bucket in the backend's region, where the s3 backend of the other stacks looks for it", () => {
    const config = testConfig("dev", { "backend.region": "eu-central-1" });
    if (config.backend.type !== "s3") throw new Error("dev uses the s3 backend");
    const other = synth(new StateStack(Testing.app(), { ...config, backend: config.backend }));
    expect(config.region).toBe("eu-west-1");
    expect(other.provider.aws).toEqual([expect.objectContaining({ region: "eu-central-1" })]);
    expect(other.output.state_region.value).toBe("eu-central-1");
  });

  test("snapshot", () => {
    expect(scrub(json)).toMatchSnapshot();
  });
});

describe("KMS-encrypted state (prod)", () => {
  // The run's shared synth. With `encrypt` and no key Terraform sends SSE-S3 on every PutObject,
  // overriding the bucket's default SSE-KMS (hashicorp/terraform s3 backend, client.go PutObject).
  const backendOf = (id: string) => synthesizedStack(id).terraform.backend.s3;

  test("every prod stack and prod's bootstrap stack name the state key in their backend; dev (SSE-S3 state) names none", () => {
    const alias = synthesizedStack("prod-state").resource.aws_kms_alias;
    expect((Object.values(alias) as Json[]).map((a) => a.name)).toContain("alias/booking-prod-tfstate");
    for (const id of ["prod-dns", "prod-site", "prod-api", "prod-workflow", "prod-network", "prod-monitoring", "bootstrap-222222222222"]) {
      expect(backendOf(id)).toMatchObject({ encrypt: true, kms_key_id: "arn:aws:kms:eu-west-1:222222222222:alias/booking-prod-tfstate" });
    }
    for (const id of ["dev-dns", "dev-api", "bootstrap-111111111111"]) expect(backendOf(id).kms_key_id).toBeUndefined();
  });

  test("prod's plan role may use the state key through S3 only, found by its alias", () => {
    const [plan] = rolePolicies(synthesizedStack("bootstrap-222222222222"), "booking-prod-ci-plan");
    expect(plan.Statement.find((s: Json) => s.Sid === "StateKey")).toEqual({
      Sid: "StateKey",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "arn:aws:kms:eu-west-1:222222222222:key/*",
      Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": "alias/booking-prod-tfstate" }, StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
    });
  });
});
