import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { HttpApi, type HttpApiProps } from "../../constructs/http-api";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { testConfig, Testing } from "../helpers";

function apiStack(props: Partial<HttpApiProps> = {}) {
  const stack = new EnvironmentStack(Testing.app(), "http", testConfig("dev"));
  const zone = new Route53Zone(stack, "zone", { name: "dev.booking.example.com" });
  const handler = new LambdaFunction(stack, "fn", { functionName: "f", role: "arn:aws:iam::111111111111:role/f" });
  return new HttpApi(stack, "api", {
    name: "booking-dev-api",
    handler,
    routes: ["ANY /api/{proxy+}"],
    domainName: "api.dev.booking.example.com",
    zone,
    throttleRateLimit: 10,
    throttleBurstLimit: 20,
    logRetentionDays: 14,
    ...props,
  });
}

describe("HttpApi", () => {
  test("exposes its URLs and domain", () => {
    const api = apiStack();
    expect(api.customUrl).toBe("https://api.dev.booking.example.com");
    expect(api.domainName).toBe("api.dev.booking.example.com");
  });

  test.each([
    ["no routes", { routes: [] }, 'routes must name at least one route key, e.g. ["ANY /api/{proxy+}"]'],
    ["a route without a method", { routes: ["/api"] }, 'route "/api" must be "<METHOD> /<path>", e.g. "ANY /api/{proxy+}"'],
    ["a zero rate limit", { throttleRateLimit: 0 }, "throttleRateLimit 0 must be a positive number of requests per second"],
    ["a fractional burst", { throttleBurstLimit: 1.5 }, "throttleBurstLimit 1.5 must be a positive whole number of requests"],
    ["an upper-case domain", { domainName: "API.dev.booking.example.com" }, 'domain name "API.dev.booking.example.com" must be a lower-case fully qualified domain name'],
  ])("fails on %s, naming the setting and the fix", (_name, props, message) => {
    expect(() => apiStack(props)).toThrow(message);
  });
});
