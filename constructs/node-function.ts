import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { AssetType, TerraformAsset, Token } from "cdktf";
import type { BuildOptions } from "esbuild";
import { Construct } from "constructs";
import { PROJECT_ROOT } from "../lib/paths";
import { isLogRetentionDays, LOG_RETENTION_DAYS } from "../lib/validation";
import { bundleCached } from "./esbuild-cache";
import type { KmsKey } from "./kms-key";
import { zipSync } from "./zip";
import { allow, assumeRolePolicy, policyDocument } from "../lib/iam";
import { writeFileOnce } from "../lib/atomic-write";


export interface NodeFunctionProps {
  /**
   * The handler's TypeScript file, absolute or relative to the project root (the folder of
   * package.json), e.g. "app/api/lambda.ts". It exports `handler`.
   */
  readonly entry: string;
  /** Physical name (see `Names.of(…, "lambda")`); the log group is `/aws/lambda/<functionName>`. */
  readonly functionName: string;
  /** How long CloudWatch Logs keeps the function's logs. */
  readonly logRetentionDays: number;
  /**
   * Memory in MB (CPU grows with it).
   * @default 512
   */
  readonly memoryMb?: number;
  /**
   * Seconds one invocation may run.
   * @default 10 - an API call behind API Gateway (which gives up after 30 s) should answer well before
   */
  readonly timeoutSeconds?: number;
  /**
   * Environment variables: resource names and settings, never secrets (they are visible in the console).
   * @default - none besides NODE_OPTIONS=--enable-source-maps
   */
  readonly environment?: Record<string, string>;
  /**
   * @default - "<functionName> (<entry>)"
   */
  readonly description?: string;
  /**
   * Customer-managed key for the environment variables and the log group; the function's role may
   * decrypt with it (Lambda decrypts the variables with the role's credentials).
   * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html
   * @default - the AWS-managed keys (aws/lambda; CloudWatch Logs' own encryption)
   */
  readonly encryptionKey?: KmsKey;
}

/**
 * A Node.js Lambda function bundled from TypeScript at synth time: esbuild (minified, external
 * source map, AWS SDK v3 left to the runtime, which ships it) into a deterministic zip, written
 * in-process and cached by content, that a TerraformAsset ships. nodejs22.x on arm64, X-Ray active tracing, a log group with retention that exists before
 * the function, and a role that may only write its own logs and traces; give it more with
 * {@link allow} or a construct's grant method (e.g. `Table.grant(fn.role, …)`).
 */
