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
}

/**
 * A DynamoDB table: on-demand capacity, point-in-time recovery, server-side encryption with the
 * AWS-managed KMS key. Access is given with the grant methods, scoped to this table's ARN.
 */
export class Table extends Construct {
  public readonly table: DynamodbTable;
  public readonly definition: TableDefinition;
  /** Grants so far per role: ids and policy names stay the same whatever other stacks grant first. */
  private readonly grants = new Map<IamRole, number>();

  constructor(scope: Construct, id: string, props: TableProps) {
    super(scope, id);
    this.definition = props.definition;
    this.table = new DynamodbTable(this, "table", {
      name: props.tableName,
      billingMode: "PAY_PER_REQUEST",
      hashKey: props.definition.partitionKey,
      attribute: [{ name: props.definition.partitionKey, type: "S" }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true },
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
      policy: policyDocument(allow(actions, this.table.arn)),
    });
  }

  public grantReadData(role: IamRole): IamRolePolicy {
    return this.grant(role, ...TABLE_READ_ACTIONS);
  }

  public grantReadWriteData(role: IamRole): IamRolePolicy {
    return this.grant(role, ...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS);
  }
}
