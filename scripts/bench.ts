/**
 * `npm run bench`: prints, from one run, median wall time and peak memory (max RSS) of
 *   - the project's synth of every stack of every environment (`node scripts/synth.js`),
 *   - `cdktf synth` (the CLI around the same app),
 *   - the floor: `node -e 'require("cdktf")'`,
 * their ratios, and the sizes of what the project ships (Lambda zips, web JS gzipped).
 * Numbers, never assertions: nothing here fails on a slow machine.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS) || 5;
const TIME = "/usr/bin/time";

interface Sample {
  seconds: number;
  maxRssMb?: number;
}

/** One timed run; max RSS through GNU time when the machine has it. */
function measure(command: string[], env: NodeJS.ProcessEnv = {}): Sample {
  const haveTime = existsSync(TIME);
  const argv = haveTime ? [TIME, "-f", "__RSS_KB__ %M", ...command] : command;
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env }, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command.join(" ")} failed:\n${result.stderr}`);
  const rss = /__RSS_KB__ (\d+)/.exec(result.stderr ?? "");
  return { seconds, maxRssMb: rss ? Number(rss[1]) / 1024 : undefined };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function bench(name: string, command: string[], runs: number, env?: NodeJS.ProcessEnv) {
  measure(command, env); // warm the file system cache
  const samples = Array.from({ length: runs }, () => measure(command, env));
  const seconds = median(samples.map((s) => s.seconds));
  const rss = samples.every((s) => s.maxRssMb !== undefined) ? Math.max(...samples.map((s) => s.maxRssMb!)) : undefined;
  console.log(`${name.padEnd(34)} median ${seconds.toFixed(3)} s   peak ${rss === undefined ? "n/a (no /usr/bin/time)" : `${rss.toFixed(0)} MB`}   (${runs} runs)`);
  return { seconds, rss };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function walk(dir: string, match: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path, match) : match(path) ? [path] : [];
  });
}

function main(): void {
  const scratch = mkdtempSync(join(tmpdir(), "bench-"));
  try {
    console.log(`synth benchmark on ${require("node:os").cpus().length} CPUs, node ${process.version}\n`);
    const floor = bench(`floor: require("cdktf")`, [process.execPath, "-e", 'require("cdktf")'], RUNS);
    const synth = bench("project synth (all environments)", [process.execPath, "scripts/synth.js"], RUNS, { CDKTF_OUTDIR: join(scratch, "synth") });
    const cli = bench("cdktf synth", [join(ROOT, "node_modules", ".bin", "cdktf"), "synth", "--output", join(scratch, "cli")], Math.min(RUNS, 3));
    console.log(`\nproject synth / floor: ${(synth.seconds / floor.seconds).toFixed(2)}x wall` + (synth.rss && floor.rss ? `, ${(synth.rss / floor.rss).toFixed(2)}x memory` : ""));
    console.log(`cdktf synth / project synth: ${(cli.seconds / synth.seconds).toFixed(2)}x wall`);

    const out = join(scratch, "synth", "stacks");
    const zips = walk(out, (p) => p.endsWith(".zip"));
    if (zips.length > 0) {
      console.log("\nassets shipped by Terraform:");
      for (const zip of zips) console.log(`  ${zip.slice(out.length + 1).replace(/\/assets\/.*\/([^/]+)$/, " $1").padEnd(60)} ${kb(statSync(zip).size)}`);
    }
    const js = walk(join(ROOT, "web", "dist"), (p) => p.endsWith(".js"));
    if (js.length > 0) {
      const gz = js.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
      console.log(`\nweb JS (web/dist, ${js.length} file${js.length === 1 ? "" : "s"}): ${kb(gz)} gzipped`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
