import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey as KmsKeyResource } from "@cdktf/provider-aws/lib/kms-key";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Lazy, Token } from "cdktf";
import { Construct } from "constructs";
import { allow, policyDocument, type PolicyStatement } from "../lib/iam";

/** What a service or role needs to encrypt and decrypt with the key (no administration). */
export const KEY_USE_ACTIONS = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"] as const;

/**
 * Administration of the key, for the account (and through IAM policies, its administrators): every
 * management action, none that encrypts or decrypts. Without a statement that lets the account
 * manage the key, nobody could ever change its policy again (KMS "unmanageable key").
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export const KEY_ADMIN_ACTIONS = [
  "kms:CancelKeyDeletion", "kms:Create*", "kms:Delete*", "kms:Describe*", "kms:Disable*", "kms:Enable*",
  "kms:Get*", "kms:List*", "kms:Put*", "kms:Revoke*", "kms:ScheduleKeyDeletion", "kms:TagResource",
  "kms:UntagResource", "kms:Update*",
] as const;

/** Services that use the key on a caller's behalf (kms:ViaService), as `<service>.<region>.amazonaws.com` prefixes. */
export type ViaService = "dynamodb" | "lambda" | "s3" | "states";

export interface KmsKeyProps {
  /** Alias name without the `alias/` prefix, e.g. "booking-prod-api" (see `Names.of`). */
  readonly alias: string;
  readonly description: string;
  readonly accountId: string;
  /** Region of the key; it must be the region of every resource it encrypts. */
  readonly region: string;
  /** Provider of that region. @default - the stack's default provider */
  readonly provider?: AwsProvider;
  /**
   * Days a deleted key waits before it is gone (7-30).
   * @default 30
   */
  readonly deletionWindowDays?: number;
}

/**
 * A customer-managed symmetric KMS key with yearly automatic rotation, an alias, and a key policy
 * that names exactly what uses it: the account may administer it (not use it); each service that
 * encrypts with it is added with {@link allowViaService} (callers in the account whose IAM policies
 * allow it, only through that service) or {@link allowServicePrincipal} (a service principal, with
 * the condition that ties it to this environment's resources). Roles get their IAM side with
 * {@link grant}.
 */
export class KmsKey extends Construct {
  public readonly key: KmsKeyResource;
  public readonly alias: KmsAlias;
  private readonly statements: PolicyStatement[] = [];
  private readonly via = new Map<string, Set<string>>();
  private readonly grants = new Map<IamRole, number>();
  private readonly props: KmsKeyProps;

  constructor(scope: Construct, id: string, props: KmsKeyProps) {
    super(scope, id);
    this.props = props;
    const where = `KmsKey ${this.node.path}`;
    if (!Token.isUnresolved(props.alias) && !/^(?!aws\/|alias\/)[A-Za-z0-9/_-]{1,250}$/.test(props.alias)) {
      throw new Error(`${where}: alias "${props.alias}" must be 1-250 characters of letters, digits, "/", "_" and "-", without the "alias/" prefix and not starting with "aws/", e.g. "booking-prod-api"`);
    }
    const window = props.deletionWindowDays ?? 30;
    if (!Number.isInteger(window) || window < 7 || window > 30) {
      throw new Error(`${where}: deletionWindowDays ${window} must be a whole number of days from 7 to 30, e.g. 30`);
    }
    const account = `arn:aws:iam::${props.accountId}:root`;
    this.statements.push({
      Sid: "AccountAdministersNotUses",
      Effect: "Allow",
      Principal: { AWS: account },
      Action: [...KEY_ADMIN_ACTIONS],
      Resource: "*",
    });
    this.key = new KmsKeyResource(this, "key", {
      provider: props.provider,
      description: props.description,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: window,
      policy: Lazy.stringValue({ produce: () => policyDocument(...this.policyStatements()) }),
    });
    this.alias = new KmsAlias(this, "alias", { provider: props.provider, name: `alias/${props.alias}`, targetKeyId: this.key.keyId });
  }

  /** The key's ARN: what encryption settings and IAM policies take (an alias ARN does not authorize in IAM). */
  public get arn(): string {
    return this.key.arn;
  }

