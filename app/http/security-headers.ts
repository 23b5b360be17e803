import type { MiddlewareHandler } from "hono";
import { CROSS_ORIGIN_OPENER_POLICY } from "../../lib/security-headers";

export interface SecurityHeaderOptions {
  /**
   * The app's Content-Security-Policy, e.g. "default-src 'none'; frame-ancestors 'none'".
   * @default - none (a JSON API renders nothing a policy would govern)
   */
  readonly contentSecurityPolicy?: string;
}

/**
 * The response headers both Hono apps (app/api/app.ts, app/reporting/app.ts) set on every answer,
 * error pages included: answers are per request and change by the second, so no cache (CloudFront
 * included) may keep them (`Cache-Control: no-store`); browsers never guess another content type
 * (`X-Content-Type-Options: nosniff`); no window opened from or opening the answer shares a browsing
 * context group with it (`Cross-Origin-Opener-Policy: same-origin`, the value the site's CloudFront
 * policy sends, from lib/security-headers.ts); and the app's own Content-Security-Policy, when it has one.
 */
export function securityHeaders(options: SecurityHeaderOptions = {}): MiddlewareHandler {
  const { contentSecurityPolicy } = options;
  return async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Cross-Origin-Opener-Policy", CROSS_ORIGIN_OPENER_POLICY);
    if (contentSecurityPolicy !== undefined) c.header("Content-Security-Policy", contentSecurityPolicy);
  };
}
