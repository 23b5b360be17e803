import { request as httpRequest, createServer, type IncomingHttpHeaders, type Server } from "node:http";

/**
 * dynalite implements every DynamoDB item operation but not TransactWriteItems, which the API uses
 * to reserve an apartment. This HTTP front, between the clients and dynalite, adds it:
 * - every request passes through one queue, so a transaction is isolated from all other requests
 *   (nobody reads or writes in the middle of it), as DynamoDB's serializable transactions are;
 * - a transaction applies its Put, Update, Delete and ConditionCheck actions one by one as
 *   dynalite's own conditional writes, keeping each item's previous version (a ConditionCheck is
 *   an UpdateItem with its condition and no change, undone like any write);
 * - when a condition fails, the remaining actions are still tried, so that, as in DynamoDB, the
 *   answer has a cancellation reason per action, in the order of TransactItems
 *   (ConditionalCheckFailed for every failed one, None for the others:
 *   https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CancellationReason.html);
 *   then every item written is restored and the answer is TransactionCanceledException;
 * - any other error restores what was written and is answered as dynalite gave it (e.g.
 *   ResourceNotFoundException); two actions on one item are refused with a ValidationException,
 *   as DynamoDB does.
 * Everything else is passed to dynalite unchanged.
 */
export async function startTransactionFront(backend: string, port: number): Promise<Server> {
  const forward = (target: string, headers: IncomingHttpHeaders, body: Buffer) => send(backend, target, headers, body);
  let queue: Promise<unknown> = Promise.resolve();
  const exclusively = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const target = String(req.headers["x-amz-target"] ?? "");
      exclusively(() =>
        target.endsWith(".TransactWriteItems") ? transactWrite(body, req.headers, forward) : forward(target, req.headers, body),
      ).then(
        (answer) => {
          res.writeHead(answer.status, answer.headers);
          res.end(answer.body);
        },
        (error: Error) => {
          res.writeHead(500, { "content-type": "application/x-amz-json-1.0" });
          res.end(JSON.stringify({ __type: "com.amazonaws.dynamodb.v20120810#InternalServerError", message: error.message }));
        },
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return server;
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

type Forward = (target: string, headers: IncomingHttpHeaders, body: Buffer) => Promise<Answer>;

type Item = Record<string, unknown>;

interface TransactItem {
  Put?: { TableName: string; Item: Item } & Item;
  Update?: { TableName: string; Key: Item } & Item;
  Delete?: { TableName: string; Key: Item } & Item;
  ConditionCheck?: { TableName: string; Key: Item } & Item;
}

const TARGET = "DynamoDB_20120810";
const JSON_TYPE = { "content-type": "application/x-amz-json-1.0" };

async function transactWrite(body: Buffer, headers: IncomingHttpHeaders, forward: Forward): Promise<Answer> {
  const { TransactItems = [] } = JSON.parse(body.toString("utf8")) as { TransactItems?: TransactItem[] };
  if (TransactItems.length > 100) {
    return error(400, "ValidationException", `1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100 (received ${TransactItems.length})`);
  }
  const call = async (operation: string, request: Item): Promise<{ answer: Answer; result: Item }> => {
    const answer = await forward(`${TARGET}.${operation}`, headers, Buffer.from(JSON.stringify(request)));
    return { answer, result: JSON.parse(answer.body.toString("utf8") || "{}") as Item };
  };
  const schemas = new Map<string, string[]>();
  const keyOf = async (tableName: string, item: Item): Promise<Item> => {
    if (!schemas.has(tableName)) {
      const { result } = await call("DescribeTable", { TableName: tableName });
      schemas.set(tableName, ((result.Table as { KeySchema?: Array<{ AttributeName: string }> } | undefined)?.KeySchema ?? []).map((k) => k.AttributeName));
    }
    return Object.fromEntries(schemas.get(tableName)!.map((name) => [name, item[name]]));
  };
  const actions = TransactItems.map((action) => {
    if (action.Put) return { operation: "PutItem", request: action.Put as Item & { TableName: string } };
    if (action.Update) return { operation: "UpdateItem", request: action.Update as Item & { TableName: string } };
    if (action.Delete) return { operation: "DeleteItem", request: action.Delete as Item & { TableName: string } };
    // A ConditionCheck writes nothing: an UpdateItem with the condition and no update expression.
    const { TableName, Key, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } = action.ConditionCheck!;
    return { operation: "UpdateItem", request: { TableName, Key, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues } as Item & { TableName: string } };
  });
  // "no two actions can target the same item" (API_TransactWriteItems).
  const targets = new Set<string>();
  for (const { request } of actions) {
    const key = JSON.stringify([request.TableName, "Key" in request ? request.Key : await keyOf(request.TableName, request.Item as Item)]);
    if (targets.has(key)) return error(400, "ValidationException", "Transaction request cannot include multiple operations on one item");
    targets.add(key);
  }

  const undo: Array<() => Promise<unknown>> = [];
  const undoAll = async () => {
    for (const restore of undo.splice(0).reverse()) await restore();
  };
  const failed: number[] = [];
  try {
    for (const [index, { operation, request }] of actions.entries()) {
      const { answer, result } = await call(operation, { ...request, ReturnValues: "ALL_OLD" });
      if (answer.status !== 200) {
        if (String(result.__type).endsWith("#ConditionalCheckFailedException")) {
          failed.push(index);
          continue;
        }
        await undoAll();
        return answer;
      }
      const previous = result.Attributes as Item | undefined;
      undo.push(async () =>
        previous
          ? call("PutItem", { TableName: request.TableName, Item: previous })
          : call("DeleteItem", { TableName: request.TableName, Key: "Key" in request ? (request.Key as Item) : await keyOf(request.TableName, request.Item as Item) }),
      );
    }
  } catch (failure) {
    // All or nothing, also when the front itself fails half-way.
    await undoAll();
    throw failure;
  }
  if (failed.length > 0) {
    await undoAll();
    const reasons = TransactItems.map((_, i) => (failed.includes(i) ? { Code: "ConditionalCheckFailed", Message: "The conditional request failed" } : { Code: "None" }));
    return error(400, "TransactionCanceledException", `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(", ")}]`, {
      CancellationReasons: reasons,
    });
  }
  return { status: 200, headers: JSON_TYPE, body: Buffer.from("{}") };
}

function error(status: number, type: string, message: string, extra: Item = {}): Answer {
  return { status, headers: JSON_TYPE, body: Buffer.from(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message, ...extra })) };
}

function send(backend: string, target: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      backend,
      {
        method: "POST",
        headers: { ...headers, "x-amz-target": target, "content-length": String(body.length), host: new URL(backend).host },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const kept = Object.entries(res.headers).filter(([name]) => name !== "content-length" && name !== "x-amz-crc32" && name !== "connection");
          resolve({ status: res.statusCode ?? 500, headers: Object.fromEntries(kept.map(([k, v]) => [k, String(v)])), body: Buffer.concat(chunks) });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
