import { BootstrapStack } from "../../stacks/bootstrap-stack";
import { only, resources, rolePolicies, scrub, synth, testConfig, Testing, type Json } from "../helpers";
import { join } from "node:path";

const WEB_FIXTURE = join(__dirname, "..", "fixtures", "web-dist");

const REPO = "example-org/booking";
const DEV_STACKS = ["dev-state", "dev-dns", "dev-site", "dev-api", "dev-workflow", "dev-network"];

function bootstrap(overrides: Record<string, string> = {}, stackIds = DEV_STACKS): Json {
  const config = testConfig("dev", overrides);
  return synth(new BootstrapStack(Testing.app(), config.accountId, [{ config, stackIds }]));
}

function role(json: Json, name: string): Json {
  const found = Object.values(resources(json, "aws_iam_role")).find((r) => r.name === name);
  if (!found) throw new Error(`no role ${name}; roles: ${Object.values(resources(json, "aws_iam_role")).map((r) => r.name).join(", ")}`);
  return found;
}

/**
 * Why a trust policy does not trust exactly `subjects` of GitHub's provider with the STS audience:
 * any other audience, a wildcard, a StringLike on the subject, or an extra statement is a problem.
 */
function githubTrustProblems(trust: Json, subjects: string[]): string[] {
  const problems: string[] = [];
  if (trust.Statement.length !== 1) problems.push(`${trust.Statement.length} statements`);
  for (const s of trust.Statement) {
    if (s.Action !== "sts:AssumeRoleWithWebIdentity") problems.push(`action ${s.Action}`);
    if (!/aws_iam_openid_connect_provider\.github\.arn/.test(s.Principal?.Federated ?? "")) problems.push(`principal ${JSON.stringify(s.Principal)}`);
    const eq = s.Condition?.StringEquals ?? {};
    if (eq["token.actions.githubusercontent.com:aud"] !== "sts.amazonaws.com") problems.push(`audience ${JSON.stringify(eq["token.actions.githubusercontent.com:aud"])}`);
    const sub = [eq["token.actions.githubusercontent.com:sub"]].flat();
    if (JSON.stringify(sub) !== JSON.stringify(subjects)) problems.push(`subjects ${JSON.stringify(sub)}, expected ${JSON.stringify(subjects)}`);
    for (const v of sub) if (/[*?]/.test(v ?? "")) problems.push(`wildcard subject ${v}`);
    const other = Object.keys(s.Condition ?? {}).filter((k) => k !== "StringEquals");
    if (other.length > 0) problems.push(`other condition operators ${other.join(", ")}`);
  }
  return problems;
}

/** Write actions a plan role's own policies allow, other than the lock files of its state. */
function planRoleWrites(policies: Json[]): string[] {
  const writes: string[] = [];
  for (const doc of policies) {
    for (const s of doc.Statement.filter((st: Json) => st.Effect === "Allow")) {
      for (const action of [s.Action].flat() as string[]) {
        const read = /^s3:(Get|List)/.test(action);
        const lock = /^s3:(PutObject|DeleteObject)$/.test(action) && [s.Resource].flat().every((r: string) => r.endsWith(".tflock"));
        if (!read && !lock) writes.push(`${action} on ${[s.Resource].flat().join(", ")}`);
      }
    }
  }
  return writes;
}

