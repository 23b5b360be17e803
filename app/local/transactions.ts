import { request as httpRequest, createServer, type IncomingHttpHeaders, type Server } from "node:http";

/**
 * dynalite implements every DynamoDB item operation but not TransactWriteItems, which the API uses
 * to reserve an apartment. This HTTP front, between the clients and dynalite, adds it:
 * - every request passes through one queue, so a transaction is isolated from all other requests
 *   (nobody reads or writes in the middle of it), as DynamoDB's serializable transactions are;
 * - a transaction applies its Put, Update and Delete actions one by one as dynalite's own
 *   conditional writes, keeping each item's previous version; when an action fails, the items
 *   already written are restored, and a failed condition is answered with DynamoDB's
 *   TransactionCanceledException with a cancellation reason per action (ConditionalCheckFailed for
 *   the failing one), any other error as dynalite gave it (e.g. ResourceNotFoundException).
 * Everything else is passed to dynalite unchanged. ConditionCheck actions are not supported.
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
  ConditionCheck?: unknown;
}

const TARGET = "DynamoDB_20120810";
const JSON_TYPE = { "content-type": "application/x-amz-json-1.0" };

async function transactWrite(body: Buffer, headers: IncomingHttpHeaders, forward: Forward): Promise<Answer> {
  const { TransactItems = [] } = JSON.parse(body.toString("utf8")) as { TransactItems?: TransactItem[] };
  if (TransactItems.some((item) => item.ConditionCheck)) {
    return error(400, "ValidationException", "the local DynamoDB server supports Put, Update and Delete in TransactWriteItems, not ConditionCheck");
  }
  const call = async (operation: string, request: Item): Promise<{ answer: Answer; result: Item }> => {
    const answer = await forward(`${TARGET}.${operation}`, headers, Buffer.from(JSON.stringify(request)));
    return { answer, result: JSON.parse(answer.body.toString("utf8") || "{}") as Item };
  };
  const keyOf = async (tableName: string, item: Item): Promise<Item> => {
    const { result } = await call("DescribeTable", { TableName: tableName });
    const schema = (result.Table as { KeySchema: Array<{ AttributeName: string }> }).KeySchema;
    return Object.fromEntries(schema.map(({ AttributeName }) => [AttributeName, item[AttributeName]]));
  };

  const undo: Array<() => Promise<unknown>> = [];
  const undoAll = async () => {
    for (const restore of undo.splice(0).reverse()) await restore();
  };
  try {
    for (const [index, action] of TransactItems.entries()) {
      const [operation, request] = action.Put
        ? ["PutItem", action.Put]
        : action.Update
          ? ["UpdateItem", action.Update]
          : ["DeleteItem", action.Delete!];
      const { answer, result } = await call(operation, { ...request, ReturnValues: "ALL_OLD" });
      if (answer.status !== 200) {
        await undoAll();
        if (!String(result.__type).endsWith("#ConditionalCheckFailedException")) return answer;
        const reasons = TransactItems.map((_, i) => (i === index ? { Code: "ConditionalCheckFailed", Message: "The conditional request failed" } : { Code: "None" }));
        return error(400, "TransactionCanceledException", `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(", ")}]`, {
          CancellationReasons: reasons,
        });
      }
      const previous = result.Attributes as Item | undefined;
      undo.push(async () =>
        previous
          ? call("PutItem", { TableName: request.TableName, Item: previous })
          : call("DeleteItem", { TableName: request.TableName, Key: "Key" in request ? (request.Key as Item) : await keyOf(request.TableName, (request as { Item: Item }).Item) }),
      );
    }
  } catch (failure) {
    // All or nothing, also when the front itself fails half-way.
    await undoAll();
    throw failure;
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
