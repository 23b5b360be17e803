/**
 * The web site's security headers, defined once: the static-site construct turns them into the
 * CloudFront response headers policy, `npm run dev -- --preview` (scripts/local-stack.ts) sends
 * them from Vite's preview server, and the Hono apps (app/http/security-headers.ts) take the
 * Cross-Origin-Opener-Policy from here. A header added here reaches all three.
 */

/** Everything same-origin, nothing inline, no framing: what a single-page app served with its API needs. */
export const DEFAULT_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

/**
 * A page opened from this site (or opening it) gets no handle on its window, so a cross-origin
 * popup cannot navigate or probe the booking tabs. CloudFront's security_headers_config has no
 * field for it: the construct sends it as a custom header of the same policy.
 */
export const CROSS_ORIGIN_OPENER_POLICY = "same-origin";

export interface SiteSecurityHeaders {
  readonly strictTransportSecurity: { readonly maxAgeSeconds: number; readonly includeSubdomains: boolean; readonly preload: boolean };
  readonly contentSecurityPolicy: string;
  readonly frameOptions: "DENY" | "SAMEORIGIN";
  readonly referrerPolicy: string;
  readonly crossOriginOpenerPolicy: string;
}

/** The site's headers; `contentSecurityPolicy` replaces the default CSP (StaticSiteProps.contentSecurityPolicy). */
export function siteSecurityHeaders(contentSecurityPolicy = DEFAULT_CONTENT_SECURITY_POLICY): SiteSecurityHeaders {
  return {
    // One year, subdomains, preload: what the HSTS preload list asks for.
    strictTransportSecurity: { maxAgeSeconds: 31_536_000, includeSubdomains: true, preload: true },
    contentSecurityPolicy,
    frameOptions: "DENY",
    referrerPolicy: "strict-origin-when-cross-origin",
    crossOriginOpenerPolicy: CROSS_ORIGIN_OPENER_POLICY,
  };
}

/**
 * The same headers as a browser receives them from CloudFront (header name -> value), for servers
 * other than CloudFront (the local preview) and for tests that compare the two.
 */
export function securityHeaderValues(headers: SiteSecurityHeaders = siteSecurityHeaders()): Record<string, string> {
  const hsts = headers.strictTransportSecurity;
  return {
    "Strict-Transport-Security": [`max-age=${hsts.maxAgeSeconds}`, hsts.includeSubdomains && "includeSubDomains", hsts.preload && "preload"].filter(Boolean).join("; "),
    "Content-Security-Policy": headers.contentSecurityPolicy,
    "X-Frame-Options": headers.frameOptions,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": headers.referrerPolicy,
    "Cross-Origin-Opener-Policy": headers.crossOriginOpenerPolicy,
  };
}
