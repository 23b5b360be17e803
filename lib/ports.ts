/**
 * The one local port story: `npm run dev` and the single-piece commands (`npm run dev:api`,
 * `npm run dev:reporting`) listen on the same ports, changed with the same variables.
 */
export const LOCAL_PORTS = { web: 5173, api: 8787, reporting: 8788 } as const;

/** The environment variable that moves each piece. */
export const PORT_VARIABLES = { web: "WEB_PORT", api: "API_PORT", reporting: "REPORTING_PORT" } as const;

/**
 * The one port parser: `raw` from the variable `name`, `fallback` when unset or empty. `min` 0 lets
 * the system pick a free port; a server that others must find (the reporting service behind the ALB) uses 1.
 */
export function parsePort(name: string, raw: string | undefined, fallback: number, min: 0 | 1 = 0): number {
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < min || port > 65535) {
    throw new Error(`${name} "${raw}" must be a TCP port number from ${min} to 65535, e.g. ${name}=${fallback}`);
  }
  return port;
}
