import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/schema";
import { ApiStack } from "./api-stack";
import { DnsStack } from "./dns-stack";
import { StateStack } from "./state-stack";
import { WorkflowStack } from "./workflow-stack";

export interface EnvironmentStacks {
  /** Only with the `s3` backend: HCP Terraform and local state need no bucket. */
  readonly state?: StateStack;
  readonly dns: DnsStack;
  readonly api: ApiStack;
  readonly workflow: WorkflowStack;
}

/** Every stack of one environment, in deploy order. */
export function buildEnvironment(scope: Construct, config: EnvironmentConfig): EnvironmentStacks {
  const state = config.backend.type === "s3" ? new StateStack(scope, { ...config, backend: config.backend }) : undefined;
  const dns = new DnsStack(scope, config);
  const api = new ApiStack(scope, config, { dns });
  const workflow = new WorkflowStack(scope, config, { tables: api.tables });
  return { state, dns, api, workflow };
}