describe("bootstrap stack", () => {
  const json = bootstrap();

  test("creates GitHub's OIDC provider for the STS audience, without a thumbprint", () => {
    const provider = only(json, "aws_iam_openid_connect_provider");
    expect(provider.url).toBe("https://token.actions.githubusercontent.com");
    expect(provider.client_id_list).toEqual(["sts.amazonaws.com"]);
    expect(provider.thumbprint_list).toBeUndefined();
  });

  test("trusts the plan role only for this repository's pull requests", () => {
    const trust = JSON.parse(role(json, "booking-dev-ci-plan").assume_role_policy);
    expect(githubTrustProblems(trust, [`repo:${REPO}:pull_request`])).toEqual([]);
  });

  test("trusts the apply role only for the GitHub Environment of the same name", () => {
    const trust = JSON.parse(role(json, "booking-dev-ci-apply").assume_role_policy);
    expect(githubTrustProblems(trust, [`repo:${REPO}:environment:dev`])).toEqual([]);
  });

  test("fails the trust check when a subject is widened to repo:* or to any branch", () => {
    const trust = JSON.parse(role(json, "booking-dev-ci-apply").assume_role_policy);
    const widened = structuredClone(trust);
    widened.Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"] = "repo:*";
    expect(githubTrustProblems(widened, [`repo:${REPO}:environment:dev`])).toEqual([
      `subjects ["repo:*"], expected ["repo:${REPO}:environment:dev"]`,
      "wildcard subject repo:*",
    ]);
    const like = structuredClone(trust);
    like.Statement[0].Condition.StringLike = { "token.actions.githubusercontent.com:sub": `repo:${REPO}:*` };
    expect(githubTrustProblems(like, [`repo:${REPO}:environment:dev`])).toEqual(["other condition operators StringLike"]);
    const audience = structuredClone(trust);
    delete audience.Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:aud"];
    expect(githubTrustProblems(audience, [`repo:${REPO}:environment:dev`])).toEqual(["audience undefined"]);
  });

  test("fails to build a trust policy with a wildcard subject", () => {
    const { githubTrustPolicy } = require("../../stacks/bootstrap-policies") as typeof import("../../stacks/bootstrap-policies");
    expect(() => githubTrustPolicy("arn", ["repo:*"])).toThrow('bootstrap: OIDC subject "repo:*" must be exact (no "*" or "?"), e.g. "repo:acme/booking:pull_request"');
  });

  test("lets the plan role read (AWS ReadOnlyAccess) and write nothing but its state's lock files", () => {
    const attachments = Object.values(resources(json, "aws_iam_role_policy_attachment")).filter((a) => a.role.includes("booking-dev-ci-plan"));
    expect(attachments.map((a) => a.policy_arn)).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
    const policies = rolePolicies(json, "booking-dev-ci-plan");
    expect(policies).toHaveLength(1);
    // Besides the lock files, only the parent zone's delegation role, which the dns stack's plan assumes to read its zone.
    expect(planRoleWrites(policies)).toEqual(["sts:AssumeRole on arn:aws:iam::222222222222:role/booking-dns-delegation-dev"]);
    const lock = policies[0].Statement.find((s: Json) => s.Sid === "StateLock");
    expect(lock.Resource).toEqual(["arn:aws:s3:::booking-dev-tfstate-111111111111/booking/dev-*.tfstate.tflock"]);
    expect(policies[0].Statement.find((s: Json) => s.Sid === "NoGuestData").Effect).toBe("Deny");
  });

  test("fails the plan-role check when a policy lets it write state or anything else", () => {
    expect(planRoleWrites([{ Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/booking/dev-api.tfstate" }, { Effect: "Allow", Action: ["dynamodb:PutItem"], Resource: "*" }] }])).toEqual([
      "s3:PutObject on arn:aws:s3:::b/booking/dev-api.tfstate",
      "dynamodb:PutItem on *",
    ]);
  });

  test("keeps the CI roles under /ci/, out of reach of the apply role's name-scoped grants", () => {
    for (const name of ["booking-dev-ci-plan", "booking-dev-ci-apply", "booking-dev-ci-preview"]) expect(role(json, name).path).toBe("/ci/");
    const [apply] = rolePolicies(json, "booking-dev-ci-apply");
    const roles = apply.Statement.find((s: Json) => s.Sid === "Roles");
    expect(roles.Resource).toEqual(["arn:aws:iam::111111111111:role/booking-dev-*", "arn:aws:iam::111111111111:instance-profile/booking-dev-*"]);
    const deny = apply.Statement.find((s: Json) => s.Sid === "NeverTheCiRolesUsersOrProviders");
    expect(deny).toMatchObject({ Effect: "Deny", Action: ["iam:*"] });
    expect(deny.Resource).toContain("arn:aws:iam::111111111111:role/ci/*");
    expect(apply.Statement.filter((s: Json) => s.Effect === "Allow").flatMap((s: Json) => [s.Action].flat())).not.toContain("*");
  });

  test("gives previews their own role, for the GitHub Environment preview and pr* names only", () => {
    const trust = JSON.parse(role(json, "booking-dev-ci-preview").assume_role_policy);
    expect(githubTrustProblems(trust, [`repo:${REPO}:environment:preview`])).toEqual([]);
    const [policy] = rolePolicies(json, "booking-dev-ci-preview");
    expect(policy.Statement.find((s: Json) => s.Sid === "Buckets").Resource).toEqual(["arn:aws:s3:::booking-pr*", "arn:aws:s3:::booking-pr*/*"]);
    expect(policy.Statement.find((s: Json) => s.Sid === "StateReadWrite").Resource).toEqual([
      "arn:aws:s3:::booking-dev-tfstate-111111111111/booking/pr*.tfstate",
      "arn:aws:s3:::booking-dev-tfstate-111111111111/booking/pr*.tfstate.tflock",
    ]);
    expect(policy.Statement.find((s: Json) => s.Sid === "StateReadBase").Resource).toEqual(["arn:aws:s3:::booking-dev-tfstate-111111111111/booking/dev-dns.tfstate"]);
  });

  test("uses GitHub's immutable subject form when the repository ids are configured", () => {
    const ids = bootstrap({ "delivery.repositoryIds": '{"owner":123456,"repository":456789}' });
    const trust = JSON.parse(role(ids, "booking-dev-ci-plan").assume_role_policy);
    expect(githubTrustProblems(trust, ["repo:example-org@123456/booking@456789:pull_request"])).toEqual([]);
  });

  test("with HCP Terraform: its OIDC provider and a run role trusted for exactly the environment's workspaces", () => {
    const hcp = bootstrap(
      { backend: '{"type":"cloud","organization":"example-org","project":"booking"}', "delivery.runs": "hcp-terraform" },
      ["dev-dns", "dev-api"],
    );
    const provider = Object.values(resources(hcp, "aws_iam_openid_connect_provider")).find((p) => p.url === "https://app.terraform.io");
    expect(provider!.client_id_list).toEqual(["aws.workload.identity"]);
    // HCP Terraform keeps the state: no role gets statements for a state bucket.
    expect(rolePolicies(hcp, "booking-dev-ci-plan")[0].Statement.map((s: Json) => s.Sid)).toEqual(["ParentZoneDelegation", "NoGuestData"]);
    expect(JSON.stringify(rolePolicies(hcp, "booking-dev-hcp-run"))).not.toContain("tfstate");
    const trust = JSON.parse(role(hcp, "booking-dev-hcp-run").assume_role_policy);
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: { "app.terraform.io:aud": "aws.workload.identity" },
      StringLike: {
        "app.terraform.io:sub": [
          "organization:example-org:project:booking:workspace:booking-dev-dns:run_phase:*",
          "organization:example-org:project:booking:workspace:booking-dev-api:run_phase:*",
        ],
      },
    });
  });
});

describe("bootstrap stack snapshot", () => {
  test("dev's account, default configuration", () => {
    expect(scrub(bootstrap())).toMatchSnapshot();
  });
});

describe("environmentStackIds (the bootstrap stacks name stacks built in other synth processes)", () => {
  test("are the ids of the stacks buildEnvironment builds, in the same order, for a full environment and a preview", () => {
    const { buildEnvironment, environmentStackIds } = jest.requireActual<typeof import("../../stacks")>("../../stacks");
    const { previewInput } = jest.requireActual<typeof import("../../config/preview")>("../../config/preview");
    const { environmentSchema } = jest.requireActual<typeof import("../../config/schema")>("../../config/schema");
    const { environments } = jest.requireActual<typeof import("../../config/environments")>("../../config/environments");
    const preview = environmentSchema.parse(previewInput(environments.dev, 42));
    for (const config of [testConfig("dev"), testConfig("prod"), preview]) {
      const built = Object.values(buildEnvironment(Testing.app(), config, WEB_FIXTURE)).filter((s) => s !== undefined).map((s) => s!.node.id);
      expect(environmentStackIds(config)).toEqual(built);
    }
  });
});
