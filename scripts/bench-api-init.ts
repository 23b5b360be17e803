/**
 * `npx tsx scripts/bench-api-init.ts`: prints the API Lambda's bundle size (index.js, source map,
 * zip as shipped) and its cold-start init: the wall time of a fresh `node` process that loads the
 * bundled handler module (what Lambda's init phase does), median and p90 of BENCH_RUNS runs
 * (default 15), minus the time of an empty `node` process. Numbers, never assertions.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { LAMBDA_BUNDLE_OPTIONS } from "../constructs/node-function";
import { zipSync } from "../constructs/zip";

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS) || 15;
// Inside the project, so `require("@aws-sdk/…")` (left to the Lambda runtime) resolves to node_modules.
const OUT = join(ROOT, ".build", "bench-api-init");

function bundle(): { js: string; jsBytes: number; mapBytes: number; zipBytes: number } {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const result = buildSync({
    ...LAMBDA_BUNDLE_OPTIONS,
    entryPoints: ["app/api/lambda.ts"],
    outfile: join(OUT, "index.js"),
    write: false,
    absWorkingDir: ROOT,
  });
  const files = result.outputFiles.map((f) => ({ name: f.path.slice(OUT.length + 1), contents: f.contents }));
  for (const f of files) writeFileSync(join(OUT, f.name), f.contents);
  const zip = join(OUT, "function.zip");
  writeFileSync(zip, zipSync(files));
  return {
    js: join(OUT, "index.js"),
    jsBytes: statSync(join(OUT, "index.js")).size,
    mapBytes: statSync(join(OUT, "index.js.map")).size,
    zipBytes: statSync(zip).size,
  };
}

function timeNode(args: string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: OUT, env, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed:\n${result.stderr}`);
  return ms;
}

function stats(values: number[]): { median: number; p90: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p90: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)] };
}

const built = bundle();
// What the function gets in Lambda (stacks/api-stack.ts), with fake values: init makes no AWS call.
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  AWS_REGION: "eu-west-1",
  AWS_LAMBDA_FUNCTION_NAME: "booking-bench-api",
  APARTMENTS_TABLE: "booking-bench-apartments",
  RESERVATIONS_TABLE: "booking-bench-reservations",
  NIGHTS_TABLE: "booking-bench-nights",
  STATE_MACHINE_ARN: "arn:aws:states:eu-west-1:123456789012:stateMachine:booking-bench-booking",
  GUESTS_TABLE: "booking-bench-guests",
  // The name only: loading the handler reads no secret (the check runs per request).
  ORIGIN_VERIFY_SECRET_ID: "booking-bench-origin-verify",
  PAYMENT_WINDOW_SECONDS: "900",
};
const load = [`--enable-source-maps`, "-e", `require(${JSON.stringify(built.js)}).handler`];
timeNode(load, env); // warm the file system cache
const empty: number[] = [];
const init: number[] = [];
for (let i = 0; i < RUNS; i++) {
  empty.push(timeNode(["-e", "0"], env));
  init.push(timeNode(load, env));
}
const e = stats(empty);
const s = stats(init);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(`API Lambda bundle (app/api/lambda.ts): index.js ${kb(built.jsBytes)}, source map ${kb(built.mapBytes)}, zip ${kb(built.zipBytes)} (limit 200 KB)`);
console.log(`API cold-start init, ${RUNS} fresh node processes (${process.version}):`);
console.log(`  load handler module   median ${s.median.toFixed(1)} ms   p90 ${s.p90.toFixed(1)} ms`);
console.log(`  empty node process    median ${e.median.toFixed(1)} ms   p90 ${e.p90.toFixed(1)} ms`);
console.log(`  init (difference)     median ${(s.median - e.median).toFixed(1)} ms`);
