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
      tables: { apartments: "apartments", reservations: "reservations", nights: "nights", guests: "guests" }, paymentWindowSeconds: 30,
    });
  });

  test("fails naming every missing table variable", () => {
    expect(() => readAppEnv({})).toThrow("environment variables APARTMENTS_TABLE, RESERVATIONS_TABLE, NIGHTS_TABLE must be set");
  });

  test("reads the longest stay and the currency (MAX_NIGHTS, CURRENCY), unset by default", () => {
    expect(readAppEnv({ ...LOCAL_TABLE_ENV, MAX_NIGHTS: "14", CURRENCY: "CHF" })).toMatchObject({ maxNights: 14, currency: "CHF" });
    expect(readAppEnv({ ...LOCAL_TABLE_ENV })).toMatchObject({ maxNights: undefined, currency: undefined });
  });

  test("fails on a longest stay above what one transaction holds, and on a currency that is not ISO 4217", () => {
    expect(() => readAppEnv({ ...LOCAL_TABLE_ENV, MAX_NIGHTS: "99" })).toThrow('MAX_NIGHTS "99" must be at most 98');
    expect(() => readAppEnv({ ...LOCAL_TABLE_ENV, MAX_NIGHTS: "two weeks" })).toThrow('MAX_NIGHTS "two weeks" must be a whole number of nights of at least 1, e.g. MAX_NIGHTS=30');
    expect(() => readAppEnv({ ...LOCAL_TABLE_ENV, CURRENCY: "euro" })).toThrow('CURRENCY "euro" must be an ISO 4217 currency code of three capital letters, e.g. CURRENCY=EUR');
  });

  test("fails on a payment window that is not a whole number", () => {
    expect(() => readAppEnv({ ...LOCAL_TABLE_ENV, PAYMENT_WINDOW_SECONDS: "soon" })).toThrow('PAYMENT_WINDOW_SECONDS "soon" must be a whole number');
  });
});
