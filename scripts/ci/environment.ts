/**
 * What a workflow needs to know about one environment, from config (the one source of truth):
 * where Terraform runs, the region, and the ARNs of the CI roles the bootstrap stack created.
 *
 *   tsx scripts/ci/environment.ts <env>  >> "$GITHUB_OUTPUT"
 */
import { loadConfig } from "../../config";
import { ciRoleArn, ciRoleNames } from "../../stacks/bootstrap-stack";

export function environmentOutputs(environment: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const [config] = loadConfig({ env: { ...env, STAGE: environment } });
  const base = config.preview ? loadConfig({ env: { ...env, STAGE: config.preview.of } })[0] : config;
  if (!base.delivery) throw new Error(`${base.name}.delivery: is not set, so no CI roles exist for ${environment}; add delivery: { repository: "owner/name" } to config/environments/${base.name}.ts and apply the bootstrap stack`);
  const names = ciRoleNames(base);
  return {
    environment,
    mode: base.delivery.runs,
    region: config.region,
    account_id: config.accountId,
    plan_role_arn: ciRoleArn(base, names.plan),
    apply_role_arn: ciRoleArn(base, config.preview ? names.preview : names.apply),
    hcp_hostname: config.backend.type === "cloud" ? config.backend.hostname : "",
  };
}

if (require.main === module) {
  try {
    const outputs = environmentOutputs(process.argv[2] ?? "");
    process.stdout.write(Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(""));
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 1;
  }
}
