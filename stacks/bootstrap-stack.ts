import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/schema";
import { configureBackend, cloudWorkspaceName } from "../constructs/backend";
import { stateBackend, stateKey } from "./environment-stack";
import { suppress } from "../policies/suppress";
import {
  GITHUB_OIDC_AUDIENCE,
  GITHUB_OIDC_HOST,
  HCP_AUDIENCE,
  PLAN_MANAGED_POLICY,
  applyRolePolicy,
  githubSubjectPrefix,
  githubTrustPolicy,
  hcpTrustPolicy,
  planRolePolicy,
  type StateAccess,
} from "./bootstrap-policies";

/** The CI roles live under this IAM path, which the apply roles' name-scoped grants never match. */
export const CI_ROLE_PATH = "/ci/";

/** Names of the CI roles of one environment (the workflows derive the ARNs the same way). */
export function ciRoleNames(config: Pick<EnvironmentConfig, "project" | "name">) {
  const base = `${config.project}-${config.name}`;
  return { plan: `${base}-ci-plan`, apply: `${base}-ci-apply`, preview: `${base}-ci-preview`, hcpRun: `${base}-hcp-run` };
}

/** ARN of a CI role of the environment's account. */
export function ciRoleArn(config: Pick<EnvironmentConfig, "accountId">, roleName: string): string {
  return `arn:aws:iam::${config.accountId}:role${CI_ROLE_PATH}${roleName}`;
}

export interface BootstrapEnvironment {
  readonly config: EnvironmentConfig;
  /** The environment's synthesized stack ids (its HCP Terraform workspaces are named after them). */
  readonly stackIds: readonly string[];
}

/** Stack id of the bootstrap stack of an account. */
export function bootstrapStackId(accountId: string): string {
  return `bootstrap-${accountId}`;
}

/**
 * Once per AWS account, applied by an administrator before any workflow runs: the GitHub Actions
 * OIDC provider, and per environment with `delivery` a plan role (pull requests), an apply role
 * (the GitHub Environment of the same name) and, with previews, a preview role; with the `cloud`
 * backend also the HCP Terraform OIDC provider and a run role per environment. No stored keys.
 */
export class BootstrapStack extends TerraformStack {
  public readonly githubProvider: IamOpenidConnectProvider;
  public readonly roles: Record<string, IamRole> = {};

