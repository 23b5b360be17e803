import { GetItemCommand, PutItemCommand, TransactWriteItemsCommand } from "@aws-sdk/client-dynamodb";
import { startLocalDynamo, type LocalDynamo } from "../../app/local/dynamodb";

// The local server's TransactWriteItems (app/local/transactions.ts), which dynalite lacks.
describe("local DynamoDB transactions", () => {
  let local: LocalDynamo;
  beforeAll(async () => {
    local = await startLocalDynamo();
    await local.client.send(new PutItemCommand({ TableName: "apartments", Item: { id: { S: "a1" }, status: { S: "vacant" } } }));
  });
  afterAll(() => local.stop());

  const status = async (table: string, id: string) =>
    (await local.client.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } } }))).Item?.status?.S;

  const reserveA1 = (reservationId: string) =>
    new TransactWriteItemsCommand({
      TransactItems: [
        {
          Update: {
            TableName: "apartments",
            Key: { id: { S: "a1" } },
            UpdateExpression: "SET #s = :reserved",
            ConditionExpression: "#s = :vacant",
            ExpressionAttributeNames: { "#s": "status" },
            ExpressionAttributeValues: { ":reserved": { S: "reserved" }, ":vacant": { S: "vacant" } },
          },
        },
        { Put: { TableName: "reservations", Item: { id: { S: reservationId }, status: { S: "pending" } }, ConditionExpression: "attribute_not_exists(id)" } },
      ],
    });

  test("fails as DynamoDB does when a later action's condition fails, and undoes the earlier writes", async () => {
    await local.client.send(new PutItemCommand({ TableName: "reservations", Item: { id: { S: "taken" }, status: { S: "paid" } } }));
    await expect(local.client.send(reserveA1("taken"))).rejects.toMatchObject({
      name: "TransactionCanceledException",
      CancellationReasons: [{ Code: "None" }, { Code: "ConditionalCheckFailed", Message: "The conditional request failed" }],
    });
    expect(await status("apartments", "a1")).toBe("vacant");
    expect(await status("reservations", "taken")).toBe("paid");
  });

  test("applies every action when all conditions hold, and cancels a second identical attempt", async () => {
    await local.client.send(reserveA1("r1"));
    expect(await status("apartments", "a1")).toBe("reserved");
    expect(await status("reservations", "r1")).toBe("pending");
    await expect(local.client.send(reserveA1("r2"))).rejects.toMatchObject({
      name: "TransactionCanceledException",
      CancellationReasons: [{ Code: "ConditionalCheckFailed" }, { Code: "None" }],
    });
    expect(await status("reservations", "r2")).toBeUndefined();
  });

  test("fails as DynamoDB does on a missing table in a later action, and writes nothing", async () => {
    const intoMissingTable = new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: "apartments", Item: { id: { S: "a2" }, status: { S: "vacant" } } } },
        { Put: { TableName: "no-such-table", Item: { id: { S: "x" } } } },
      ],
    });
    await expect(local.client.send(intoMissingTable)).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    expect(await status("apartments", "a2")).toBeUndefined();
  });

  test("fails on ConditionCheck actions, which the local server does not support", async () => {
    const check = new TransactWriteItemsCommand({
      TransactItems: [{ ConditionCheck: { TableName: "apartments", Key: { id: { S: "a1" } }, ConditionExpression: "attribute_exists(id)" } }],
    });
    await expect(local.client.send(check)).rejects.toThrow("supports Put, Update and Delete in TransactWriteItems, not ConditionCheck");
  });
});
