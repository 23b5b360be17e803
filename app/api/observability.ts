/**
 * Per-request logs, business metrics and traces of the booking API, with Powertools for AWS Lambda
 * (TypeScript): https://docs.powertools.aws.dev/lambda/typescript/latest/
 *
 * - one JSON line per request (`message: "request"`): request id, method, route *template*, status,
 *   latency, cold start; a failed request also carries its error and cause;
 * - business metrics in CloudWatch Embedded Metric Format (EMF) under {@link METRICS_NAMESPACE}, with
 *   the `service` dimension only;
 * - X-Ray subsegments for every DynamoDB and Step Functions call (see {@link traceClient}).
 *
 * A reservation id is the bearer secret to a guest's details: it never goes into a log line or a
 * metric dimension. Routes are logged as templates (`/api/reservations/:id`), never as raw paths, and
 * anything that looks like an id inside error text is replaced by {@link REDACTED_ID}.
 *
 * Outside Lambda (`npm run dev`) the same records print as one readable line each (`format: "pretty"`).
 */
import { Logger } from "@aws-lambda-powertools/logger";
import type { LogItem } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";
import type { Context as LambdaContext } from "aws-lambda";
import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { API_SERVICE_NAME, BUSINESS_METRICS, METRICS_NAMESPACE } from "../metrics";

export { BUSINESS_METRICS, METRICS_NAMESPACE } from "../metrics";
/** The `service` dimension of every metric and the `service` field of every log line. */
export const SERVICE_NAME = API_SERVICE_NAME;

/** What replaces an id (UUID) found in error text. */
export const REDACTED_ID = "<id>";
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export type LogFormat = "json" | "pretty";

export interface ObservabilityOptions {
  /**
   * `json`: one JSON object per line (CloudWatch Logs); `pretty`: one readable line per record.
   * @default "json"
   */
  readonly format?: LogFormat;
  /**
   * Where a pretty line goes.
   * @default - stdout
   */
  readonly write?: (line: string) => void;
  /**
   * Environment name, written into every log line (never a metric dimension: those stay `service`).
   * @default - no environment field
   */
  readonly environment?: string;
}

export interface Observability {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
  readonly format: LogFormat;
}

/** The API's logger, metrics and tracer; build once per process (Lambda instance). */
export function createObservability(options: ObservabilityOptions = {}): Observability {
  const format = options.format ?? "json";
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const loggerOptions = {
    serviceName: SERVICE_NAME,
    persistentKeys: options.environment ? { environment: options.environment } : undefined,
    jsonReplacerFn: redactingReplacer,
  };
  const logger = format === "pretty" ? new PrettyLogger(loggerOptions, write) : new Logger(loggerOptions);
  // Its own warnings go through the logger, so they are JSON lines too.
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME, logger });
  // Off outside Lambda (Powertools checks the runtime's environment), so local runs send nothing.
  const tracer = new Tracer({ serviceName: SERVICE_NAME });
  return { logger, metrics, tracer, format };
}

/** Wraps an AWS SDK v3 client so each of its calls is an X-Ray subsegment (no-op outside Lambda). */
export function traceClient<T>(observability: Observability, client: T): T {
  return observability.tracer.captureAWSv3Client(client);
}

/** Hono middleware: the request line and the business metrics of one request. */
export function requestObservability(observability: Observability): MiddlewareHandler {
  const { logger } = observability;
  let coldStart = true;
  let localRequests = 0;
  return async (c, next) => {
    const started = performance.now();
    const cold = coldStart;
    coldStart = false;
    try {
      await next();
    } finally {
      const status = c.res.status;
      const route = routeTemplate(c);
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      const lambda = (c.env as { lambdaContext?: LambdaContext; event?: { requestContext?: { requestId?: string } } } | undefined) ?? {};
      const requestId = lambda.event?.requestContext?.requestId ?? lambda.lambdaContext?.awsRequestId ?? `local-${++localRequests}`;
      const metric = businessMetric(c.req.method, route, status);
      const entry = {
        requestId: redact(requestId),
        method: c.req.method,
        route,
        status,
        latencyMs,
        coldStart: cold,
        ...(metric ? { businessMetric: metric } : {}),
        ...(status >= 500 && c.error ? { error: describeError(c.error) } : {}),
      };
      if (status >= 500) logger.error("request", entry);
      else logger.info("request", entry);
      if (metric) {
        observability.metrics.addMetric(metric, MetricUnit.Count, 1);
        // Locally the request line says it; EMF is for CloudWatch.
        if (observability.format === "json") observability.metrics.publishStoredMetrics();
        else observability.metrics.clearMetrics();
      }
    }
  };
}

