/**
 * Where the AWS SDK (and so Terraform's AWS provider) would find credentials, checked before any
 * Terraform runs, so a missing login is one clear message instead of a provider error per stack.
 * Order follows the SDK's default chain: environment keys, web identity (OIDC in CI), a named or
 * default profile (keys, SSO, role, credential_process), container credentials; EC2 instance
 * roles cannot be seen without calling the metadata service, hence the explicit opt-in.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface CredentialCheck {
  /** Where credentials come from, e.g. "AWS_PROFILE=dev-admin (~/.aws/config, sso)"; undefined when none. */
  readonly source?: string;
  /** What was looked at and how to get credentials, when none were found. */
  readonly problem?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Profile sections of an AWS config or credentials file: `[profile x]`/`[x]` -> keys. */
function profiles(path: string, configFile: boolean): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  if (!existsSync(path)) return result;
  let current: Set<string> | undefined;
  for (const raw of readFileSync(path, "utf8").split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (section) {
      const name = configFile ? section[1].replace(/^profile\s+/, "") : section[1];
      current = result.get(name) ?? new Set();
      result.set(name, current);
    } else if (current && /^[A-Za-z_]+\s*=/.test(line)) current.add(line.split("=")[0].trim());
  }
  return result;
}

const USABLE = ["aws_access_key_id", "sso_session", "sso_start_url", "role_arn", "credential_process", "web_identity_token_file", "login_session"];

export function checkAwsCredentials(env: Env, home: string = homedir()): CredentialCheck {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return { source: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment" };
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return { source: `web identity token ${env.AWS_WEB_IDENTITY_TOKEN_FILE} for ${env.AWS_ROLE_ARN}` };
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return { source: "container credentials (AWS_CONTAINER_CREDENTIALS_*)" };

  const configPath = env.AWS_CONFIG_FILE || join(home, ".aws", "config");
  const credentialsPath = env.AWS_SHARED_CREDENTIALS_FILE || join(home, ".aws", "credentials");
  const fromConfig = profiles(configPath, true);
  const fromCredentials = profiles(credentialsPath, false);
  const profile = env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || "default";
  const keys = new Set([...(fromConfig.get(profile) ?? []), ...(fromCredentials.get(profile) ?? [])]);
  const usable = USABLE.filter((k) => keys.has(k));
  if (usable.length > 0) return { source: `profile "${profile}" (${configPath} / ${credentialsPath}: ${usable.join(", ")})` };

  const known = [...new Set([...fromConfig.keys(), ...fromCredentials.keys()])];
  const lines = [
    "No AWS credentials found. Looked at:",
    `  - AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY: ${env.AWS_ACCESS_KEY_ID ? "AWS_SECRET_ACCESS_KEY is missing" : "not set"}`,
    `  - AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN (OIDC, as in CI): ${env.AWS_WEB_IDENTITY_TOKEN_FILE ? "AWS_ROLE_ARN is missing" : "not set"}`,
    `  - AWS_PROFILE: ${env.AWS_PROFILE ? `"${env.AWS_PROFILE}"` : `not set (so profile "default")`}`,
    `  - ${configPath}: ${existsSync(configPath) ? `profiles ${known.join(", ") || "none"}` : "missing"}; ${credentialsPath}: ${existsSync(credentialsPath) ? "present" : "missing"}`,
    keys.size > 0 ? `    profile "${profile}" exists but holds none of ${USABLE.join(", ")}` : `    no profile "${profile}"`,
    "  - AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI (ECS): not set",
    "How to get credentials (the environment's account id is in config/environments/<env>.ts):",
    "  - IAM Identity Center (SSO): aws configure sso --profile <name>, then aws sso login --profile <name> and export AWS_PROFILE=<name>",
    "  - access keys of a role you may use: aws configure --profile <name>, then export AWS_PROFILE=<name>",
    "  - on EC2 with an instance role: add --instance-role (instance metadata is not checked beforehand)",
    "  - in GitHub Actions the workflows assume the OIDC roles of the bootstrap stack (docs/delivery.md)",
  ];
  return { problem: lines.join("\n") };
}

/** HCP Terraform: a token from `terraform login` or TF_TOKEN_<host>. */
export function checkHcpToken(env: Env, hostname: string, home: string = homedir()): CredentialCheck {
  const variable = `TF_TOKEN_${hostname.replace(/\./g, "_").replace(/-/g, "__")}`;
  if (env[variable]) return { source: `${variable} in the environment` };
  const file = join(home, ".terraform.d", "credentials.tfrc.json");
  try {
    const json = JSON.parse(readFileSync(file, "utf8")) as { credentials?: Record<string, { token?: string }> };
    if (json.credentials?.[hostname]?.token) return { source: `${file} (terraform login)` };
  } catch {
    // missing or unreadable: reported below
  }
  return {
    problem: [
      `No HCP Terraform token for ${hostname} found. Looked at: ${variable} (not set) and ${file} (${existsSync(file) ? `no token for ${hostname}` : "missing"}).`,
      `How to get one: terraform login ${hostname}, or export ${variable}=<user or team API token>.`,
      "AWS credentials come from the workspace (TFC_AWS_PROVIDER_AUTH, TFC_AWS_RUN_ROLE_ARN), not from this machine (docs/delivery.md).",
    ].join("\n"),
  };
}
