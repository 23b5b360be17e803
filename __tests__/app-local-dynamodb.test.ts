import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { readAppEnv } from "../app/env";
import { LOCAL_TABLE_ENV, startLocalDynamo } from "../app/local/dynamodb";
import { TABLES } from "../app/tables";

describe("local DynamoDB", () => {
  test("creates every table of app/tables.ts with its partition key", async () => {
    const local = await startLocalDynamo();
    try {
      for (const table of Object.values(TABLES)) {
        const { Table } = await local.client.send(new DescribeTableCommand({ TableName: table.name }));
        expect(Table?.KeySchema).toEqual([{ AttributeName: table.partitionKey, KeyType: "HASH" }]);
      }
    } finally {
      await local.stop();
    }
  });
});

describe("readAppEnv", () => {
  test("reads the table names the infrastructure passes", () => {
    expect(readAppEnv({ ...LOCAL_TABLE_ENV, PAYMENT_WINDOW_SECONDS: "30" })).toMatchObject({
      tables: { apartments: "apartments", reservations: "reservations", guests: "guests" }, paymentWindowSeconds: 30,
    });
  });

  test("fails naming every missing table variable", () => {
    expect(() => readAppEnv({})).toThrow("environment variables APARTMENTS_TABLE, RESERVATIONS_TABLE must be set");
  });

  test("fails on a payment window that is not a whole number", () => {
    expect(() => readAppEnv({ ...LOCAL_TABLE_ENV, PAYMENT_WINDOW_SECONDS: "soon" })).toThrow('PAYMENT_WINDOW_SECONDS "soon" must be a whole number');
  });
});
