import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Hono } from "hono";
import { ImdsUnavailableError, type InstanceMetadata } from "./imds";
import { checkTables, occupancyReport, type TableNames } from "./occupancy";
import { occupancyPage } from "./page";

export interface ReportingDeps {
  readonly db: DynamoDBDocumentClient;
  readonly tables: TableNames;
  readonly metadata: InstanceMetadata;
  /** Items per Scan page (tests use small pages to cover pagination). @default - DynamoDB's 1 MB pages */
  readonly pageSize?: number;
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
 *   GET /reporting/health   200 when both tables answer, else 503 (the target group's health check)
 *   GET /reporting/whoami   instance id and availability zone, read through IMDSv2 (signed-in only)
 * The load balancer signs operators in before it forwards (constructs/reporting-sign-in.ts).
 */
export function createReportingApp(deps: ReportingDeps): Hono {
  const app = new Hono({ strict: false });
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

  app.use(async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  });

  app.get("/reporting", async (c) => {
    try {
      return c.html(await report());
    } catch (error) {
      console.error("occupancy report failed:", error);
      return c.html("<!doctype html><title>Occupancy report</title><p>Occupancy data is unavailable right now; try again shortly.</p>", 503);
    }
  });

  app.get("/reporting/health", async (c) => {
    try {
      await checkTables(deps.db, deps.tables);
      return c.json({ status: "ok", tables: "reachable" });
    } catch (error) {
      console.error("health check failed:", error);
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