  /**
   * Lets principals of this account use the key only through `service` (its kms:ViaService), for
   * example DynamoDB on behalf of the roles that read a table, or S3 for the deployer that uploads.
   * Each principal still needs an IAM policy that allows it ({@link grant}, or the deployer's role).
   */
  public allowViaService(service: ViaService, extraActions: readonly string[] = []): void {
    const actions = this.via.get(service) ?? new Set<string>(KEY_USE_ACTIONS);
    for (const a of extraActions) actions.add(a);
    this.via.set(service, actions);
  }

  /** A statement for a service principal (CloudWatch Logs, CloudFront, log delivery), with the condition that scopes it. */
  public allowServicePrincipal(sid: string, service: string, actions: readonly string[], condition: Record<string, Record<string, unknown>>): void {
    this.checkSid(sid);
    this.statements.push({ Sid: sid, Effect: "Allow", Principal: { Service: service }, Action: [...actions], Resource: "*", Condition: condition });
  }

  /**
   * Lets CloudWatch Logs of this region encrypt the log groups whose names start with one of
   * `namePrefixes` (the encryption context carries the log group's ARN).
   * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
   */
  public allowLogGroups(...namePrefixes: string[]): void {
    const sid = "CloudWatchLogs";
    const existing = this.statements.find((s) => s.Sid === sid);
    const arns = namePrefixes.map((p) => `arn:aws:logs:${this.props.region}:${this.props.accountId}:log-group:${p}*`);
    if (existing) {
      const like = existing.Condition!.ArnLike as Record<string, string[]>;
      like["kms:EncryptionContext:aws:logs:arn"] = [...new Set([...like["kms:EncryptionContext:aws:logs:arn"], ...arns])];
      return;
    }
    this.allowServicePrincipal(sid, `logs.${this.props.region}.amazonaws.com`, ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"], {
      ArnLike: { "kms:EncryptionContext:aws:logs:arn": arns },
    });
  }

  /**
   * Lets the roles with these ARNs call `actions` directly (not only through a service), e.g. a Lambda
   * role that decrypts its environment variables. Named by aws:PrincipalArn under the account
   * principal, so the role may be created after the key (KMS rejects a policy naming a missing role).
   */
  public allowRoles(sid: string, roleArns: readonly string[], actions: readonly string[] = ["kms:Decrypt"]): void {
    this.checkSid(sid);
    this.statements.push({
      Sid: sid,
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${this.props.accountId}:root` },
      Action: [...actions],
      Resource: "*",
      Condition: { ArnEquals: { "aws:PrincipalArn": [...roleArns] } },
    });
  }


  /** An inline policy on `role` allowing exactly these KMS actions on this key (scoped further by `condition`). */
  public grant(role: IamRole, actions: readonly string[] = ["kms:Decrypt", "kms:GenerateDataKey"], condition?: Record<string, Record<string, unknown>>): IamRolePolicy {
    const n = (this.grants.get(role) ?? 0) + 1;
    this.grants.set(role, n);
    return new IamRolePolicy(role, `${this.node.id}-kms-grant-${n}`, {
      role: role.name,
      name: `kms-${this.node.id}-${n}`,
      policy: policyDocument({ ...allow(actions, this.key.arn), ...(condition ? { Condition: condition } : {}) }),
    });
  }

  private checkSid(sid: string): void {
    if (!/^[A-Za-z0-9]+$/.test(sid) || this.statements.some((s) => s.Sid === sid)) {
      throw new Error(`KmsKey ${this.node.path}: sid "${sid}" must be unique letters and digits, e.g. "CloudWatchLogs"`);
    }
  }

  private policyStatements(): PolicyStatement[] {
    const viaStatements: PolicyStatement[] = [...this.via.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([service, actions]) => ({
      Sid: `UseThrough${service[0].toUpperCase()}${service.slice(1)}`,
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${this.props.accountId}:root` },
      Action: [...actions].sort(),
      Resource: "*",
      Condition: {
        StringEquals: { "kms:ViaService": `${service}.${this.props.region}.amazonaws.com`, "kms:CallerAccount": this.props.accountId },
      },
    }));
    return [...this.statements, ...viaStatements];
  }
}
