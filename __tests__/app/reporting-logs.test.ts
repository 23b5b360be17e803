import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createReportingApp } from "../../app/reporting/app";
import type { InstanceMetadata } from "../../app/reporting/imds";
import { jsonLog, REPORTING_SERVICE_NAME } from "../../app/reporting/log";

describe("reporting service logs", () => {
  test("are one JSON line per record: request lines with route and status, failures with their cause", async () => {
    const lines: string[] = [];
    const failing = { send: async () => { throw new Error("table unreachable", { cause: new Error("socket hang up") }); } } as unknown as DynamoDBDocumentClient;
    const metadata: InstanceMetadata = { identity: async () => ({ instanceId: "i-0123456789abcdef0", availabilityZone: "eu-west-1a" }) } as InstanceMetadata;
    const app = createReportingApp({ db: failing, tables: { apartments: "a", reservations: "r", nights: "n" }, metadata, log: jsonLog((l) => lines.push(l)) });

    expect((await app.request("/reporting/health")).status).toBe(503);
    // Signed in: the load balancer adds the identity header after authenticate-cognito.
    expect((await app.request("/reporting/whoami", { headers: { "x-amzn-oidc-identity": "operator-1" } })).status).toBe(200);
    expect((await app.request("/reporting/no-such-page")).status).toBe(404);

    const records = lines.map((l) => JSON.parse(l));
    for (const r of records) expect(r).toEqual(expect.objectContaining({ level: expect.any(String), message: expect.any(String), timestamp: expect.any(String), service: REPORTING_SERVICE_NAME }));
    expect(records[0]).toMatchObject({ level: "ERROR", message: "health check failed", error: { message: "table unreachable", cause: { message: "socket hang up" } } });
    expect(records.slice(1).map((r) => `${r.level} ${r.route} ${r.status}`)).toEqual(["ERROR /reporting/health 503", "INFO /reporting/whoami 200", "INFO unmatched 404"]);
    for (const r of records.slice(1)) expect(r.latencyMs).toEqual(expect.any(Number));
  });
});
