import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { NIGHT_TTL_ATTRIBUTE, TABLES, tableEnvironment } from "../app/tables";
import { RESERVATION_TTL_ATTRIBUTE } from "../app/workflow/definition";
import { encryptionOf, type EnvironmentConfig } from "../config/schema";
import { HttpApi } from "../constructs/http-api";
import { KmsKey } from "../constructs/kms-key";
import { NodeFunction } from "../constructs/node-function";
import { Table } from "../constructs/table";
import { assumeRolePolicy, policyDocument } from "../lib/iam";
import type { DnsStack } from "./dns-stack";
import { addApiAlarms } from "./alarms";
import { EnvironmentStack } from "./environment-stack";

export interface ApiStackProps {
  /** The environment's dns stack: the API's domain and certificate records go in its zone. */
  readonly dns: DnsStack;
}

/**
 * The booking API: Lambda (app/api/lambda.ts) behind an API Gateway HTTP API on
 * `<api.subdomain>.<domain>`, and the tables it owns (the workflow and the reporting service use
 * them too).
 */
export class ApiStack extends EnvironmentStack {
  public readonly tables: { readonly apartments: Table; readonly reservations: Table; readonly nights: Table };
  /** Unpaid holds per guest e-mail hash (the hold limit); only the API uses it. */
  public readonly guestsTable: Table;
  /** Releases holds past deadline that no workflow owns (app/api/sweeper-lambda.ts), on a schedule. */
  public readonly sweeper: NodeFunction;
  public readonly function: NodeFunction;
  /** The API Lambda's role (it starts the workflow through its own grant on the state machine ARN). */
  public readonly functionRole: IamRole;
  public readonly httpApi: HttpApi;
  /** The API's custom domain, e.g. api.dev-booking.example.com. */
  public readonly domainName: string;
  /**
   * The guest-data key (encryption "kms"): the tables, the function's variables and logs, and the
   * workflow stack's state machine and logs (it depends on this stack; the API, which starts
   * executions, then needs no reference to the workflow stack).
   */
  public readonly dataKey?: KmsKey;

