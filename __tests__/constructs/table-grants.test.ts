import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { TABLES } from "../../app/tables";
import { Table } from "../../constructs/table";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { only, resources, synth, testConfig, Testing } from "../helpers";

function tableStack(deletionProtection?: boolean) {
  const stack = new EnvironmentStack(Testing.app(), "tables", testConfig("dev"));
  const table = new Table(stack, "apartments", { definition: TABLES.apartments, tableName: "booking-dev-apartments", deletionProtection });
  const role = new IamRole(stack, "role", { name: "reader", assumeRolePolicy: "{}" });
  return { stack, table, role };
}

describe("Table", () => {
  test("on-demand, point-in-time recovery, encrypted, keyed as app/tables.ts says", () => {
    const json = synth(tableStack().stack);
    expect(only(json, "aws_dynamodb_table")).toMatchObject({
      name: "booking-dev-apartments",
      billing_mode: "PAY_PER_REQUEST",
      hash_key: "id",
      attribute: [{ name: "id", type: "S" }],
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: false,
    });
  });

  test("deletion protection when asked", () => {
    expect(only(synth(tableStack(true).stack), "aws_dynamodb_table").deletion_protection_enabled).toBe(true);
  });

  test("grant writes exactly the given actions, scoped to the table ARN", () => {
    const { stack, table, role } = tableStack();
    table.grant(role, "dynamodb:UpdateItem", "dynamodb:GetItem", "dynamodb:GetItem");
    table.grantReadData(role);
    const policies = Object.values(resources(synth(stack), "aws_iam_role_policy")).map((p) => JSON.parse(p.policy));
    expect(policies).toEqual([
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"], Resource: "${aws_dynamodb_table.apartments_table_A0C4D4A1.arn}" }] },
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"], Resource: expect.stringContaining(".arn}") }] },
    ]);
  });

  test("names a role's grants by that role's own count, whatever other roles were granted first", () => {
    const { stack, table, role } = tableStack();
    const other = new IamRole(stack, "other", { name: "writer", assumeRolePolicy: "{}" });
    table.grant(other, "dynamodb:PutItem");
    table.grant(role, "dynamodb:GetItem");
    expect(Object.keys(resources(synth(stack), "aws_iam_role_policy")).map((id) => id.replace(/_[0-9A-F]{8}$/, ""))).toEqual([
      "other_apartments-grant-1",
      "role_apartments-grant-1",
    ]);
  });

  test("fails on a wildcard or empty grant, naming the actions", () => {
    const { table, role } = tableStack();
    expect(() => table.grant(role, "dynamodb:*")).toThrow('grant actions ["dynamodb:*"] must be one or more DynamoDB actions without wildcards');
    expect(() => table.grant(role)).toThrow("grant actions [] must be one or more DynamoDB actions");
  });
});
