import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Hono } from "hono";
import { routePath } from "hono/route";
import { securityHeaders } from "../http/security-headers";
import { ImdsUnavailableError, type InstanceMetadata } from "./imds";
import { errorFields, jsonLog, type ReportingLog } from "./log";
import type { TableNames } from "../tables";
import { checkTables, occupancyReport } from "./occupancy";
import { occupancyPage } from "./page";

/** The report page's Content-Security-Policy. */
export const REPORTING_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

export interface ReportingDeps {
  readonly db: DynamoDBDocumentClient;
  readonly tables: TableNames;
  readonly metadata: InstanceMetadata;
  /** Items per Scan page (tests use small pages to cover pagination). @default - DynamoDB's 1 MB pages */
  readonly pageSize?: number;
  /** Where log lines go. @default - one JSON line per record on stdout */
  readonly log?: ReportingLog;
  /**
   * How long one computed report is served before the tables are scanned again: however many
   * requests arrive, the service scans at most once per period (the scan is the expensive part).
   * @default 30
   */
  readonly reportCacheSeconds?: number;
  /**
   * Whether `whoami` requires the sign-in the load balancer performs (its x-amzn-oidc-identity
   * header; only the load balancer reaches the instances, in private subnets).
   * @default true
   */
  readonly requireSignIn?: boolean;
  /** @default - the system clock */
  readonly now?: () => Date;
}

/** Header the load balancer adds to every request it forwards after authenticate-cognito/oidc. */
export const SIGNED_IN_HEADER = "x-amzn-oidc-identity";

/**
 * The reporting service behind the load balancer, which forwards `/reporting` and `/reporting/*`
 * unchanged, so every route carries the prefix.
 *   GET /reporting          occupancy summary (HTML)
 *   GET /reporting/live     200 while the process serves requests: the load balancer's health check.
 *                           Shallow on purpose: a DynamoDB or IAM blip must not make the Auto Scaling
 *                           group replace every instance (it uses ELB health).
 *   GET /reporting/health   readiness: 200 when both tables answer, else 503 (for alarms and operators)
 *   GET /reporting/whoami   instance id and availability zone, read through IMDSv2 (signed-in only)
 * The load balancer signs operators in before it forwards (constructs/reporting-sign-in.ts).
 */
export function createReportingApp(deps: ReportingDeps): Hono {
  const app = new Hono({ strict: false });
  const log = deps.log ?? jsonLog();

  // One line per request; the load balancer's passing health checks (every few seconds) are left out.
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const route = c.res.status === 404 ? "unmatched" : routePath(c, -1);
    if ((route === "/reporting/live" || route === "/reporting/health") && c.res.status === 200) return;
    log(c.res.status >= 500 ? "ERROR" : "INFO", "request", { method: c.req.method, route, status: c.res.status, latencyMs: Math.round((performance.now() - started) * 10) / 10 });
  });
  const now = deps.now ?? (() => new Date());
  const cacheMs = (deps.reportCacheSeconds ?? 30) * 1000;
  let cached: { at: number; page: Promise<string> } | undefined;
  /** One scan per cache period, shared by every request that arrives meanwhile. */
  const report = (): Promise<string> => {
    const at = now().getTime();
    if (!cached || at - cached.at >= cacheMs) {
      const page = occupancyReport(deps.db, deps.tables, now(), deps.pageSize).then(occupancyPage);
      cached = { at, page };
      page.catch(() => {
        if (cached?.page === page) cached = undefined;
      });
    }
    return cached.page;
  };

  // The page is plain HTML with inline styles only: no script, image, font or frame.
  app.use(securityHeaders({ contentSecurityPolicy: REPORTING_CSP }));

  app.get("/reporting", async (c) => {
    try {
      return c.html(await report());
    } catch (error) {
      log("ERROR", "occupancy report failed", { error: errorFields(error) });
      return c.html("<!doctype html><title>Occupancy report</title><p>Occupancy data is unavailable right now; try again shortly.</p>", 503);
    }
  });

  app.get("/reporting/live", (c) => c.json({ status: "ok" }));

  app.get("/reporting/health", async (c) => {
    try {
      await checkTables(deps.db, deps.tables);
      return c.json({ status: "ok", tables: "reachable" });
    } catch (error) {
      log("ERROR", "health check failed", { error: errorFields(error) });
      return c.json({ status: "unavailable", tables: "unreachable" }, 503);
    }
  });

  app.get("/reporting/whoami", async (c) => {
    if ((deps.requireSignIn ?? true) && !c.req.header(SIGNED_IN_HEADER)) return c.json({ error: "sign in first: /reporting/whoami is for signed-in operators" }, 403);
    try {
      return c.json(await deps.metadata.identity());
    } catch (error) {
      if (!(error instanceof ImdsUnavailableError)) throw error;
      return c.json({ error: error.message }, 503);
    }
  });

  return app;
}
