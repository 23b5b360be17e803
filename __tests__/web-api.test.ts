import { api, ApiError } from "../web/src/api";

const realFetch = global.fetch;
afterEach(() => {
  global.fetch = realFetch;
});

function answer(body: string, status: number, contentType: string, headers: Record<string, string> = {}) {
  const calls: string[] = [];
  global.fetch = jest.fn(async (url: string | URL | Request) => {
    calls.push(String(url));
    return new Response(body, { status, headers: { "content-type": contentType, ...headers } });
  }) as typeof fetch;
  return calls;
}

const STAY = { apartmentId: "a", guestName: "b", email: "x", checkIn: "2026-12-10", checkOut: "2026-12-13" };

describe("web API client", () => {
  test("returns the JSON of a successful answer, asking for the stay's dates", async () => {
    const calls = answer('[{"id":"apt-1"}]', 200, "application/json; charset=UTF-8");
    await expect(api.apartments({ checkIn: "2026-12-10", checkOut: "2026-12-13" })).resolves.toEqual([{ id: "apt-1" }]);
    expect(calls).toEqual(["/api/apartments?checkIn=2026-12-10&checkOut=2026-12-13"]);
  });

  test("asks for tonight without dates, and for the API's default calendar without a range", async () => {
    const calls = answer("[]", 200, "application/json");
    await api.apartments();
    await api.availability("apt 1");
    await api.availability("apt-1", { from: "2026-12-01", to: "2026-12-29" });
    expect(calls).toEqual(["/api/apartments", "/api/apartments/apt%201/availability", "/api/apartments/apt-1/availability?from=2026-12-01&to=2026-12-29"]);
  });

  test("fails with the API's field errors on a 400", async () => {
    answer('{"error":"invalid request","details":[{"field":"email","message":"must be an e-mail address"}]}', 400, "application/json");
    const error = (await api.reserve(STAY).catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.details).toEqual([{ field: "email", message: "must be an e-mail address" }]);
  });

  test("fails with the nights a 409 names as taken", async () => {
    answer('{"error":"taken","unavailableNights":["2026-12-11","2026-12-12",7],"details":[]}', 409, "application/json");
    const error = (await api.reserve(STAY).catch((e) => e)) as ApiError;
    expect(error.status).toBe(409);
    expect(error.unavailableNights).toEqual(["2026-12-11", "2026-12-12"]);
  });

  test("fails with Retry-After of a 503, and a status-only message when a proxy answered", async () => {
    answer("<html>bad gateway</html>", 503, "text/html", { "retry-after": "7" });
    const error = (await api.apartments().catch((e) => e)) as ApiError;
    expect(error.status).toBe(503);
    expect(error.retryAfterSeconds).toBe(7);
    expect(error.message).toBe("HTTP 503");
  });

  test("fails as not found when CloudFront's SPA fallback answers an API 404 with index.html and 200", async () => {
    answer("<!doctype html><title>Booking</title>", 200, "text/html");
    const error = (await api.reservation("missing").catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
  });
});

describe("site config (site-config.json)", () => {
  beforeEach(() => jest.resetModules());

  test("reads the payment window the site stack wrote", async () => {
    answer('{"paymentWindowSeconds":900}', 200, "application/json");
    const { api: fresh } = await import("../web/src/api");
    await expect(fresh.siteConfig()).resolves.toEqual({ paymentWindowSeconds: 900 });
  });

  test("is empty when the file is missing (index.html answers) or holds no whole number", async () => {
    answer("<!doctype html>", 200, "text/html");
    const first = await import("../web/src/api");
    await expect(first.api.siteConfig()).resolves.toEqual({});
    jest.resetModules();
    answer('{"paymentWindowSeconds":"soon"}', 200, "application/json");
    const second = await import("../web/src/api");
    await expect(second.api.siteConfig()).resolves.toEqual({});
  });
});
