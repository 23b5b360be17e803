import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { snapshotTree, synthesizedOutdir } from "./helpers";
import { PARALLEL_THRESHOLD } from "../stacks/synth";

const ROOT = join(__dirname, "..");
const RUNNER = join(ROOT, "scripts", "synth.js");

describe("synth speed-ups change no byte of the output", () => {
  const base = mkdtempSync(join(tmpdir(), "synth-speed-"));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  // Writes the list of loaded modules when the synth process exits.
  const preload = join(base, "loaded-modules.js");
  writeFileSync(preload, `process.on("exit", () => require("node:fs").writeFileSync(process.env.LOADED_MODULES_FILE, JSON.stringify(Object.keys(require.cache))));`);

  function synth(name: string, env: Record<string, string>): { tree: Record<string, string>; modules: string[] } {
    const outdir = join(base, name, "cdktf.out");
    const modules = join(base, `${name}-modules.json`);
    const result = spawnSync(process.execPath, ["--require", preload, RUNNER], {
      cwd: ROOT,
      env: { ...process.env, DEBUG: "", CDKTF_OUTDIR: outdir, LOADED_MODULES_FILE: modules, ...env },
      encoding: "utf8",
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    return { tree: snapshotTree(outdir), modules: JSON.parse(readFileSync(modules, "utf8")) };
  }

  // The run's shared synth (capture off, one process) is the reference.
  let reference: Record<string, string>;
  let debug: ReturnType<typeof synth>;
  beforeAll(() => {
    reference = snapshotTree(synthesizedOutdir());
    debug = synth("debug", { DEBUG: "1" });
  });

  test("the synth loads cdktf and the provider classes but no AWS SDK module (app/ contracts are SDK-free)", () => {
    expect(debug.modules.some((m) => m.includes("/node_modules/cdktf/"))).toBe(true);
    expect(debug.modules.some((m) => m.includes("/node_modules/@cdktf/provider-aws/"))).toBe(true);
    expect(debug.modules.filter((m) => m.includes("/@aws-sdk/") || m.includes("/@smithy/"))).toEqual([]);
  });

  test("with DEBUG (stack-trace capture on) the output is byte-identical", () => {
    expect(debug.tree).toEqual(reference);
  });

  test(`in worker processes (SYNTH_JOBS=2; automatic from ${PARALLEL_THRESHOLD} environments) the output is byte-identical`, () => {
    expect(synth("workers", { SYNTH_JOBS: "2" }).tree).toEqual(reference);
  });
});

describe("the tests themselves run with the capture off (package.json jest.setupFiles)", () => {
  test("cdktf's captureStackTrace records nothing in this jest worker unless DEBUG is set", () => {
    // Guards the jest config: a second "setupFiles" key once silently dropped this setup file,
    // and the suite spent 18% more CPU formatting traces nobody reads.
    const { captureStackTrace } = require("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace: () => string[] };
    if (process.env.DEBUG) expect(captureStackTrace().length).toBeGreaterThan(0);
    else expect(captureStackTrace()).toEqual([]);
  });
});
