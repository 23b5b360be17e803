import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { TABLES } from "../app/tables";
import { RESERVATION_TTL_ATTRIBUTE } from "../app/workflow/definition";
import { encryptionOf, type EnvironmentConfig } from "../config/schema";
import { HttpApi } from "../constructs/http-api";
import { KmsKey } from "../constructs/kms-key";
import { NodeFunction } from "../constructs/node-function";
import { Table } from "../constructs/table";
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
  public readonly tables: { readonly apartments: Table; readonly reservations: Table };
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
        ttlAttribute: key === "reservations" ? RESERVATION_TTL_ATTRIBUTE : undefined,
      });
    this.tables = { apartments: table("apartments"), reservations: table("reservations") };

    // Built from the configured name, not referenced: the workflow stack depends on this one.
    const stateMachineArn = this.names.bookingStateMachineArn;
    this.function = new NodeFunction(this, "api-function", {
      entry: "app/api/lambda.ts",
      functionName: this.names.of("api", "lambda"),
      memoryMb: config.api.memoryMb,
      logRetentionDays: config.logRetentionDays,
      encryptionKey: this.dataKey,
      environment: {
        [TABLES.apartments.envVar]: this.tables.apartments.name,
        [TABLES.reservations.envVar]: this.tables.reservations.name,
        STATE_MACHINE_ARN: stateMachineArn,
        PAYMENT_WINDOW_SECONDS: String(config.workflow.paymentWindowSeconds),
        GUEST_DATA_RETENTION_DAYS: String(config.guestDataRetentionDays),
      },
    });
    this.functionRole = this.function.role;
    // Exactly what app/api/store.ts and app/api/sfn-workflow.ts call (a transaction needs the
    // item actions it contains: UpdateItem on apartments, PutItem on reservations).
    this.tables.apartments.grant(this.functionRole, "dynamodb:GetItem", "dynamodb:Scan", "dynamodb:UpdateItem");
    this.tables.reservations.grant(this.functionRole, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
    this.function.allow("states-start-execution", ["states:StartExecution"], [stateMachineArn]);

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

    new TerraformOutput(this, "api_url", { value: `${this.httpApi.url}/api`, description: "Base URL of the API on API Gateway's own endpoint" });
    new TerraformOutput(this, "api_custom_url", { value: `${this.httpApi.customUrl}/api`, description: `Base URL of the API on its custom domain ${this.domainName}` });
    new TerraformOutput(this, "function_name", { value: this.function.function.functionName, description: "Name of the API's Lambda function" });
    for (const [key, t] of Object.entries(this.tables)) {
      new TerraformOutput(this, `${key}_table`, { value: t.name, description: `DynamoDB table of ${key}` });
    }
  }
}
