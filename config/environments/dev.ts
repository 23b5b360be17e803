import type { EnvironmentInput } from "../schema";

/** Development: cheap (one NAT gateway, no WAF), short payment window, easy to tear down. */
export const dev: EnvironmentInput = {
  name: "dev",
  project: "booking",
  region: "eu-west-1",
  accountId: "111111111111",
  // A sibling of prod's booking.example.com, not inside it: see docs/dns-and-accounts.md.
  domain: "dev-booking.example.com",
  // example.com is owned by the prod account; dev writes its NS record there through this role.
  parentZone: {
    id: "Z0EXAMPLEPARENT00000",
    name: "example.com",
    accountId: "222222222222",
    delegationRoleArn: "arn:aws:iam::222222222222:role/booking-dns-delegation-dev",
  },
  backend: {
    type: "s3",
    bucket: "booking-dev-tfstate-111111111111",
    region: "eu-west-1",
    keyPrefix: "booking",
  },
  tags: { Project: "booking", Environment: "dev", ManagedBy: "cdktf" },
  site: { waf: false, wafRateLimit: 2000, priceClass: "PriceClass_100" },
  api: { subdomain: "api", throttleRateLimit: 50, throttleBurstLimit: 100, memoryMb: 512, maxNights: 30, currency: "EUR" },
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
  encryption: "aws-managed",
  guestDataRetentionDays: 7,
  delivery: { repository: "example-org/booking", runs: "github-actions", previews: true },
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
