/**
 * Drives the local API server (`npm run dev:api`, app/dev/api-server.ts) over HTTP with
 * LOG_FORMAT=json, the format Lambda writes, and reads everything it prints: every record is one
 * JSON line; request lines carry the fields operators query on; no line holds a reservation id.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { METRICS_NAMESPACE, SERVICE_NAME } from "../../app/api/observability";

const ROOT = join(__dirname, "..", "..");
/** What the server prints before it serves (plain text for the person who started it). */
const BANNER = [/^api: http:\/\/\S+$/, /^dynamodb: /, /^booking workflow: /];
const PAYMENT_WINDOW_SECONDS = 3;

let child: ChildProcess;
let output = "";
let base = "";

beforeAll(async () => {
  child = spawn(process.execPath, ["--import", "tsx", "app/dev/api-server.ts"], {
    cwd: ROOT,
    // NODE_NO_WARNINGS: the SDK warns on stderr that Node 20 (this machine) is old; Lambda runs 22.
    env: { ...process.env, NODE_NO_WARNINGS: "1", POWERTOOLS_LOG_LEVEL: "INFO", PORT: "0", LOG_FORMAT: "json", PAYMENT_WINDOW_SECONDS: String(PAYMENT_WINDOW_SECONDS) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await Promise.race([
    new Promise<void>((resolve) => {
      const check = () => {
        const found = /^api: (http:\/\/\S+)$/m.exec(output);
        if (found && /^booking workflow: /m.test(output)) {
          base = found[1].replace("localhost", "127.0.0.1");
          child.stdout!.off("data", check);
          resolve();
        }
      };
      child.stdout!.on("data", check);
    }),
    exited.then(() => {
      throw new Error(`the dev API exited before it was ready:\n${output}`);
    }),
  ]);
}, 60_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** Every line printed after the banner, once the server printed the records of `requests` requests. */
async function linesAfter(requests: number): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const lines = output.split("\n").filter((l) => l !== "");
    if (lines.filter((l) => l.includes('"message":"request"')).length >= requests) return lines;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fewer than ${requests} request lines were printed:\n${output}`);
}

test("prints one JSON line per request with route template, status, latency and cold start, and never a reservation id", async () => {
  const ids: string[] = [];
  const guest = (apartmentId: string) => ({ apartmentId, guestName: "Ada Lovelace", email: "ada@example.com", checkIn: "2099-01-10", checkOut: "2099-01-12" });
  expect((await call("GET", "/health")).status).toBe(200);
  expect((await call("GET", "/apartments")).status).toBe(200);
  const paid = await call("POST", "/reservations", guest("apt-old-town"));
  expect(paid.status).toBe(201);
  ids.push(paid.json.id);
  expect((await call("POST", "/reservations", guest("apt-old-town"))).status).toBe(409);
  // The reservation id travels in a header, never in the URL (app/api/front-door.ts).
  const holder = (id: string) => ({ "X-Reservation-Id": id, "Idempotency-Key": `pay-${id.slice(0, 8)}` });
  expect((await call("GET", "/reservation", undefined, holder(paid.json.id))).status).toBe(200);
  expect((await call("POST", "/reservation/payment", { amount: paid.json.amount }, holder(paid.json.id))).status).toBe(200);
  const late = await call("POST", "/reservations", guest("apt-skyline"));
  expect(late.status).toBe(201);
  ids.push(late.json.id);
  await new Promise((resolve) => setTimeout(resolve, PAYMENT_WINDOW_SECONDS * 1000 + 500));
  expect((await call("POST", "/reservation/payment", { amount: late.json.amount }, holder(late.json.id))).status).toBe(409);
  const unknown = randomUUID();
  ids.push(unknown);
  expect((await call("GET", "/reservation", undefined, holder(unknown))).status).toBe(404);
  expect((await call("GET", `/reservations/${unknown}/nothing-here`)).status).toBe(404);

  const lines = await linesAfter(10);
  const records = lines.filter((line) => !BANNER.some((b) => b.test(line))).map((line) => {
    try {
      return JSON.parse(line) as Record<string, any>;
    } catch {
      throw new Error(`not a JSON line: ${line}`);
    }
  });
  for (const line of lines) for (const id of ids) expect(line).not.toContain(id);

  const requestLines = records.filter((r) => r.message === "request");
  for (const r of requestLines) {
    expect(r).toEqual(expect.objectContaining({
      level: expect.stringMatching(/^(INFO|ERROR)$/),
      timestamp: expect.any(String),
      service: SERVICE_NAME,
      requestId: expect.any(String),
      method: expect.stringMatching(/^(GET|POST)$/),
      route: expect.any(String),
      status: expect.any(Number),
      latencyMs: expect.any(Number),
      coldStart: expect.any(Boolean),
    }));
  }
  expect(requestLines.map((r) => `${r.method} ${r.route} ${r.status}`)).toEqual([
    "GET /api/health 200",
    "GET /api/apartments 200",
    "POST /api/reservations 201",
    "POST /api/reservations 409",
    "GET /api/reservation 200",
    "POST /api/reservation/payment 200",
    "POST /api/reservations 201",
    "POST /api/reservation/payment 409",
    "GET /api/reservation 404",
    "GET unmatched 404",
  ]);
  expect(requestLines.map((r) => r.coldStart)).toEqual([true, ...Array(9).fill(false)]);

  // Business metrics in Embedded Metric Format, dimensioned by service only.
  const emf = records.filter((r) => r._aws);
  for (const r of emf) {
    expect(r._aws.CloudWatchMetrics).toEqual([expect.objectContaining({ Namespace: METRICS_NAMESPACE, Dimensions: [["service"]] })]);
  }
  const counted = emf.flatMap((r) => r._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name));
  expect(counted).toEqual(["ReservationCreated", "ReservationConflict", "ReservationPaid", "ReservationCreated", "PaymentAfterDeadline"]);
}, 60_000);
