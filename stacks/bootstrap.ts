import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/schema";
import { BootstrapStack } from "./bootstrap-stack";
import { environmentStackIds } from "./index";

/**
 * One bootstrap stack per AWS account that holds an environment with `delivery` settings, naming
 * the stacks of every environment of that account (their ids follow from config alone, so this
 * works whichever process built those stacks).
 */
export function buildBootstraps(scope: Construct, configs: readonly EnvironmentConfig[]): BootstrapStack[] {
  const environments = configs.map((config) => ({ config, stackIds: environmentStackIds(config) }));
  const accounts = [...new Set(environments.filter((e) => e.config.delivery && !e.config.preview).map((e) => e.config.accountId))];
  return accounts.map((account) => new BootstrapStack(scope, account, environments.filter((e) => e.config.accountId === account)));
}
