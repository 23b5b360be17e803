/**
 * Every DynamoDB action the reporting service calls; the network stack grants exactly these on the
 * two tables, so adding a call here without granting it fails in the stack's tests, not in production.
 * A contract module: no SDK, no I/O, so the stacks can import it at synth.
 */
export const REPORTING_TABLE_ACTIONS = ["dynamodb:Scan"] as const;