export class NodeFunction extends Construct {
  public static readonly RUNTIME = "nodejs22.x";
  public readonly function: LambdaFunction;
  public readonly role: IamRole;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly asset: TerraformAsset;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    const where = `NodeFunction ${this.node.path}`;
    const memoryMb = props.memoryMb ?? 512;
    const timeoutSeconds = props.timeoutSeconds ?? 10;
    const environment = { NODE_OPTIONS: "--enable-source-maps", ...props.environment };
    if (!Token.isUnresolved(props.functionName) && !/^[A-Za-z0-9_-]{1,64}$/.test(props.functionName)) {
      throw new Error(`${where}: functionName "${props.functionName}" must be 1-64 letters, digits, "-" or "_", e.g. "booking-dev-api"`);
    }
    if (!Number.isInteger(memoryMb) || memoryMb < 128 || memoryMb > 10240) {
      throw new Error(`${where}: memoryMb ${memoryMb} must be a whole number from 128 to 10240, e.g. 512`);
    }
    if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 900) {
      throw new Error(`${where}: timeoutSeconds ${timeoutSeconds} must be a whole number from 1 to 900, e.g. 10`);
    }
    if (!isLogRetentionDays(props.logRetentionDays)) {
      throw new Error(`${where}: logRetentionDays ${props.logRetentionDays} must be a CloudWatch Logs retention period (one of: ${LOG_RETENTION_DAYS.join(", ")})`);
    }
    for (const name of Object.keys(environment)) {
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name) || name.startsWith("AWS_")) {
        throw new Error(`${where}: environment variable "${name}" must be letters, digits and "_", start with a letter and not with AWS_ (reserved by Lambda), e.g. "TABLE_NAME"`);
      }
    }

    const root = PROJECT_ROOT;
    const entry = isAbsolute(props.entry) ? props.entry : resolve(root, props.entry);
    if (!existsSync(entry)) {
      throw new Error(`${where}: entry "${props.entry}" does not exist; give the handler file relative to the project root, e.g. "app/api/lambda.ts"`);
    }
    const bundle = bundleHandler(entry, root, where);
    this.asset = new TerraformAsset(this, "code", { path: bundle.zip, type: AssetType.FILE, assetHash: bundle.hash });

    this.logGroup = new CloudwatchLogGroup(this, "logs", {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.encryptionKey?.arn,
    });
    this.role = new IamRole(this, "role", {
      name: props.functionName,
      description: `Runs the Lambda function ${props.functionName}`,
      assumeRolePolicy: assumeRolePolicy("lambda.amazonaws.com"),
    });
    if (props.encryptionKey) {
      const key = props.encryptionKey;
      key.allowLogGroups(`/aws/lambda/${props.functionName}`);
      key.allowViaService("lambda", ["kms:CreateGrant"]);
      key.allowRoles(`FunctionRole${props.functionName.replace(/[^A-Za-z0-9]/g, "")}`, [this.role.arn]);
      key.grant(this.role, ["kms:Decrypt"]);
    }
    this.allow("logs", ["logs:CreateLogStream", "logs:PutLogEvents"], [`${this.logGroup.arn}:*`]);
    // X-Ray has no resource-level permissions: "*" is the only resource these actions accept.
    this.allow("xray", ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], ["*"]);

    this.function = new LambdaFunction(this, "function", {
      functionName: props.functionName,
      description: props.description ?? `${props.functionName} (${relative(root, entry)})`,
      role: this.role.arn,
      runtime: NodeFunction.RUNTIME,
      architectures: ["arm64"],
      handler: "index.handler",
      filename: this.asset.path,
      // Base64 SHA-256 of the (deterministic) zip, as Lambda reports it: changes exactly with the code.
      sourceCodeHash: bundle.zipSha256,
      memorySize: memoryMb,
      timeout: timeoutSeconds,
      environment: { variables: environment },
      kmsKeyArn: props.encryptionKey?.arn,
      tracingConfig: { mode: "Active" },
      // Otherwise the first invocation may create the log group itself, without retention.
      dependsOn: [this.logGroup],
    });
  }

  /** Lets the function call exactly these actions on exactly these resources (an inline policy of its role). */
  public allow(name: string, actions: string[], resources: string[]): IamRolePolicy {
    const wildcard = actions.filter((a) => !/^[a-z0-9-]+:[A-Za-z]+$/.test(a));
    if (actions.length === 0 || wildcard.length > 0) {
      throw new Error(`NodeFunction ${this.node.path}: policy "${name}" actions ${JSON.stringify(wildcard.length ? wildcard : actions)} must be one or more actions without wildcards, e.g. "states:StartExecution"`);
    }
    if (resources.length === 0) {
      throw new Error(`NodeFunction ${this.node.path}: policy "${name}" needs at least one resource ARN, e.g. the state machine's ARN`);
    }
    return new IamRolePolicy(this, `policy-${name}`, {
      role: this.role.name,
      name,
      policy: policyDocument(allow(actions, resources.length === 1 ? resources[0] : resources)),
    });
  }
}

/**
 * Bundles the handler into `.build/lambda/<content hash>/` (git-ignored). The folder is named by
 * its content and written once by an atomic rename, so synths running side by side (tests, both
 * environments) share it and never see it half-written.
 */
interface HandlerBundle {
  /** The zip Lambda runs, in a content-addressed folder. */
  readonly zip: string;
  readonly hash: string;
  readonly zipSha256: string;
}

/**
 * How a handler is bundled for Lambda (besides entry, outfile and working folder); the API cold-start
 * bench (scripts/bench-api-init.ts) bundles with exactly these, so it measures what ships.
 */
export const LAMBDA_BUNDLE_OPTIONS: Readonly<BuildOptions> = {
  bundle: true,
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  platform: "node",
  target: "node20",
  format: "cjs",
  // The Lambda runtime ships the AWS SDK v3.
  external: ["@aws-sdk/*"],
  // node_modules may be a symlink; keep its paths (and so the bundle hash) the same everywhere.
  preserveSymlinks: true,
  logLevel: "silent",
};

function bundleHandler(entry: string, root: string, where: string): HandlerBundle {
  let bundle = bundles.get(entry);
  if (!bundle) {
    bundle = writeBundle(entry, root, where);
    bundles.set(entry, bundle);
  }
  return bundle;
}

/** Once per entry and process: every environment of a synth ships the same code. */
const bundles = new Map<string, HandlerBundle>();

function writeBundle(entry: string, root: string, where: string): HandlerBundle {
  const base = join(root, ".build", "lambda");
  let outputFiles;
  try {
    outputFiles = bundleCached({
      entryPoints: [entry],
      // Same depth as the final folder, so the source map's relative paths stay right.
      outfile: join(base, "bundle", "index.js"),
      write: false,
      ...LAMBDA_BUNDLE_OPTIONS,
      absWorkingDir: root,
    });
  } catch (error) {
    throw new Error(`${where}: bundling ${relative(root, entry)} failed: ${(error as Error).message}`);
  }
  const hash = createHash("sha256");
  for (const file of outputFiles) hash.update(file.name).update(file.contents);
  const digest = hash.digest("hex");
  // Content-addressed and written by rename: synths side by side never see half a zip.
  const zip = join(base, `${digest}.zip`);
  writeFileOnce(zip, () => zipSync(outputFiles));
  return { zip, hash: digest, zipSha256: createHash("sha256").update(readFileSync(zip)).digest("base64") };
}
