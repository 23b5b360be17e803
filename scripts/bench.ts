/**
 * `npm run bench`: one run reports every feedback loop of issue #18, each as a median wall time,
 * peak memory (max RSS, GNU time) where it matters, and a ratio to its floor, so numbers taken on
 * a loaded or a faster machine stay comparable:
 *
 *   floor                 `node -e 'require("cdktf")'`            (what any cdktf synth pays)
 *   synth, 2 environments  `node scripts/synth.js` (every stack)    goal <= 3.0x floor, < 130 MB
 *   synth, DEBUG           same with stack-trace capture on         (what the capture fix saves)
 *   synth, 24 environments scripts/synth-generated.ts, 1 process and automatic workers
 *                          goal: <= 70 ms per extra environment
 *   validate cold          `npm run validate` in an empty work folder: the goal's 12 stacks (goal <= 25 s
 *                          on 2 cores), all stacks, and all stacks with --separate
 *   validate unchanged     the same again                            goal <= 2 s
 *   tests                  `npx jest` wall and CPU, with an empty transform cache (a fresh clone, CI)
 *                          and again warm                            goal <= 15 s wall on 2 cores
 *   cdktf synth            the CLI around the same app
 *
 * Floors are measured interleaved with what they divide (same load). The load average is printed
 * first: on a shared machine, read the ratios, not the seconds.
 *
 * Settings: BENCH_RUNS (7), BENCH_SKIP=validate,tests,cli (comma list of parts to leave out).
 * Hook: every other scripts/bench-*.ts (e.g. bench-api-init.ts) runs at the end with tsx, its
 * output printed as it is. Numbers, never assertions: nothing here fails on a slow machine.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const ROOT = join(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS) || 7;
const SKIP = new Set((process.env.BENCH_SKIP ?? "").split(",").map((s) => s.trim()).filter(Boolean));
const TIME = "/usr/bin/time";
const GENERATED = 24;
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

interface Sample {
  seconds: number;
  maxRssMb?: number;
  cpuSeconds?: number;
}

/** One timed run; max RSS and CPU (user + sys, children included) through GNU time when present. */
function measure(command: string[], env: NodeJS.ProcessEnv = {}): Sample {
  const haveTime = existsSync(TIME);
  const argv = haveTime ? [TIME, "-f", "__TIME__ %M %U %S", ...command] : command;
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  const t = /__TIME__ (\d+) ([\d.]+) ([\d.]+)/.exec(result.stderr ?? "");
  return { seconds, maxRssMb: t ? Number(t[1]) / 1024 : undefined, cpuSeconds: t ? Number(t[2]) + Number(t[3]) : undefined };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Result {
  seconds: number;
  rss?: number;
  cpu?: number;
}

function summarize(samples: Sample[]): Result {
  return {
    seconds: median(samples.map((s) => s.seconds)),
    rss: samples.every((s) => s.maxRssMb !== undefined) ? Math.max(...samples.map((s) => s.maxRssMb!)) : undefined,
    cpu: samples.every((s) => s.cpuSeconds !== undefined) ? median(samples.map((s) => s.cpuSeconds!)) : undefined,
  };
}

/** Runs the commands in rounds (a, b, c, a, b, c, ...) after one warm-up each: same load for all. */
function interleaved(commands: Record<string, { argv: string[]; env?: NodeJS.ProcessEnv }>, runs: number): Record<string, Result> {
  const names = Object.keys(commands);
  for (const name of names) measure(commands[name].argv, commands[name].env);
  const samples: Record<string, Sample[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < runs; i++) for (const name of names) samples[name].push(measure(commands[name].argv, commands[name].env));
  return Object.fromEntries(names.map((n) => [n, summarize(samples[n])]));
}

function line(name: string, r: Result, extra = ""): void {
  const rss = r.rss === undefined ? "" : `   peak ${r.rss.toFixed(0).padStart(4)} MB`;
  const cpu = r.cpu === undefined ? "" : `   cpu ${r.cpu.toFixed(2)} s`;
  console.log(`${name.padEnd(40)} ${r.seconds.toFixed(3).padStart(7)} s${rss}${cpu}${extra ? `   ${extra}` : ""}`);
}

function ratio(value: number, floor: number, goal?: number, unit = "x"): string {
  const r = value / floor;
  return `${r.toFixed(2)}${unit} floor` + (goal === undefined ? "" : `  (goal <= ${goal}${unit}: ${r <= goal ? "met" : "MISSED"})`);
}

/** CPU (user + sys) against the floor's CPU: steadier than wall time on a loaded machine. */
function cpuRatio(r: Result, floor: Result): string {
  return r.cpu !== undefined && floor.cpu ? `, ${(r.cpu / floor.cpu).toFixed(2)}x floor CPU` : "";
}

function goal(value: number, limit: number, unit: string): string {
  return `goal ${value <= limit ? "<=" : "MISSED >"} ${limit} ${unit}`;
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
    console.log(`bench on ${cpus().length} CPUs, node ${process.version}, ${new Date().toISOString()}`);
    console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(" ")} (ratios to floors measured in the same rounds)\n`);
    const node = process.execPath;
    const floorCmd = { argv: [node, "-e", 'require("cdktf")'] };

    // Synth, 2 environments (every stack of dev and prod, and the bootstrap stacks), with and without the stack-trace capture.
    console.log("-- synth (every stack: dev + prod + bootstrap)");
    const s = interleaved(
      {
        floor: floorCmd,
        synth: { argv: [node, "scripts/synth.js"], env: { CDKTF_OUTDIR: join(scratch, "synth", "cdktf.out"), DEBUG: "" } },
        debug: { argv: [node, "scripts/synth.js"], env: { CDKTF_OUTDIR: join(scratch, "debug", "cdktf.out"), DEBUG: "1" } },
      },
      RUNS,
    );
    line(`floor: require("cdktf")`, s.floor);
    line("synth (capture off)", s.synth, `${ratio(s.synth.seconds, s.floor.seconds, 3.0)}${cpuRatio(s.synth, s.floor)}; ${s.synth.rss !== undefined ? goal(s.synth.rss, 130, "MB") : ""}`);
    line("synth with DEBUG (capture on)", s.debug, ratio(s.debug.seconds, s.floor.seconds) + cpuRatio(s.debug, s.floor));

    // Synth, 24 generated environments (144 stacks): one process and automatic workers.
    console.log(`\n-- synth (${GENERATED} generated environments, ${GENERATED * 6} stacks)`);
    const bundle = join(ROOT, ".build", "synth-generated.js");
    require("esbuild").buildSync({
      entryPoints: [join(ROOT, "scripts", "synth-generated.ts")],
      outfile: bundle,
      absWorkingDir: ROOT,
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      packages: "external",
      logLevel: "error",
    });
    const manyRuns = Math.max(3, Math.ceil(RUNS / 2));
    const g = interleaved(
      {
        floor: floorCmd,
        two: { argv: [node, bundle], env: { GENERATED_ENVIRONMENTS: "2", SYNTH_JOBS: "1", CDKTF_OUTDIR: join(scratch, "g2", "cdktf.out") } },
        serial: { argv: [node, bundle], env: { GENERATED_ENVIRONMENTS: String(GENERATED), SYNTH_JOBS: "1", CDKTF_OUTDIR: join(scratch, "g1", "cdktf.out") } },
        auto: { argv: [node, bundle], env: { GENERATED_ENVIRONMENTS: String(GENERATED), CDKTF_OUTDIR: join(scratch, "ga", "cdktf.out") } },
      },
      manyRuns,
    );
    const perEnv = (r: Result) => ((r.seconds - g.two.seconds) / (GENERATED - 2)) * 1000;
    const perEnvCpu = (r: Result) => (r.cpu !== undefined && g.two.cpu !== undefined ? `, ${(((r.cpu - g.two.cpu) / (GENERATED - 2)) * 1000).toFixed(0)} ms CPU` : "");
    line(`floor: require("cdktf")`, g.floor);
    line("2 generated environments, 1 process", g.two, ratio(g.two.seconds, g.floor.seconds));
    line(`${GENERATED} environments, 1 process`, g.serial, `${ratio(g.serial.seconds, g.floor.seconds)}; ${perEnv(g.serial).toFixed(0)} ms${perEnvCpu(g.serial)} per extra environment`);
    line(`${GENERATED} environments, workers (automatic)`, g.auto, `${ratio(g.auto.seconds, g.floor.seconds)}; ${perEnv(g.auto).toFixed(0)} ms${perEnvCpu(g.auto)} per extra environment (${goal(perEnv(g.auto), 70, "ms")}; ${(perEnv(g.auto) / (g.floor.seconds * 1000)).toFixed(3)}x floor)`);
    const tree = (dir: string) => JSON.stringify(walk(dir, () => true).map((f) => [f.slice(dir.length), readFileSync(f, "latin1")]).sort());
    const same = tree(join(scratch, "g1", "cdktf.out")) === tree(join(scratch, "ga", "cdktf.out"));
    console.log(`workers' output byte-identical to one process: ${same ? "yes" : "NO"}`);

    if (!SKIP.has("validate")) {
      console.log("\n-- validate (terraform init + offline plan, cold = empty work folder)");
      measure([node, "scripts/synth.js"], { DEBUG: "" }); // the repository's cdktf.out, current
      const manifest = JSON.parse(readFileSync(join(ROOT, "cdktf.out", "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
      const all = Object.keys(manifest.stacks);
      // The issue's 12: state, dns, site, api, workflow and network of dev and prod (monitoring and
      // the per-account bootstrap stacks came later).
      const twelve = all.filter((id) => /^(dev|prod)-(state|dns|site|api|workflow|network)$/.test(id));
      const tfFloor = interleaved({ floor: { argv: ["terraform", "version"], env: { CHECKPOINT_DISABLE: "1" } }, tsx: { argv: [TSX, "-e", "0"] } }, RUNS);
      const cold12 = measure([TSX, "scripts/validate.ts", ...twelve], { VALIDATE_WORKDIR: join(scratch, "validate-12") });
      const work = join(scratch, "validate");
      const cold = measure([TSX, "scripts/validate.ts"], { VALIDATE_WORKDIR: work });
      const unchanged = summarize(Array.from({ length: 3 }, () => measure([TSX, "scripts/validate.ts"], { VALIDATE_WORKDIR: work })));
      const separate = measure([TSX, "scripts/validate.ts", "--separate"], { VALIDATE_WORKDIR: join(scratch, "validate-separate") });
      line("floor: terraform version", tfFloor.floor);
      line("floor: tsx -e 0", tfFloor.tsx);
      line(`validate cold, the ${twelve.length} stacks of the goal`, summarize([cold12]), `${goal(cold12.seconds, 25, "s")} on 2 cores; ${ratio(cold12.seconds, tfFloor.floor.seconds)} (terraform)`);
      line(`validate cold, all ${all.length} stacks`, summarize([cold]), `${ratio(cold.seconds, tfFloor.floor.seconds)} (terraform)`);
      line(`validate cold, all ${all.length} stacks, --separate`, summarize([separate]), `${(separate.seconds / cold.seconds).toFixed(2)}x the combined plan`);
      line("validate unchanged", unchanged, `${goal(unchanged.seconds, 2, "s")}; ${ratio(unchanged.seconds, tfFloor.tsx.seconds)} (tsx)`);
    }

    if (!SKIP.has("tests")) {
      console.log("\n-- tests (npx jest, every file)");
      const floor = summarize([measure(floorCmd.argv)]);
      const jest = join(ROOT, "node_modules", ".bin", "jest");
      // Cold first (an empty transform cache, as on a fresh clone or in CI), then warm (a developer's re-run).
      const cold = measure([jest, "--silent", "--cacheDirectory", join(scratch, "jest-cache")]);
      const warm = measure([jest, "--silent", "--cacheDirectory", join(scratch, "jest-cache")]);
      line(`floor: require("cdktf")`, floor);
      for (const [name, tests] of [["npm test, cold transform cache", cold], ["npm test, warm transform cache", warm]] as const) {
        line(name, summarize([tests]), `${goal(tests.seconds, 15, "s")} wall on 2 cores; ${ratio(tests.seconds, floor.seconds)} wall, ${tests.cpuSeconds !== undefined ? `${(tests.cpuSeconds / floor.seconds).toFixed(1)}x floor CPU` : ""}`);
      }
    }

    if (!SKIP.has("cli")) {
      console.log("\n-- cdktf CLI");
      const cli = summarize([measure([join(ROOT, "node_modules", ".bin", "cdktf"), "synth", "--output", join(scratch, "cli", "cdktf.out")])]);
      line("cdktf synth", cli, `${(cli.seconds / s.synth.seconds).toFixed(2)}x project synth`);
    }

    const out = join(scratch, "synth", "cdktf.out", "stacks");
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

    // Hook: other benchmarks (scripts/bench-*.ts) add their section by existing.
    for (const file of readdirSync(join(ROOT, "scripts")).filter((f) => /^bench-.+\.ts$/.test(f)).sort()) {
      console.log(`\n-- scripts/${file}`);
      const result = spawnSync(TSX, [join("scripts", file)], { cwd: ROOT, stdio: "inherit" });
      if (result.status !== 0) console.log(`(scripts/${file} exited with ${result.status})`);
    }
    console.log(`\nload average after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
