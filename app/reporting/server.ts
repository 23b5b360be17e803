/**
 * Entry point of the reporting service on the EC2 instances (bundled by the network stack with
 * esbuild and run by systemd). Settings come from the environment the systemd unit sets.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { serve } from "@hono/node-server";
import { readReportingEnv } from "../env";
import { createReportingApp } from "./app";
import { createInstanceMetadata } from "./imds";
import { jsonLog } from "./log";

const env = readReportingEnv();
// Credentials come from the instance profile (through IMDSv2).
const client = new DynamoDBClient({ region: env.region, endpoint: env.dynamodbEndpoint });
const app = createReportingApp({
  db: DynamoDBDocumentClient.from(client),
  tables: env.tables,
  metadata: createInstanceMetadata({ endpoint: env.imdsEndpoint }),
});

serve({ fetch: app.fetch, port: env.port, hostname: "0.0.0.0" }, (info) => {
  jsonLog()("INFO", "reporting service listening", { port: info.port });
});
