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

  test("a ConditionCheck cancels the transaction when its condition fails, and writes nothing either way", async () => {
    const check = (condition: string, id: string) =>
      new TransactWriteItemsCommand({
        TransactItems: [
          { ConditionCheck: { TableName: "apartments", Key: { id: { S: "a1" } }, ConditionExpression: condition } },
          { Put: { TableName: "reservations", Item: { id: { S: id }, status: { S: "pending" } } } },
        ],
      });
    await expect(local.client.send(check("attribute_not_exists(id)", "r-checked-1"))).rejects.toMatchObject({
      name: "TransactionCanceledException",
      CancellationReasons: [{ Code: "ConditionalCheckFailed" }, { Code: "None" }],
    });
    expect(await status("reservations", "r-checked-1")).toBeUndefined();
    await local.client.send(check("attribute_exists(id)", "r-checked-2"));
    expect(await status("reservations", "r-checked-2")).toBe("pending");
    expect(await status("apartments", "a1")).toBe("reserved");
  });

  test("names every action whose condition failed, in the order of the actions, as DynamoDB does", async () => {
    await local.client.send(new PutItemCommand({ TableName: "nights", Item: { id: { S: "a1#2030-06-11" }, reservationId: { S: "other" } } }));
    await local.client.send(new PutItemCommand({ TableName: "nights", Item: { id: { S: "a1#2030-06-13" }, reservationId: { S: "other" } } }));
    const nights = ["2030-06-10", "2030-06-11", "2030-06-12", "2030-06-13"].map((date) => ({
      Put: { TableName: "nights", Item: { id: { S: `a1#${date}` }, reservationId: { S: "mine" } }, ConditionExpression: "attribute_not_exists(id)" },
    }));
    await expect(local.client.send(new TransactWriteItemsCommand({ TransactItems: nights }))).rejects.toMatchObject({
      CancellationReasons: [{ Code: "None" }, { Code: "ConditionalCheckFailed" }, { Code: "None" }, { Code: "ConditionalCheckFailed" }],
    });
    const reservationOf = async (id: string) => (await local.client.send(new GetItemCommand({ TableName: "nights", Key: { id: { S: id } } }))).Item?.reservationId?.S;
    expect(await reservationOf("a1#2030-06-10")).toBeUndefined();
    expect(await reservationOf("a1#2030-06-11")).toBe("other");
  });

  test("fails as DynamoDB does on two actions on one item, and on more than 100 actions", async () => {
    const twice = new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: "nights", Item: { id: { S: "a9#2030-06-10" } } } },
        { Delete: { TableName: "nights", Key: { id: { S: "a9#2030-06-10" } } } },
      ],
    });
    await expect(local.client.send(twice)).rejects.toMatchObject({ name: "ValidationException", message: "Transaction request cannot include multiple operations on one item" });
    const many = new TransactWriteItemsCommand({
      TransactItems: Array.from({ length: 101 }, (_, i) => ({ Put: { TableName: "nights", Item: { id: { S: `a9#${i}` } } } })),
    });
    await expect(local.client.send(many)).rejects.toMatchObject({ name: "ValidationException" });
  });
});
