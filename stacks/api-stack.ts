import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { TABLES } from "../app/tables";
import type { EnvironmentConfig } from "../config/schema";
import { Table } from "../constructs/table";
import type { DnsStack } from "./dns-stack";
import { EnvironmentStack } from "./environment-stack";

export interface ApiStackProps {
  readonly dns: DnsStack;
}

/** The booking API and the tables it owns (the workflow and the reporting service use them too). */
export class ApiStack extends EnvironmentStack {
  public readonly tables: { readonly apartments: Table; readonly reservations: Table };

  constructor(scope: Construct, config: EnvironmentConfig, _props: ApiStackProps) {
    super(scope, "api", config);
    const table = (key: keyof typeof TABLES) =>
      new Table(this, `${key}-table`, {
        definition: TABLES[key],
        tableName: this.names.of(TABLES[key].name, "dynamodbTable"),
        deletionProtection: config.deletionProtection,
      });
    this.tables = { apartments: table("apartments"), reservations: table("reservations") };

    for (const [key, t] of Object.entries(this.tables)) {
      new TerraformOutput(this, `${key}_table`, { value: t.name, description: `DynamoDB table of ${key}` });
    }
  }
}
