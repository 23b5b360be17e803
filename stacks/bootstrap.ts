import type { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/schema";
import { BootstrapStack } from "./bootstrap-stack";
import type { EnvironmentStacks } from "./index";

/** One bootstrap stack per AWS account that holds an environment with `delivery` settings. */
export function buildBootstraps(scope: Construct, built: ReadonlyArray<{ config: EnvironmentConfig; stacks: EnvironmentStacks }>): BootstrapStack[] {
  const environments = built.map(({ config, stacks }) => ({
    config,
    stackIds: Object.values(stacks).filter((s): s is TerraformStack => s !== undefined).map((s) => s.node.id),
  }));
  const accounts = [...new Set(environments.filter((e) => e.config.delivery && !e.config.preview).map((e) => e.config.accountId))];
  return accounts.map((account) => new BootstrapStack(scope, account, environments.filter((e) => e.config.accountId === account)));
}
