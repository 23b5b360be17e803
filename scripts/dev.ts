/**
 * `npm run dev`: the whole system on this machine (see scripts/local-stack.ts); Ctrl-C stops it, and
 * so do SIGTERM, SIGHUP and the end of the parent process (`kill <npm pid>`, even with -9).
 *
 * Settings (environment):
 *   WEB_PORT (5173), API_PORT (8787), REPORTING_PORT (8788)   0 picks a free port
 *   PAYMENT_WINDOW_SECONDS (120)   how long a reservation holds its apartment
 *   WORKFLOW_POLL_SECONDS (1)      how often the local workflow checks for payment
 * `npm run dev -- --preview` serves the production build with the security headers CloudFront sends
 * (CSP, HSTS, frame options, nosniff, referrer policy, COOP: lib/security-headers.ts) instead of Vite's
 * dev server.
 */
import { whenParentExits } from "../lib/parent-watch";
import { LOCAL_PORTS, parsePort, PORT_VARIABLES } from "../lib/ports";
import { startLocalStack, type LocalStack } from "./local-stack";

/** How long shutting down may take before the process exits anyway (which ends every piece). */
const STOP_TIMEOUT_MS = 10_000;

function wholeNumber(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new Error(`${name} "${raw}" must be a whole number from ${min} to ${max}, e.g. ${name}=${fallback}`);
  }
  return value;
}

async function main(): Promise<void> {
  const options = {
    ports: {
      web: parsePort(PORT_VARIABLES.web, process.env[PORT_VARIABLES.web], LOCAL_PORTS.web),
      api: parsePort(PORT_VARIABLES.api, process.env[PORT_VARIABLES.api], LOCAL_PORTS.api),
      reporting: parsePort(PORT_VARIABLES.reporting, process.env[PORT_VARIABLES.reporting], LOCAL_PORTS.reporting),
    },
    paymentWindowSeconds: wholeNumber("PAYMENT_WINDOW_SECONDS", 120, 1, 86_400),
    workflowPollSeconds: wholeNumber("WORKFLOW_POLL_SECONDS", 1, 1, 3_600),
    web: process.argv.includes("--preview") ? ("preview" as const) : ("dev" as const),
  };
  const stack: LocalStack = await startLocalStack(options);
  let stopping = false;
  const stop = (signal: NodeJS.Signals | "parent exited") => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    const timeout = setTimeout(() => {
      console.error(`dev: not stopped after ${STOP_TIMEOUT_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    stack.stop().then(
      () => {
        clearTimeout(timeout);
        console.log("stopped.");
        process.exit(0);
      },
      (error: Error) => {
        console.error(`dev: stopping failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  // Before the URLs appear: whoever waits for them may signal at once.
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.on("SIGHUP", stop); // the terminal closed
  // `npm run dev &` then `kill <npm pid>` (or kill -9): lib/parent-watch.ts.
  whenParentExits(() => stop("parent exited"));

  const { urls } = stack;
  console.log(
    [
      `web: ${urls.web}`,
      `api: ${urls.api} (also at ${new URL("/api", urls.web)})`,
      `reporting: ${urls.reporting} (also at ${new URL("/reporting", urls.web)})`,
      `dynamodb: ${urls.dynamodb} (in memory, demo apartments loaded; gone on exit)`,
      `payment window: ${options.paymentWindowSeconds} s, workflow checks every ${options.workflowPollSeconds} s` +
        `${options.web === "preview" ? "; web: production build with the site's security headers" : ""}`,
      "Ctrl-C stops everything.",
    ].join("\n"),
  );
}

main().catch((error: Error) => {
  console.error(`dev failed: ${error.message}`);
  process.exit(1);
});
