import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/schema";
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
 * Every stack of one environment, in deploy order. `webContent` is the built web app the site
 * uploads; pass one build to every environment of a synth.
 */
export function buildEnvironment(scope: Construct, config: EnvironmentConfig, webContent: string = ensureWebBuild()): EnvironmentStacks {
  const state = config.backend.type === "s3" ? new StateStack(scope, { ...config, backend: config.backend }) : undefined;
  const dns = new DnsStack(scope, config);
  const site = new SiteStack(scope, config, {
    dns,
    contentDirectory: webContent,
    apiDomainName: `${config.api.subdomain}.${config.domain}`,
  });
  const api = new ApiStack(scope, config, { dns });
  const workflow = new WorkflowStack(scope, config, { tables: api.tables });
  const network = new NetworkStack(scope, config, { dns, tables: api.tables });
  const monitoring = new MonitoringStack(scope, config, { api, site, network });
  return { state, dns, site, api, workflow, network, monitoring };
}
