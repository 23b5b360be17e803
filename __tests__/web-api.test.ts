import { api, ApiError } from "../web/src/api";

const realFetch = global.fetch;
afterEach(() => {
  global.fetch = realFetch;
});

function answer(body: string, status: number, contentType: string) {
  global.fetch = jest.fn(async () => new Response(body, { status, headers: { "content-type": contentType } })) as typeof fetch;
}

describe("web API client", () => {
  test("returns the JSON of a successful answer", async () => {
    answer('[{"id":"apt-1"}]', 200, "application/json; charset=UTF-8");
    await expect(api.apartments()).resolves.toEqual([{ id: "apt-1" }]);
  });

  test("fails with the API's field errors on a 400", async () => {
    answer('{"error":"invalid request","details":[{"field":"email","message":"must be an e-mail address"}]}', 400, "application/json");
    const error = (await api.reserve({ apartmentId: "a", guestName: "b", email: "x" }).catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.details).toEqual([{ field: "email", message: "must be an e-mail address" }]);
  });

  test("fails as not found when CloudFront's SPA fallback answers an API 404 with index.html and 200", async () => {
    answer("<!doctype html><title>Booking</title>", 200, "text/html");
    const error = (await api.reservation("missing").catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(404);
  });
});
