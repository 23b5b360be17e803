import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { TABLES } from "../../app/tables";
import { KEY_ADMIN_ACTIONS, KmsKey } from "../../constructs/kms-key";
import { SecureBucket } from "../../constructs/secure-bucket";
import { Table } from "../../constructs/table";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { only, resources, synth, testConfig, Testing } from "../helpers";

const ACCOUNT = "111111111111";

function keyStack() {
  const stack = new EnvironmentStack(Testing.app(), "keys", testConfig("dev"));
  const key = new KmsKey(stack, "key", { alias: "booking-dev-data", description: "test key", accountId: ACCOUNT, region: "eu-west-1" });
  return { stack, key };
}

const policyOf = (json: ReturnType<typeof synth>) => JSON.parse(only(json, "aws_kms_key").policy) as { Statement: any[] };

describe("KmsKey", () => {
  test("rotates yearly, has an alias, and lets the account administer but not use it", () => {
    const { stack } = keyStack();
    const json = synth(stack);
    expect(only(json, "aws_kms_key")).toMatchObject({ enable_key_rotation: true, rotation_period_in_days: 365, deletion_window_in_days: 30 });
    expect(only(json, "aws_kms_alias").name).toBe("alias/booking-dev-data");
    expect(policyOf(json).Statement).toEqual([
      { Sid: "AccountAdministersNotUses", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: [...KEY_ADMIN_ACTIONS], Resource: "*" },
    ]);
    expect(KEY_ADMIN_ACTIONS.some((a) => /Decrypt|Encrypt|GenerateDataKey/.test(a))).toBe(false);
  });

  test("a bucket and a table add use through their service only; the table's grant adds the key to the role", () => {
    const { stack, key } = keyStack();
    new SecureBucket(stack, "bucket", { bucketName: "booking-dev-test-111111111111", encryptionKey: key });
    const table = new Table(stack, "table", { definition: TABLES.reservations, tableName: "booking-dev-reservations", encryptionKey: key, ttlAttribute: "expiresAt" });
    const role = new IamRole(stack, "role", { name: "reader", assumeRolePolicy: "{}" });
    table.grant(role, "dynamodb:GetItem");
    const json = synth(stack);
    const via = policyOf(json).Statement.filter((s) => s.Condition?.StringEquals?.["kms:ViaService"]).map((s) => [s.Sid, s.Condition.StringEquals["kms:ViaService"], s.Action.includes("kms:CreateGrant")]);
    expect(via).toEqual([["UseThroughDynamodb", "dynamodb.eu-west-1.amazonaws.com", true], ["UseThroughS3", "s3.eu-west-1.amazonaws.com", false]]);
    expect(only(json, "aws_dynamodb_table")).toMatchObject({ server_side_encryption: { enabled: true, kms_key_arn: expect.stringContaining("aws_kms_key.") }, ttl: { enabled: true, attribute_name: "expiresAt" } });
    const grant = JSON.parse(Object.values(resources(json, "aws_iam_role_policy"))[0].policy);
    expect(grant.Statement[1]).toEqual({
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"],
      Resource: expect.stringContaining("aws_kms_key."),
      Condition: { StringLike: { "kms:ViaService": "dynamodb.*.amazonaws.com" } },
    });
  });

  test("log groups are allowed by ARN prefix in the encryption context, merged into one statement", () => {
    const { stack, key } = keyStack();
    key.allowLogGroups("/aws/lambda/a");
    key.allowLogGroups("/aws/lambda/b");
    const [logs] = policyOf(synth(stack)).Statement.filter((s) => s.Sid === "CloudWatchLogs");
    expect(logs.Principal).toEqual({ Service: "logs.eu-west-1.amazonaws.com" });
    expect(logs.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).toEqual([
      `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/lambda/a*`,
      `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/lambda/b*`,
    ]);
  });

  test("fails on an alias with the alias/ prefix or in the aws/ namespace, naming the fix", () => {
    const stack = new EnvironmentStack(Testing.app(), "keys", testConfig("dev"));
    expect(() => new KmsKey(stack, "a", { alias: "alias/booking", description: "x", accountId: ACCOUNT, region: "eu-west-1" })).toThrow(
      'KmsKey dev-keys/a: alias "alias/booking" must be 1-250 characters of letters, digits, "/", "_" and "-", without the "alias/" prefix',
    );
    expect(() => new KmsKey(stack, "b", { alias: "aws/booking", description: "x", accountId: ACCOUNT, region: "eu-west-1" })).toThrow('alias "aws/booking"');
  });

  test("fails on a deletion window outside 7-30 days", () => {
    const stack = new EnvironmentStack(Testing.app(), "keys", testConfig("dev"));
    expect(() => new KmsKey(stack, "k", { alias: "booking", description: "x", accountId: ACCOUNT, region: "eu-west-1", deletionWindowDays: 3 })).toThrow(
      "KmsKey dev-keys/k: deletionWindowDays 3 must be a whole number of days from 7 to 30, e.g. 30",
    );
  });

  test("fails on a duplicate statement id", () => {
    const { key } = keyStack();
    key.allowServicePrincipal("CloudFront", "cloudfront.amazonaws.com", ["kms:Decrypt"], {});
    expect(() => key.allowServicePrincipal("CloudFront", "cloudfront.amazonaws.com", ["kms:Decrypt"], {})).toThrow('sid "CloudFront" must be unique');
  });
});

describe("Table", () => {
  test("fails on a TTL attribute name DynamoDB rejects", () => {
    const stack = new EnvironmentStack(Testing.app(), "tables", testConfig("dev"));
    expect(() => new Table(stack, "t", { definition: TABLES.reservations, tableName: "x", ttlAttribute: "expires at" })).toThrow('Table dev-tables/t: ttlAttribute "expires at" must be an attribute name');
  });
});
