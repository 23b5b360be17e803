import { TerraformResource, type TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { encryptionOf, type EnvironmentConfig } from "../config/schema";
import { ruleById } from "../policies/rules";
import { suppress } from "../policies/suppress";
import { ApiStack } from "./api-stack";
import { DnsStack } from "./dns-stack";
import { MonitoringStack } from "./monitoring-stack";
import { NetworkStack } from "./network-stack";
import { SiteStack } from "./site-stack";
import { StateStack } from "./state-stack";
import { WorkflowStack } from "./workflow-stack";
import { ensureWebBuild } from "./web-build";

export interface EnvironmentStacks {
  /** Only with the `s3` backend: HCP Terraform and local state need no bucket. */
  readonly state?: StateStack;
  readonly dns: DnsStack;
  readonly site: SiteStack;
  readonly api: ApiStack;
  readonly workflow: WorkflowStack;
  readonly network: NetworkStack;
  /** Alarm topics and the dashboard; deployed last. */
  readonly monitoring: MonitoringStack;
}

/**
 * The ids of the stacks {@link buildEnvironment} builds for `config`, in the same order, without
 * building them (the bootstrap stacks of a synth split over worker processes name every
 * environment's stacks, built in other processes).
 */
export function environmentStackIds(config: EnvironmentConfig): string[] {
  const hasState = config.backend.type === "s3" && !config.preview;
  return [...(hasState ? ["state"] : []), "dns", "site", "api", "workflow", "network", "monitoring"].map((stack) => `${config.name}-${stack}`);
}

/**
 * Every stack of one environment, in deploy order. `webContent` is the built web app the site
 * uploads; pass one build to every environment of a synth.
 */
export function buildEnvironment(scope: Construct, config: EnvironmentConfig, webContent: string = ensureWebBuild()): EnvironmentStacks {
  // A preview keeps its state in its base environment's bucket (own keys): no state stack of its own.
  const state = config.backend.type === "s3" && !config.preview ? new StateStack(scope, { ...config, backend: config.backend }) : undefined;
  const dns = new DnsStack(scope, config);
  const site = new SiteStack(scope, config, {
    dns,
    contentDirectory: webContent,
    apiDomainName: `${config.api.subdomain}.${config.domain}`,
  });
  const api = new ApiStack(scope, config, { dns });
  const workflow = new WorkflowStack(scope, config, { tables: api.tables, dataKey: api.dataKey });
  const network = new NetworkStack(scope, config, { dns, tables: api.tables });
  const monitoring = new MonitoringStack(scope, config, { api, site, network });
  const stacks = { state, dns, site, api, workflow, network, monitoring };
  excuseConfiguredChoices(Object.values(stacks).filter((st) => st !== undefined), config);
  return stacks;
}

/**
 * The findings an environment's own settings cause on purpose, excused with the setting as the
 * reason: where `encryption` is "aws-managed" (no customer-managed keys) and where
 * `logRetentionDays` is under a year. Production (encryption "kms", 365 days) gets none of these.
 */
function excuseConfiguredChoices(stacks: readonly TerraformStack[], config: EnvironmentConfig): void {
  const excuse = (ruleId: string, reason: string) => {
    const types = ruleById(ruleId)!.resourceTypes;
    for (const stack of stacks) {
      const has = stack.node.findAll().some((c) => TerraformResource.isTerraformResource(c) && types.includes(c.terraformResourceType));
      if (has) suppress(stack, ruleId, reason);
    }
  };
  if (encryptionOf(config) === "aws-managed") {
    const why = `config encryption is "aws-managed" in ${config.name}: SSE-S3 and the AWS-managed keys, no key cost or key policy to keep; production uses "kms" (docs/data-protection.md)`;
    excuse("s3-kms-encryption", why);
    excuse("dynamodb-customer-key", why);
    excuse("logs-kms", why);
  }
  if (config.logRetentionDays < 365) {
    excuse("logs-retention-one-year", `config logRetentionDays is ${config.logRetentionDays} in ${config.name}: development logs are for debugging, not investigations; production keeps 365 days`);
  }
}
