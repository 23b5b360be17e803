/**
 * cdktf records a full stack trace (Error.stackTraceLimit = MAX_SAFE_INTEGER, formatted and split)
 * for every token it creates, even with `App({ stackTraces: false })`: the traces only decorate
 * error messages about tokens, yet formatting them was a third of a 48-environment synth. Turning
 * the capture off changes no byte of the output (scripts/bench.ts and __tests__/synth-speed.test.ts
 * compare both). `DEBUG` (any non-empty value) keeps the traces, for chasing a token error.
 *
 * Works whether or not cdktf is already loaded: cdktf's modules read `captureStackTrace` from the
 * module's exports object at each call.
 */
const MODULE = "cdktf/lib/tokens/private/stack-trace";

type Capture = (below?: unknown) => string[];
let original: Capture | undefined;

/** Turns cdktf's token stack-trace capture off unless `debug` is set; returns whether it is off. */
export function configureStackTraceCapture(debug: string | undefined): boolean {
  const traces = require(MODULE) as { captureStackTrace: Capture };
  original ??= traces.captureStackTrace;
  const off = !debug;
  traces.captureStackTrace = off ? noTrace : original;
  return off;
}

function noTrace(): string[] {
  return [];
}
