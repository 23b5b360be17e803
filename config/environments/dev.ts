import type { EnvironmentInput } from "../schema";

/** Development: cheap (one NAT gateway, no WAF), short payment window, easy to tear down. */
export const dev: EnvironmentInput = {
  name: "dev",
  project: "booking",
  region: "eu-west-1",
  accountId: "111111111111",
  domain: "dev.booking.example.com",
  parentZone: { id: "Z0EXAMPLEPARENT00000", name: "example.com" },
  backend: {
    type: "s3",
    bucket: "booking-dev-tfstate-111111111111",
    region: "eu-west-1",
    keyPrefix: "booking",
  },
  tags: { Project: "booking", Environment: "dev", ManagedBy: "cdktf" },
  site: { waf: false, wafRateLimit: 2000, priceClass: "PriceClass_100" },
  api: { subdomain: "api", throttleRateLimit: 50, throttleBurstLimit: 100, memoryMb: 512 },
  workflow: { paymentWindowSeconds: 120, pollIntervalSeconds: 5 },
  network: {
    cidr: "10.10.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    publicSubnets: ["10.10.0.0/24", "10.10.1.0/24"],
    privateSubnets: ["10.10.10.0/24", "10.10.11.0/24"],
    natGateways: "single",
    instanceType: "t4g.small",
    minInstances: 2,
    maxInstances: 2,
    subdomain: "reporting",
  },
  logRetentionDays: 14,
  deletionProtection: false,
  // Every threshold written out, so a CFG__dev__alarms__<name> override keeps its number type.
  alarms: {
    emails: [],
    lambdaErrors: 0,
    lambdaThrottles: 0,
    apiServerErrors: 5,
    apiLatencyP99Ms: 3000,
    workflowFailures: 0,
    dynamodbThrottles: 0,
    loadBalancer5xx: 5,
    unhealthyHosts: 0,
    cloudfront5xxPercent: 5,
  },
  slo: { availabilityPercent: 99.5, latencyPercent: 99, latencyThresholdMs: 1500 },
};
