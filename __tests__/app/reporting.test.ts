import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { readReportingEnv } from "../../app/env";
import { LOCAL_TABLE_ENV, startLocalDynamo, type LocalDynamo } from "../../app/local/dynamodb";
import type { ApartmentRecord } from "../../app/model";
import { LOCAL_TABLE_NAMES } from "../../app/tables";
import { createReportingApp } from "../../app/reporting/app";
import { demoOccupancy } from "../../app/reporting/dev";
import { type InstanceMetadata } from "../../app/reporting/imds";
import { occupancyReport, scanAll } from "../../app/reporting/occupancy";

const tables = LOCAL_TABLE_NAMES;
const NOW = new Date("2030-01-01T12:00:00Z");
const noMetadata: InstanceMetadata = { identity: () => Promise.reject(new Error("not used")) };
/** The tests read answers, not log lines (reporting-logs.test.ts covers those). */
const quiet = () => undefined;

describe("reporting service against the local DynamoDB", () => {
  let local: LocalDynamo;
  let db: DynamoDBDocumentClient;
  const { apartments, reservations, nights } = demoOccupancy(NOW);

  beforeAll(async () => {
    local = await startLocalDynamo();
    db = DynamoDBDocumentClient.from(local.client);
    for (const item of apartments) await db.send(new PutCommand({ TableName: "apartments", Item: item }));
    for (const item of reservations) await db.send(new PutCommand({ TableName: "reservations", Item: item }));
    for (const item of nights) await db.send(new PutCommand({ TableName: "nights", Item: item }));
  });
  afterAll(() => local.stop());

  test("scanAll follows LastEvaluatedKey across pages", async () => {
    const items = await scanAll<ApartmentRecord>(db, "apartments", 2);
    expect(items.map((a) => a.id).sort()).toEqual(apartments.map((a) => a.id).sort());
  });

  test("the report shows occupancy by date, today and the next 7 days, per apartment and in total, from the nights", async () => {
    const report = await occupancyReport(db, tables, NOW, 2);
    expect(report.reservationsByStatus).toEqual({ pending: 1, paid: 0, confirmed: 1, expired: 1 });
    expect(report.rows.map((r) => r.apartment.name)).toEqual([...apartments.map((a) => a.name)].sort((a, b) => a.localeCompare(b)));
    const states = (id: string) => report.rows.find((r) => r.apartment.id === id)!.nights.map((n) => n.state);
    // demoOccupancy: harbour view held tonight and tomorrow, skyline booked from tomorrow for 4 nights,
    // old town's expired stay (in 3 days) not yet released.
    expect(states("apt-harbour-view")).toEqual(["held", "held", "free", "free", "free", "free", "free", "free"]);
    expect(states("apt-skyline")).toEqual(["free", "booked", "booked", "booked", "booked", "free", "free", "free"]);
    expect(states("apt-old-town")).toEqual(["free", "free", "free", "releasing", "free", "free", "free", "free"]);
    expect(report.rows.find((r) => r.apartment.id === "apt-skyline")!.nights.map((n) => n.date)).toEqual([
      "2030-01-01", "2030-01-02", "2030-01-03", "2030-01-04", "2030-01-05", "2030-01-06", "2030-01-07", "2030-01-08",
    ]);
    expect(report.rows.find((r) => r.apartment.id === "apt-harbour-view")!.nights[0].reference).toBe("res-demo");
    expect(report.days.map((d) => d.counts)).toEqual([
      { booked: 0, held: 1, releasing: 0, free: 5 },
      { booked: 1, held: 1, releasing: 0, free: 4 },
      { booked: 1, held: 0, releasing: 0, free: 5 },
      { booked: 1, held: 0, releasing: 1, free: 4 },
      { booked: 1, held: 0, releasing: 0, free: 5 },
      { booked: 0, held: 0, releasing: 0, free: 6 },
      { booked: 0, held: 0, releasing: 0, free: 6 },
      { booked: 0, held: 0, releasing: 0, free: 6 },
    ]);
    expect(report.days[0].dates).toEqual(["2030-01-01"]);
  });

  test("each apartment's days start at its own today: at 23:30 UTC it is tomorrow in Madrid only", async () => {
    const report = await occupancyReport(db, tables, new Date("2030-01-01T23:30:00Z"));
    expect(report.rows.find((r) => r.apartment.id === "apt-old-town")!.today).toBe("2030-01-02");
    expect(report.rows.find((r) => r.apartment.id === "apt-harbour-view")!.today).toBe("2030-01-01");
    expect(report.days[0].dates).toEqual(["2030-01-01", "2030-01-02"]);
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

  test("GET /reporting renders occupancy by date and one section per apartment", async () => {
    const app = createReportingApp({ db, tables, metadata: noMetadata, log: quiet, pageSize: 2, now: () => NOW });
    const response = await app.request("/reporting");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    const page = await response.text();
    expect(page.match(/<tr data-offset="\d">/g)).toHaveLength(8);
    expect(page).toMatch(/<tr data-offset="1">\s*<th scope="row">Wed 2 Jan<\/th>\s*<td class="number" data-state="booked">1<\/td>\s*<td class="number" data-state="held">1<\/td>/);
    expect(page.match(/<section class="apartment"/g)).toHaveLength(apartments.length);
    expect(page).toContain('<li class="booked" data-date="2030-01-02" data-state="booked">');
    expect(page).toContain('<td class="number" data-status="pending">1</td>');
    // Only the start of a reservation id: the whole id would let anyone read the guest's details through the API.
    expect(page).toContain("res-demo…");
    expect(page).not.toContain("res-demo-pending");
    expect(page).not.toContain("guest@example.com");
    expect(page).not.toContain("Demo Guest");
  });

  test("GET /reporting escapes what the tables hold", async () => {
    await db.send(new PutCommand({
      TableName: "apartments",
      Item: { ...apartments[0], id: "apt-evil", name: `<script>alert("x")</script> & co` },
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

  test("GET /reporting/health is ok when the tables answer", async () => {
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

