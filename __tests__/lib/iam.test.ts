import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { allow, assumeRolePolicy, policy, policyDocument } from "../../lib/iam";

const ROOT = join(__dirname, "..", "..");

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name));
}

describe("lib/iam", () => {
  it("policy and policyDocument spell the version once, statements in order", () => {
    const statement = { Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "arn:fn" } as const;
    expect(policy(statement)).toEqual({ Version: "2012-10-17", Statement: [statement] });
    expect(policyDocument(statement)).toBe('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"arn:fn"}]}');
  });

  it("assumeRolePolicy adds the condition only when given", () => {
    expect(JSON.parse(assumeRolePolicy("ec2.amazonaws.com")).Statement).toEqual([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);
    expect(assumeRolePolicy("scheduler.amazonaws.com", { StringEquals: { "aws:SourceAccount": "123456789012" } })).toBe(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"scheduler.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}',
    );
  });

  it("allow deduplicates and sorts the actions", () => {
    expect(allow(["s3:PutObject", "s3:GetObject", "s3:PutObject"], "arn:b/*")).toEqual({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:b/*" });
  });

  it("no construct, stack or app module builds a policy document by hand", () => {
    const handBuilt = ["constructs", "stacks", "app", "lib"]
      .flatMap(sources)
      .filter((file) => !file.endsWith(join("lib", "iam.ts")) && readFileSync(file, "utf8").includes('"2012-10-17"'));
    expect(handBuilt).toEqual([]);
  });
});
