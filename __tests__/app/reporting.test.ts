import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { readReportingEnv } from "../../app/env";
import { LOCAL_TABLE_ENV, startLocalDynamo, type LocalDynamo } from "../../app/local/dynamodb";
import type { Apartment } from "../../app/model";
import { createReportingApp } from "../../app/reporting/app";
import { demoOccupancy } from "../../app/reporting/dev";
import { type InstanceMetadata } from "../../app/reporting/imds";
import { occupancyReport, scanAll } from "../../app/reporting/occupancy";

const tables = { apartments: "apartments", reservations: "reservations" };
const noMetadata: InstanceMetadata = { identity: () => Promise.reject(new Error("not used")) };
/** The tests read answers, not log lines (reporting-logs.test.ts covers those). */
const quiet = () => undefined;

describe("reporting service against the local DynamoDB", () => {
  let local: LocalDynamo;
  let db: DynamoDBDocumentClient;
  const { apartments, reservations } = demoOccupancy(new Date("2030-01-01T12:00:00Z"));

  beforeAll(async () => {
    local = await startLocalDynamo();
    db = DynamoDBDocumentClient.from(local.client);
    for (const item of apartments) await db.send(new PutCommand({ TableName: "apartments", Item: item }));
    for (const item of reservations) await db.send(new PutCommand({ TableName: "reservations", Item: item }));
  });
  afterAll(() => local.stop());

  test("scanAll follows LastEvaluatedKey across pages", async () => {
    const items = await scanAll<Apartment>(db, "apartments", 2);
    expect(items.map((a) => a.id).sort()).toEqual(apartments.map((a) => a.id).sort());
  });

  test("the report counts apartments and reservations by status and links each held apartment to its reservation", async () => {
    const report = await occupancyReport(db, tables, new Date("2030-01-01T12:00:00Z"), 2);
    expect(report.apartmentsByStatus).toEqual({ vacant: 4, reserved: 1, occupied: 1 });
    expect(report.reservationsByStatus).toEqual({ pending: 1, paid: 0, confirmed: 1, expired: 0 });
    expect(report.rows.map((r) => r.apartment.name)).toEqual([...apartments.map((a) => a.name)].sort((a, b) => a.localeCompare(b)));
    expect(report.rows.find((r) => r.apartment.id === "apt-harbour-view")!.reservation).toEqual({
      reference: "res-demo", status: "pending", paymentDeadline: "2030-01-01T12:15:00.000Z",
    });
  });

  test("GET /reporting scans the tables at most once per cache period, however many requests arrive", async () => {
    let scans = 0;
    const counting = { send: (command: unknown) => ((scans += 1), db.send(command as never)) } as unknown as DynamoDBDocumentClient;
    let now = new Date("2030-01-01T12:00:00Z");
    const app = createReportingApp({ db: counting, tables, metadata: noMetadata, log: quiet, reportCacheSeconds: 30, now: () => now });
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => app.request("/reporting")))).map((r) => r.status);
    expect(statuses).toEqual(Array(10).fill(200));
    const perReport = scans;
    expect(perReport).toBeGreaterThan(0);
    now = new Date(now.getTime() + 29_000);
    await app.request("/reporting");
    expect(scans).toBe(perReport);
    now = new Date(now.getTime() + 2_000);
    await app.request("/reporting");
    expect(scans).toBe(2 * perReport);
  });

  test("fails GET /reporting/whoami with 403 unless the load balancer signed the operator in", async () => {
    const app = createReportingApp({ db, tables, metadata: noMetadata, log: quiet });
    const response = await app.request("/reporting/whoami");
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "sign in first: /reporting/whoami is for signed-in operators" });
  });

  test("GET /reporting renders the summary page with counts and one row per apartment", async () => {
    const app = createReportingApp({ db, tables, metadata: noMetadata, log: quiet, pageSize: 2 });
    const response = await app.request("/reporting");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const page = await response.text();
    expect(page).toContain('<td class="number" data-status="vacant">4</td>');
    expect(page).toContain('<td class="number" data-status="reserved">1</td>');
    expect(page).toContain('<td class="number" data-status="occupied">1</td>');
    expect(page.match(/<tr>\s*<td>/g)).toHaveLength(apartments.length);
    // Only the start of a reservation id: the whole id would let anyone read the guest's details through the API.
    expect(page).toContain("res-demo… (pending)");
    expect(page).not.toContain("res-demo-pending");
    expect(page).not.toContain("guest@example.com");
    expect(page).not.toContain("Demo Guest");
  });

  test("GET /reporting escapes what the tables hold", async () => {
    await db.send(new PutCommand({
      TableName: "apartments",
      Item: { ...apartments[0], id: "apt-evil", name: `<script>alert("x")</script> & co`, status: "vacant" },
    }));
    try {
      const app = createReportingApp({ db, tables, metadata: noMetadata, log: quiet });
      const page = await (await app.request("/reporting/")).text();
      expect(page).not.toContain("<script>");
      expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
    } finally {
      await db.send(new DeleteCommand({ TableName: "apartments", Key: { id: "apt-evil" } }));
    }
  });

  test("GET /reporting/live answers 200 without touching the tables, so a DynamoDB outage does not fail the load balancer's check", async () => {
    const app = createReportingApp({ db, tables: { ...tables, reservations: "no-such-table" }, metadata: noMetadata, log: quiet });
    const response = await app.request("/reporting/live");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect((await app.request("/reporting/health")).status).toBe(503);
  });

  test("GET /reporting/health is ok when both tables answer", async () => {
    const app = createReportingApp({ db, tables, metadata: noMetadata, log: quiet });
    const response = await app.request("/reporting/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", tables: "reachable" });
  });

  test("GET /reporting/health is 503 when a table is missing, and the page says the data is unavailable", async () => {
    const app = createReportingApp({ db, tables: { ...tables, reservations: "no-such-table" }, metadata: noMetadata, log: quiet });
    const errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const health = await app.request("/reporting/health");
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: "unavailable", tables: "unreachable" });
      const page = await app.request("/reporting");
      expect(page.status).toBe(503);
      expect(await page.text()).toContain("Occupancy data is unavailable");
    } finally {
      errors.mockRestore();
    }
  });

  test("anything outside /reporting is not found", async () => {
    const app = createReportingApp({ db, tables, metadata: noMetadata, log: quiet });
    expect((await app.request("/")).status).toBe(404);
    expect((await app.request("/reportingx")).status).toBe(404);
  });
});

describe("readReportingEnv", () => {
  test("reads the port and the metadata endpoint, with defaults", () => {
    expect(readReportingEnv({ ...LOCAL_TABLE_ENV })).toMatchObject({ port: 3100, imdsEndpoint: "http://169.254.169.254", tables: { apartments: "apartments" } });
    expect(readReportingEnv({ PORT: "8080", IMDS_ENDPOINT: "http://127.0.0.1:1338/" }, LOCAL_TABLE_ENV)).toMatchObject({ port: 8080, imdsEndpoint: "http://127.0.0.1:1338" });
  });

  test("fails on a port that is not a port number", () => {
    expect(() => readReportingEnv({ ...LOCAL_TABLE_ENV, PORT: "80a" })).toThrow('PORT "80a" must be a TCP port number from 1 to 65535, e.g. PORT=3100');
  });

  test("fails on a metadata endpoint with a path", () => {
    expect(() => readReportingEnv({ ...LOCAL_TABLE_ENV, IMDS_ENDPOINT: "http://169.254.169.254/latest" })).toThrow('IMDS_ENDPOINT "http://169.254.169.254/latest" must be a base URL without a path');
  });
});

