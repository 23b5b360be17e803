import type { EnvironmentInput } from "../schema";

/** Production: WAF on, a NAT gateway per AZ, three AZs, deletion protection, long log retention. */
export const prod: EnvironmentInput = {
  name: "prod",
  project: "booking",
  region: "eu-west-1",
  accountId: "222222222222",
  domain: "booking.example.com",
  parentZone: { id: "Z0EXAMPLEPARENT00000", name: "example.com" },
  backend: {
    type: "s3",
    bucket: "booking-prod-tfstate-222222222222",
    region: "eu-west-1",
    keyPrefix: "booking",
  },
  tags: { Project: "booking", Environment: "prod", ManagedBy: "cdktf" },
  site: { waf: true, wafRateLimit: 2000, priceClass: "PriceClass_100" },
  api: { subdomain: "api", throttleRateLimit: 200, throttleBurstLimit: 400, memoryMb: 1024 },
  workflow: { paymentWindowSeconds: 900, pollIntervalSeconds: 10 },
  network: {
    cidr: "10.20.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
    publicSubnets: ["10.20.0.0/24", "10.20.1.0/24", "10.20.2.0/24"],
    privateSubnets: ["10.20.10.0/24", "10.20.11.0/24", "10.20.12.0/24"],
    natGateways: "per-az",
    instanceType: "t4g.small",
    minInstances: 3,
    maxInstances: 6,
    subdomain: "reporting",
  },
  logRetentionDays: 365,
  deletionProtection: true,
  production: true,
};