  constructor(scope: Construct, config: EnvironmentConfig, props: ApiStackProps) {
    super(scope, "api", config);
    if (encryptionOf(config) === "kms") {
      this.dataKey = new KmsKey(this, "data-key", {
        alias: this.names.of("guest-data"),
        description: `Guest data of ${config.project} ${config.name}: tables, API and workflow logs, executions`,
        accountId: config.accountId,
        region: config.region,
      });
    }
    const table = (key: keyof typeof TABLES) =>
      new Table(this, `${key}-table`, {
        definition: TABLES[key],
        tableName: this.names.of(TABLES[key].name, "dynamodbTable"),
        deletionProtection: config.deletionProtection,
        encryptionKey: this.dataKey,
        ttlAttribute: key === "reservations" ? RESERVATION_TTL_ATTRIBUTE : key === "nights" ? NIGHT_TTL_ATTRIBUTE : undefined,
      });
    this.tables = { apartments: table("apartments"), reservations: table("reservations"), nights: table("nights") };
    this.guestsTable = table("guests");

    // Built from the configured name, not referenced: the workflow stack depends on this one.
    const stateMachineArn = this.names.bookingStateMachineArn;
    this.function = new NodeFunction(this, "api-function", {
      entry: "app/api/lambda.ts",
      functionName: this.names.of("api", "lambda"),
      memoryMb: config.api.memoryMb,
      logRetentionDays: config.logRetentionDays,
      encryptionKey: this.dataKey,
      environment: {
        ...tableEnvironment({ apartments: this.tables.apartments.name, reservations: this.tables.reservations.name, nights: this.tables.nights.name }),
        STATE_MACHINE_ARN: stateMachineArn,
        MAX_NIGHTS: String(config.api.maxNights),
        CURRENCY: config.api.currency,
        PAYMENT_WINDOW_SECONDS: String(config.workflow.paymentWindowSeconds),
        GUEST_DATA_RETENTION_DAYS: String(config.guestDataRetentionDays),
        [TABLES.guests.envVar]: this.guestsTable.name,
        MAX_HOLDS_PER_EMAIL: String(config.api.maxHoldsPerEmail),
        // The name, not the value: the function reads the value from Secrets Manager at run time.
        ORIGIN_VERIFY_SECRET_ID: this.names.originVerifySecret,
      },
    });
    this.functionRole = this.function.role;
    // Exactly what app/api/store.ts and app/api/sfn-workflow.ts call (a transaction needs the
    // item actions it contains: PutItem on reservations and nights, UpdateItem on guests and, in a
    // release, UpdateItem on reservations and DeleteItem on nights). The apartments are read-only
    // to the API (`npm run seed` writes them with an operator's credentials).
    this.tables.apartments.grant(this.functionRole, "dynamodb:GetItem", "dynamodb:Scan");
    this.tables.reservations.grant(this.functionRole, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
    this.tables.nights.grant(this.functionRole, "dynamodb:BatchGetItem", "dynamodb:DeleteItem", "dynamodb:PutItem");
    this.guestsTable.grant(this.functionRole, "dynamodb:GetItem", "dynamodb:UpdateItem");
    // StartExecution, and DescribeStateMachine for the readiness check (app/api/sfn-workflow.ts).
    this.function.allow("states-start-execution", ["states:StartExecution", "states:DescribeStateMachine"], [stateMachineArn]);
    // Built from the name (the site stack owns the secret and depends on this stack).
    this.function.allow("origin-verify-secret", ["secretsmanager:GetSecretValue"], [this.names.originVerifySecretArnPattern]);

    this.sweeper = new NodeFunction(this, "sweeper-function", {
      entry: "app/api/sweeper-lambda.ts",
      functionName: this.names.of("hold-sweeper", "lambda"),
      memoryMb: 256,
      timeoutSeconds: 60,
      logRetentionDays: config.logRetentionDays,
      encryptionKey: this.dataKey,
      environment: {
        ...tableEnvironment({ apartments: this.tables.apartments.name, reservations: this.tables.reservations.name, nights: this.tables.nights.name }),
        STATE_MACHINE_ARN: stateMachineArn,
      },
    });
    // Exactly what BookingStore.pendingPastDeadline and .release call, and DescribeExecution of this machine's executions.
    this.tables.reservations.grant(this.sweeper.role, "dynamodb:Scan", "dynamodb:UpdateItem");
    this.tables.nights.grant(this.sweeper.role, "dynamodb:DeleteItem");
    this.sweeper.allow("states-describe-execution", ["states:DescribeExecution"], [
      this.names.arn("states", `execution:${this.names.bookingStateMachine}:*`),
    ]);
    const schedulerRole = new IamRole(this, "sweeper-schedule-role", {
      name: this.names.of("hold-sweeper-schedule", "iamRole"),
      description: "EventBridge Scheduler invokes the hold sweeper",
      assumeRolePolicy: assumeRolePolicy("scheduler.amazonaws.com", { StringEquals: { "aws:SourceAccount": config.accountId } }),
    });
    new IamRolePolicy(this, "sweeper-schedule-invoke", {
      role: schedulerRole.name,
      name: "invoke-sweeper",
      policy: policyDocument({ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: this.sweeper.function.arn }),
    });
    // https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html (rate expressions)
    new SchedulerSchedule(this, "sweeper-schedule", {
      name: this.names.of("hold-sweeper"),
      description: "Releases booking holds past their deadline that no workflow execution owns",
      scheduleExpression: `rate(${config.api.sweepIntervalMinutes} minute${config.api.sweepIntervalMinutes === 1 ? "" : "s"})`,
      flexibleTimeWindow: { mode: "OFF" },
      target: { arn: this.sweeper.function.arn, roleArn: schedulerRole.arn, retryPolicy: { maximumRetryAttempts: 0 } },
    });

    this.domainName = `${config.api.subdomain}.${config.domain}`;
    this.httpApi = new HttpApi(this, "http-api", {
      name: this.names.of("api"),
      handler: this.function.function,
      routes: ["ANY /api", "ANY /api/{proxy+}"],
      domainName: this.domainName,
      zone: props.dns.zone,
      throttleRateLimit: config.api.throttleRateLimit,
      throttleBurstLimit: config.api.throttleBurstLimit,
      logRetentionDays: config.logRetentionDays,
      encryptionKey: this.dataKey,
    });
    if (this.dataKey) {
      // StartExecution on a state machine under a customer-managed key encrypts the input with it
      // (the caller's credentials, encryption context = the state machine's ARN).
      // https://docs.aws.amazon.com/step-functions/latest/dg/encryption-at-rest.html
      this.dataKey.allowViaService("states");
      this.dataKey.grant(this.functionRole, ["kms:Decrypt", "kms:GenerateDataKey"], {
        StringEquals: { "kms:EncryptionContext:aws:states:stateMachineArn": stateMachineArn },
      });
    }

    addApiAlarms(this);

    new TerraformOutput(this, "api_custom_url", { value: `${this.httpApi.customUrl}/api`, description: `Base URL of the API on its custom domain ${this.domainName}` });
    new TerraformOutput(this, "function_name", { value: this.function.function.functionName, description: "Name of the API's Lambda function" });
    for (const [key, t] of Object.entries(this.tables)) {
      new TerraformOutput(this, `${key}_table`, { value: t.name, description: `DynamoDB table of ${key}` });
    }
  }
}
