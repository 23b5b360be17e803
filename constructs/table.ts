import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { allow, policyDocument } from "../lib/iam";

/** A table's logical name and key: app/tables.ts's definitions satisfy it. */
export interface TableDefinition {
  /** Logical name, used in the ids and names of the grant policies. */
  readonly name: string;
  /** Partition (hash) key attribute, a string. */
  readonly partitionKey: string;
}
import type { KmsKey } from "./kms-key";

export const TABLE_READ_ACTIONS = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan"] as const;
export const TABLE_WRITE_ACTIONS = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"] as const;

export interface TableProps {
  /** Key schema and logical name, e.g. app/tables.ts's, shared with the code and the local DynamoDB server. */
  readonly definition: TableDefinition;
  /** Physical name (see `Names.of(…, "dynamodbTable")`). */
  readonly tableName: string;
  /**
   * Refuse deletion of the table (set in production).
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * Customer-managed key for encryption at rest. DynamoDB uses it through grants it creates on the
   * caller's behalf, so the key policy allows use through DynamoDB (with kms:CreateGrant) and each
   * role granted on the table gets kms:Decrypt/Encrypt/GenerateDataKey on the key.
   * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/encryption.usagenotes.html
   * @default - the AWS-managed key (aws/dynamodb)
   */
  readonly encryptionKey?: KmsKey;
  /**
   * Attribute holding an epoch-seconds expiry time: DynamoDB's TTL deletes the item after it.
   * @default - items never expire
   */
  readonly ttlAttribute?: string;
}

/**
 * A DynamoDB table: on-demand capacity, point-in-time recovery, server-side encryption with the
 * AWS-managed KMS key or a customer-managed one, optional TTL. Access is given with the grant methods, scoped to this table's ARN.
 */
export class Table extends Construct {
  public readonly table: DynamodbTable;
  public readonly definition: TableDefinition;
  public readonly encryptionKey?: KmsKey;
  /** Grants so far per role: ids and policy names stay the same whatever other stacks grant first. */
  private readonly grants = new Map<IamRole, number>();

  constructor(scope: Construct, id: string, props: TableProps) {
    super(scope, id);
    this.definition = props.definition;
    this.encryptionKey = props.encryptionKey;
    if (props.ttlAttribute !== undefined && !/^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/.test(props.ttlAttribute)) {
      throw new Error(`Table ${this.node.path}: ttlAttribute "${props.ttlAttribute}" must be an attribute name of 1-255 letters, digits, "_", "-" and ".", e.g. "expiresAt"`);
    }
    props.encryptionKey?.allowViaService("dynamodb", ["kms:CreateGrant"]);
    this.table = new DynamodbTable(this, "table", {
      name: props.tableName,
      billingMode: "PAY_PER_REQUEST",
      hashKey: props.definition.partitionKey,
      attribute: [{ name: props.definition.partitionKey, type: "S" }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: props.encryptionKey?.arn },
      ttl: props.ttlAttribute ? { enabled: true, attributeName: props.ttlAttribute } : undefined,
      deletionProtectionEnabled: props.deletionProtection ?? false,
    });
  }

  public get arn(): string {
    return this.table.arn;
  }

  public get name(): string {
    return this.table.name;
  }

  /**
   * Lets the role call exactly these DynamoDB actions on this table (an inline policy created beside
   * the role, so the role's stack owns it even when the table lives in another stack).
   */
  public grant(role: IamRole, ...actions: string[]): IamRolePolicy {
    const bad = actions.filter((a) => !/^dynamodb:[A-Z][A-Za-z]+$/.test(a));
    if (actions.length === 0 || bad.length > 0) {
      throw new Error(`Table ${this.node.path}: grant actions ${JSON.stringify(bad.length ? bad : actions)} must be one or more DynamoDB actions without wildcards, e.g. "dynamodb:GetItem"`);
    }
    const n = (this.grants.get(role) ?? 0) + 1;
    this.grants.set(role, n);
    return new IamRolePolicy(role, `${this.node.id}-grant-${n}`, {
      role: role.name,
      name: `${this.definition.name}-${n}`,
      policy: policyDocument(
        allow(actions, this.table.arn),
        // Reads decrypt and writes encrypt with the table's key, through DynamoDB only.
        ...(this.encryptionKey
          ? [{ Effect: "Allow" as const, Action: ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"], Resource: this.encryptionKey.arn, Condition: { StringLike: { "kms:ViaService": "dynamodb.*.amazonaws.com" } } }]
          : []),
      ),
    });
  }

  public grantReadData(role: IamRole): IamRolePolicy {
    return this.grant(role, ...TABLE_READ_ACTIONS);
  }

  public grantReadWriteData(role: IamRole): IamRolePolicy {
    return this.grant(role, ...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS);
  }
}
