/**
 * The reporting service's log lines: one JSON object per line on stdout (systemd's journal on the
 * instances), with the same core fields as the API's Powertools records (level, message,
 * timestamp, service), so one query reads both.
 */
export const REPORTING_SERVICE_NAME = "booking-reporting";

export type ReportingLog = (level: "INFO" | "WARN" | "ERROR", message: string, fields?: Record<string, unknown>) => void;

/** Writes one JSON line per record to `write` (default: stdout). */
export function jsonLog(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): ReportingLog {
  return (level, message, fields = {}) => {
    write(JSON.stringify({ level, message, timestamp: new Date().toISOString(), service: REPORTING_SERVICE_NAME, ...fields }));
  };
}

/** An error with its cause, for a log field. */
export function errorFields(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, unknown> = { name: error.name, message: error.message, stack: error.stack };
  if (error.cause !== undefined && depth < 3) fields.cause = errorFields(error.cause, depth + 1);
  return fields;
}
