/**
 * Every DynamoDB action the reporting service calls; the network stack grants exactly these on the
 * two tables, so adding a call in occupancy.ts without granting it fails in the stack's tests, not in
 * production. A dependency-free contract module: the stacks read it at synth, and synth must not
 * load the AWS SDK that occupancy.ts imports (37 ms and 4 MB on every synth).
 */
export const REPORTING_TABLE_ACTIONS = ["dynamodb:Scan"] as const;
