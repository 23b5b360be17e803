import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SfnStateMachine } from "@cdktf/provider-aws/lib/sfn-state-machine";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { bookingDefinition, tableActions } from "../app/workflow/definition";
import type { EnvironmentConfig } from "../config/schema";
import type { KmsKey } from "../constructs/kms-key";
import type { Table } from "../constructs/table";
import type { ApiStack } from "./api-stack";
import { suppress } from "../policies/suppress";
import { addWorkflowAlarms } from "./alarms";
import { EnvironmentStack } from "./environment-stack";
import { assumeRolePolicy, policyDocument } from "../lib/iam";

/**
 * What Step Functions needs to deliver execution logs to CloudWatch Logs. These calls take no
 * resource-level permissions, hence "*".
 * https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html
 */
export const LOG_DELIVERY_ACTIONS = [
  "logs:CreateLogDelivery",
  "logs:DeleteLogDelivery",
  "logs:DescribeLogGroups",
  "logs:DescribeResourcePolicies",
  "logs:GetLogDelivery",
  "logs:ListLogDeliveries",
  "logs:PutResourcePolicy",
  "logs:UpdateLogDelivery",
] as const;

/** What X-Ray tracing of the executions needs (no resource-level permissions either). */
export const XRAY_ACTIONS = ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"] as const;

export interface WorkflowStackProps {
  /** The tables the workflow reads and writes (owned by the API stack). */
  readonly tables: ApiStack["tables"];
  /** The guest-data key of the API stack (encryption "kms"). @default - AWS-owned encryption */
  readonly dataKey?: KmsKey;
}

/**
 * The booking workflow: a Standard Step Functions state machine whose definition is built in
 * app/workflow/definition.ts, its role (exactly the DynamoDB actions the definition calls, on the
 * reservations and nights tables), execution logs (level ALL; execution data only where config allows, never in
 * production by default), X-Ray tracing, and the guest-data key when encryption is "kms".
 */
export class WorkflowStack extends EnvironmentStack {
  public readonly stateMachine: SfnStateMachine;
  public readonly role: IamRole;
  /**
   * The state machine's ARN, built from its config-derived name: what other stacks use, so that
   * they do not depend on this stack (which depends on the API stack's tables).
   */
  public readonly stateMachineArn: string;

  constructor(scope: Construct, config: EnvironmentConfig, props: WorkflowStackProps) {
    super(scope, "workflow", config);
    const name = this.names.bookingStateMachine;
    this.stateMachineArn = this.names.bookingStateMachineArn;
    // Each read of a table's name is a fresh token: read once, so the grants below can find them.
    const nightsTable = props.tables.nights.name;
    const reservationsTable = props.tables.reservations.name;
    const tableByName = new Map<string, Table>([[nightsTable, props.tables.nights], [reservationsTable, props.tables.reservations]]);
    const definition = bookingDefinition({ tables: { nights: nightsTable, reservations: reservationsTable }, pollSeconds: config.workflow.pollIntervalSeconds });

    // The /aws/vendedlogs/ prefix keeps Step Functions from growing the account's log resource policy.
    const key = props.dataKey;
    const logGroupName = `/aws/vendedlogs/states/${name}`;
    const logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: logGroupName,
      retentionInDays: config.logRetentionDays,
      kmsKeyId: key?.arn,
    });
    if (key) {
      key.allowLogGroups(logGroupName);
      // Log delivery reads the executions' events, which the key encrypts.
      // https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html
      key.allowServicePrincipal("StepFunctionsLogDelivery", "delivery.logs.amazonaws.com", ["kms:Decrypt"], {
        StringEquals: { "aws:SourceAccount": config.accountId },
      });
      key.allowViaService("states");
    }

    this.role = new IamRole(this, "role", {
      name: this.names.of("booking-workflow", "iamRole"),
      description: `Role of the ${name} state machine`,
      // Only this state machine of this account may assume the role (confused deputy).
      assumeRolePolicy: assumeRolePolicy("states.amazonaws.com", {
        StringEquals: { "aws:SourceAccount": config.accountId },
        ArnLike: { "aws:SourceArn": this.stateMachineArn },
      }),
    });

    const grants = [...tableActions(definition)].map(([tableName, actions]) => tableByName.get(tableName)!.grant(this.role, ...actions));
    const observability = new IamRolePolicy(this, "logs-and-tracing", {
      role: this.role.name,
      name: "logs-and-tracing",
      policy: policyDocument(
        { Sid: "LogDelivery", Effect: "Allow", Action: [...LOG_DELIVERY_ACTIONS], Resource: "*" },
        { Sid: "XRay", Effect: "Allow", Action: [...XRAY_ACTIONS], Resource: "*" },
      ),
    });

    const kmsGrant = key?.grant(this.role, ["kms:Decrypt", "kms:GenerateDataKey"], {
      StringEquals: { "kms:EncryptionContext:aws:states:stateMachineArn": this.stateMachineArn },
    });
    // Production logs say which state ran when and how it ended, never the data that passed through.
    const includeExecutionData = config.workflow.logExecutionData ?? !config.deletionProtection;
    this.stateMachine = new SfnStateMachine(this, "state-machine", {
      name,
      type: "STANDARD",
      roleArn: this.role.arn,
      definition: JSON.stringify(definition),
      loggingConfiguration: {
        logDestination: `${logGroup.arn}:*`,
        level: "ALL",
        includeExecutionData,
      },
      tracingConfiguration: { enabled: true },
      encryptionConfiguration: key
        ? { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId: key.arn, kmsDataKeyReusePeriodSeconds: 300 }
        : { type: "AWS_OWNED_KEY" },
      // Step Functions checks the role's log delivery (and key) permissions when it creates the machine.
      dependsOn: [...grants, observability, ...(kmsGrant ? [kmsGrant] : [])],
    });

    if (!includeExecutionData) {
      suppress(this.stateMachine, "stepfunctions-logging", `workflow.logExecutionData is off in ${config.name}: execution logs keep every state's name, timing and error but not the data that passed through it (reservation ids are bearer credentials; DynamoDB responses carry statuses); the execution history in Step Functions still has it, under the key`);
    }
    addWorkflowAlarms(this, logGroup);

    new TerraformOutput(this, "state_machine_arn", {
      value: this.stateMachine.arn,
      description: `ARN of the booking workflow state machine (${name}), started by the API`,
    });
  }
}
