import { Hono } from "hono";
import { businessMetric, createObservability, describeError, redact, requestObservability } from "../../app/api/observability";
import { readLogFormat } from "../../app/env";

describe("API observability", () => {
  // These tests read the logger's lines: turn on what __tests__/setup-env.ts silences.
  const level = process.env.POWERTOOLS_LOG_LEVEL;
  beforeAll(() => (process.env.POWERTOOLS_LOG_LEVEL = "INFO"));
  afterAll(() => (process.env.POWERTOOLS_LOG_LEVEL = level));

  test("pretty format (npm run dev) prints the same request record as one readable line, ids redacted from error text", async () => {
    const lines: string[] = [];
    const observability = createObservability({ format: "pretty", write: (l) => lines.push(l) });
    const app = new Hono().basePath("/api");
    app.use(requestObservability(observability));
    app.onError((_error, c) => c.text("internal error", 500));
    app.get("/reservations/:id", () => {
      throw new Error("reservation 0b7e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b broke");
    });
    expect((await app.request("/api/reservations/0b7e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b")).status).toBe(500);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} ERROR request requestId=local-1 method=GET route=\/api\/reservations\/:id status=500 latencyMs=[\d.]+ coldStart=true error=\{"name":"Error","message":"reservation <id> broke"/);
    expect(lines[0]).not.toContain("0b7e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
  });

  test("counts the business events by route template and status", () => {
    expect(businessMetric("POST", "/api/reservations", 201)).toBe("ReservationCreated");
    expect(businessMetric("POST", "/api/reservations", 409)).toBe("ReservationConflict");
    expect(businessMetric("POST", "/api/reservations/:id/payment", 200)).toBe("ReservationPaid");
    expect(businessMetric("POST", "/api/reservations/:id/payment", 409)).toBe("PaymentAfterDeadline");
    expect(businessMetric("GET", "/api/reservations/:id", 200)).toBeUndefined();
  });

  test("describes an error with its cause chain", () => {
    const error = new Error("outer", { cause: new Error("inner 0b7e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b") });
    expect(describeError(error)).toMatchObject({ name: "Error", message: "outer", cause: { message: "inner <id>" } });
    expect(redact("no id here")).toBe("no id here");
  });

  test("fails on an unknown LOG_FORMAT, naming the value and the choices", () => {
    expect(readLogFormat({})).toBe("pretty");
    expect(readLogFormat({ LOG_FORMAT: "json" })).toBe("json");
    expect(() => readLogFormat({ LOG_FORMAT: "yaml" })).toThrow('LOG_FORMAT "yaml" must be "json" or "pretty", e.g. LOG_FORMAT=json');
  });
});