/**
 * The route template that answered (e.g. `/api/reservations/:id`), never the raw path: the path
 * can hold a reservation id. `unmatched` when no route did (the 404 handler answered).
 */
export function routeTemplate(c: Parameters<MiddlewareHandler>[0]): string {
  const handlers = matchedRoutes(c).filter((r) => r.method !== "ALL" && !r.path.endsWith("*"));
  return handlers.length > 0 ? handlers[handlers.length - 1].path : "unmatched";
}

/** The business event a request was, from its method, route template and status. */
export function businessMetric(method: string, route: string, status: number): string | undefined {
  if (method !== "POST") return undefined;
  if (route === "/api/reservations") {
    if (status === 201) return BUSINESS_METRICS.reservationCreated;
    if (status === 409) return BUSINESS_METRICS.reservationConflict;
  }
  if (route.endsWith("/payment")) {
    if (status === 200) return BUSINESS_METRICS.reservationPaid;
    if (status === 409) return BUSINESS_METRICS.paymentAfterDeadline;
  }
  return undefined;
}

/** An error with its cause chain, ids redacted from the text. */
export function describeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: redact(String(error)) };
  const described: Record<string, unknown> = { name: error.name, message: redact(error.message), stack: redact(error.stack ?? "") };
  if (error.cause !== undefined && depth < 3) described.cause = describeError(error.cause, depth + 1);
  return described;
}

export function redact(text: string): string {
  return text.replace(UUID, REDACTED_ID);
}

/**
 * Lambda handler wrapper: adds the invocation's context (request id, cold start, function name)
 * to every log line, an X-Ray `## handler` subsegment with a ColdStart annotation, and publishes
 * metrics left over by an invocation that failed before the request line.
 */
export function instrumentHandler<E, R>(observability: Observability, handler: (event: E, context?: LambdaContext) => Promise<R>) {
  const { logger, metrics, tracer } = observability;
  return async (event: E, context?: LambdaContext): Promise<R> => {
    if (context) logger.addContext(context);
    const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
    const segment = parent?.addNewSubsegment("## handler");
    if (segment) {
      tracer.setSegment(segment);
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
    }
    try {
      return await handler(event, context);
    } catch (error) {
      segment?.addError(error as Error);
      throw error;
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
      if (segment && parent) {
        segment.close();
        tracer.setSegment(parent);
      }
    }
  };
}

/** JSON.stringify replacer of every log line: ids out of free text. */
function redactingReplacer(key: string, value: unknown): unknown {
  if (typeof value !== "string") return value;
  // Our own correlation ids are not reservation ids; keep them whole.
  if (key === "requestId" || key === "function_request_id" || key === "xray_trace_id" || key === "errorId") return value;
  return redact(value);
}

/** The same records as {@link Logger}, printed as `time LEVEL message key=value …` for a terminal. */
class PrettyLogger extends Logger {
  constructor(
    options: ConstructorParameters<typeof Logger>[0],
    private readonly writeLine: (line: string) => void,
  ) {
    super(options);
  }

  protected override printLog(_level: number, log: LogItem): void {
    const { timestamp, level, message, service: _service, sampling_rate: _rate, ...rest } = log.getAttributes() as Record<string, unknown>;
    const time = typeof timestamp === "string" ? timestamp.slice(11, 23) : "";
    const fields = Object.entries(rest)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${typeof v === "string" ? redactingReplacer(k, v) : JSON.stringify(v, redactingReplacer)}`);
    this.writeLine(`${time} ${String(level).padEnd(5)} ${redact(String(message))} ${fields.join(" ")}`.trimEnd());
  }
}
