// CIDR arithmetic lives in the leaf lib/ (constructs/vpc.ts uses it too); re-exported for config's callers.
export * from "../lib/cidr";
