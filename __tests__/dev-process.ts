/**
 * Runs `npm run dev` (scripts/dev.ts) as a terminal would: in its own process group, stopped by a
 * signal to that group (what Ctrl-C does). Shared by the dev-script and browser tests.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..");

export interface DevUrls {
  readonly web: string;
  readonly api: string;
  readonly reporting: string;
}

export interface DevProcess {
  readonly urls: DevUrls;
  readonly pid: number;
  /** Everything the process printed so far. */
  output(): string;
  /**
   * Sends `signal` to the whole process group (`group`, as Ctrl-C does) or to the leader only (as
   * `kill <pid>` does), then waits for the exit and for every process of the group to be gone.
   */
  stop(signal?: NodeJS.Signals, target?: "group" | "leader"): Promise<{ code: number | null; leftBehind: string }>;
}

/** Starts the dev stack on free ports and waits until it printed its URLs. */
export async function startDevProcess(args: string[] = [], env: Record<string, string> = {}): Promise<DevProcess> {
  // As package.json's "dev" runs it: one process (tsx as a loader, not its CLI's extra parent).
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts", ...args], {
    cwd: ROOT,
    detached: true, // own process group, like a shell job
    env: { ...process.env, WEB_PORT: "0", API_PORT: "0", REPORTING_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const ready = await Promise.race([
    new Promise<boolean>((resolve) => {
      const check = () => {
        if (output.includes("Ctrl-C stops everything.")) {
          child.stdout!.off("data", check);
          resolve(true);
        }
      };
      child.stdout!.on("data", check);
    }),
    exited.then(() => false),
  ]);
  if (!ready) throw new Error(`npm run dev exited before it was ready:\n${output}`);

  const url = (name: string) => {
    const found = new RegExp(`^${name}: (http://\\S+)`, "m").exec(output);
    if (!found) throw new Error(`npm run dev printed no "${name}: http://…" line:\n${output}`);
    return found[1];
  };
  return {
    urls: { web: url("web"), api: url("api"), reporting: url("reporting") },
    pid: child.pid!,
    output: () => output,
    stop: async (signal = "SIGINT", target = "group") => {
      if (child.exitCode === null) process.kill(target === "group" ? -child.pid! : child.pid!, signal);
      const code = await exited;
      return { code, leftBehind: await groupLeftBehind(child) };
    },
  };
}

/**
 * Processes of the child's group still running once it has exited (helpers such as esbuild end
 * when their parent's pipe closes, so give them a moment). Kills any it finds, to leave none.
 */
async function groupLeftBehind(child: ChildProcess): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (!groupAlive(child.pid!)) return "";
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const listing = spawnSync("ps", ["-eo", "pgid=,pid=,args="], { encoding: "utf8" })
    .stdout.split("\n")
    .filter((line) => line.trim().split(/\s+/)[0] === String(child.pid))
    .join("\n");
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // gone in the meantime
  }
  return listing;
}

/** Whether any process of the process group `pgid` is still running. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
