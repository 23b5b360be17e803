/**
 * Timeouts and retry budget of every AWS SDK client the API builds (DynamoDB, Step Functions,
 * Secrets Manager), so that an unreachable or hanging dependency answers 503 well inside the
 * Lambda timeout (10 s, constructs/node-function.ts) instead of timing the function out.
 *
 * One SDK call takes at most MAX_ATTEMPTS x (CONNECTION_TIMEOUT_MS + REQUEST_TIMEOUT_MS) plus the
 * standard retry strategy's backoff (under 0.2 s for one retry): 2 x 1.5 s + 0.2 s = 3.2 s. A request
 * stops at the first unavailable dependency, and the longest path (reserve, then release after a
 * failed StartExecution) makes two such calls in a row: at most 6.4 s, under the 9 s bound
 * (function timeout - 1 s) the tests hold the handler to.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
 * https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/node-configuring-maxsockets.html (requestHandler options)
 */
export const CONNECTION_TIMEOUT_MS = 500;
export const REQUEST_TIMEOUT_MS = 1000;
export const MAX_ATTEMPTS = 2;
/** The bound stated above, in milliseconds. */
export const WORST_CASE_REQUEST_MS = 2 * (MAX_ATTEMPTS * (CONNECTION_TIMEOUT_MS + REQUEST_TIMEOUT_MS) + 200);

export const SDK_CLIENT_SETTINGS = {
  maxAttempts: MAX_ATTEMPTS,
  // throwOnRequestTimeout: this SDK only warns on a request timeout unless told to fail the request.
  requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, throwOnRequestTimeout: true },
} as const;