  constructor(scope: Construct, accountId: string, environments: readonly BootstrapEnvironment[]) {
    super(scope, bootstrapStackId(accountId));
    const delivered = environments.filter((e) => e.config.delivery && e.config.accountId === accountId && !e.config.preview);
    if (delivered.length === 0) throw new Error(`${this.node.path}: environments must hold at least one environment of account ${accountId} with delivery settings`);
    const home = delivered[0].config;
    new AwsProvider(this, "aws", { region: home.region, allowedAccountIds: [accountId], defaultTags: [{ tags: { ...home.tags, Environment: "bootstrap", Stack: this.node.id } }] });
    configureBackend(this, stateBackend(home), home.project, this.node.id);

    // GitHub's and AWS's docs: no thumbprint needed, AWS trusts the provider's certificate authority.
    this.githubProvider = new IamOpenidConnectProvider(this, "github", {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: [GITHUB_OIDC_AUDIENCE],
    });
    const hcpHosts = [...new Set(delivered.flatMap((e) => (e.config.backend.type === "cloud" ? [e.config.backend.hostname] : [])))];
    const hcpProviders = new Map(
      hcpHosts.map((host) => [host, new IamOpenidConnectProvider(this, `hcp-${host.replace(/[^a-z0-9]+/g, "-")}`, { url: `https://${host}`, clientIdList: [HCP_AUDIENCE] })]),
    );

    for (const { config, stackIds } of delivered) {
      const delivery = config.delivery!;
      const subject = githubSubjectPrefix(delivery.repository, delivery.repositoryIds);
      const names = ciRoleNames(config);
      const state = stateAccess(config, [`${config.name}-*`]);
      const tables = `arn:aws:dynamodb:*:${accountId}:table/${config.project}-${config.name}-*`;

      const plan = this.role(names.plan, `Terraform plans of ${config.name} from pull requests of ${delivery.repository}`, githubTrustPolicy(this.githubProvider.arn, [`${subject}:pull_request`]));
      new IamRolePolicyAttachment(this, `${names.plan}-read-only`, { role: plan.name, policyArn: PLAN_MANAGED_POLICY });
      const assumeRoles = config.parentZone?.delegationRoleArn ? [config.parentZone.delegationRoleArn] : [];
      new IamRolePolicy(this, `${names.plan}-state`, { role: plan.name, name: "state-read-and-lock", policy: JSON.stringify(planRolePolicy(state, tables, assumeRoles)) });

      const apply = this.role(names.apply, `Terraform applies of ${config.name} from the GitHub Environment "${config.name}" of ${delivery.repository}`, githubTrustPolicy(this.githubProvider.arn, [`${subject}:environment:${config.name}`]));
      this.applyPolicy(apply, names.apply, { namePrefix: `${config.project}-${config.name}-`, accountId, regions: [config.region, config.backend.type === "s3" ? config.backend.region : config.region], state, assumeRoles });

      if (delivery.previews) {
        // Previews are named pr<number>; "booking-pr" would also match an environment "prod" or "prx" here.
        const denyPrefixes = environments.filter((e) => e.config.accountId === accountId && e.config.name.startsWith("pr")).map((e) => `${e.config.project}-${e.config.name}-`);
        const base = stateAccess(config, ["pr*"]);
        const previewState = base && { ...base, readOnlyStacks: [`${config.name}-dns`] };
        const preview = this.role(names.preview, `Preview environments pr<number> derived from ${config.name}, from the GitHub Environment "preview"`, githubTrustPolicy(this.githubProvider.arn, [`${subject}:environment:preview`]));
        this.applyPolicy(preview, names.preview, { namePrefix: `${config.project}-pr`, accountId, regions: [config.region], state: previewState, denyPrefixes });
      }

      if (config.backend.type === "cloud") {
        const backend = config.backend;
        const workspaces = stackIds.map((id) => cloudWorkspaceName(backend, config.project, id));
        const trust = hcpTrustPolicy(hcpProviders.get(backend.hostname)!.arn, backend.hostname, backend.organization, backend.project ?? "Default Project", workspaces);
        const run = this.role(names.hcpRun, `HCP Terraform runs of the ${config.name} workspaces`, trust);
        this.applyPolicy(run, names.hcpRun, { namePrefix: `${config.project}-${config.name}-`, accountId, regions: [config.region], state, assumeRoles });
      }
    }

    new TerraformOutput(this, "github_oidc_provider_arn", { value: this.githubProvider.arn, description: "ARN of the GitHub Actions OIDC provider of this account" });
    new TerraformOutput(this, "role_arns", {
      value: Object.fromEntries(Object.entries(this.roles).map(([name, role]) => [name, role.arn])),
      description: "ARN of every CI role, by name (the workflows build the same ARNs from config)",
    });
  }

  private role(name: string, description: string, trust: object): IamRole {
    const role = new IamRole(this, name, {
      name,
      path: CI_ROLE_PATH,
      description,
      assumeRolePolicy: JSON.stringify(trust),
      maxSessionDuration: 3600,
    });
    this.roles[name] = role;
    return role;
  }

  private applyPolicy(role: IamRole, name: string, options: Parameters<typeof applyRolePolicy>[0]): void {
    const policy = new IamRolePolicy(this, `${name}-deploy`, { role: role.name, name: "deploy", policy: JSON.stringify(applyRolePolicy(options)) });
    suppress(policy, "iam-no-wildcard-resources", "EC2, ELB, Auto Scaling, Route53, ACM, CloudFront, WAF, API Gateway, SNS, KMS, Cognito and CloudWatch address resources by generated ids, so the role that creates them cannot name them in advance; limited to the environment's regions, and every name-addressable service is scoped to the environment's name prefix (docs/delivery.md)");
  }
}

/** The S3 state of the environment's stacks; none with HCP Terraform or local state. */
function stateAccess(config: EnvironmentConfig, stacks: string[]): StateAccess | undefined {
  if (config.backend.type !== "s3") return undefined;
  return { bucket: config.backend.bucket, keyPrefix: config.backend.keyPrefix, stacks, kms: stateKey(config) };
}
