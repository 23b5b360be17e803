import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { groupAlive, startDevProcess, type DevProcess } from "./dev-process";

async function waitFor(done: () => boolean, ms: number, why: () => string): Promise<void> {
  for (const started = Date.now(); !done(); await new Promise((resolve) => setTimeout(resolve, 100))) {
    if (Date.now() - started > ms) throw new Error(`not done after ${ms} ms: ${why()}`);
  }
}

const groupListing = (pgid: number) =>
  spawnSync("ps", ["-eo", "pgid=,pid=,args="], { encoding: "utf8" })
    .stdout.split("\n")
    .filter((line) => line.trim().split(/\s+/)[0] === String(pgid))
    .join("\n");

/**
 * `npm run <script> &` as a shell job (its own process group, free ports), then `kill -<signal>` of
 * npm alone once `ready` is printed: the server whose `url` it printed must stop answering, and no
 * process of the group may be left.
 */
async function expectKillOfNpmStops(script: string, printed: { ready: RegExp; url: RegExp }, signal: NodeJS.Signals): Promise<void> {
  const npm = spawn("npm", ["run", "--silent", script], {
    cwd: join(__dirname, ".."),
    detached: true,
    env: { ...process.env, WEB_PORT: "0", API_PORT: "0", REPORTING_PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  npm.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitFor(() => printed.ready.test(output), 60_000, () => output);
    const health = `${printed.url.exec(output)![1]}/health`;
    expect((await fetch(health)).status).toBe(200);
    process.kill(npm.pid!, signal);
    await waitFor(() => !groupAlive(npm.pid!), 20_000, () => `still running:\n${groupListing(npm.pid!)}\n${output}`);
    await expect(fetch(health)).rejects.toThrow();
  } finally {
    if (groupAlive(npm.pid!)) process.kill(-npm.pid!, "SIGKILL");
  }
}

jest.setTimeout(90_000);

describe("npm run dev", () => {
  let dev: DevProcess | undefined;

  afterEach(async () => {
    await dev?.stop("SIGKILL");
    dev = undefined;
  });

  test("serves the web app, and the API and the reporting service through its proxy; Ctrl-C leaves no process", async () => {
    dev = await startDevProcess([], { PAYMENT_WINDOW_SECONDS: "60" });
    const { urls } = dev;
    expect(urls.web).toMatch(/^http:\/\/localhost:\d+\/$/);

    const page = await fetch(urls.web);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<main id="main"');

    const apartments = await fetch(new URL("/api/apartments", urls.web));
    expect(apartments.status).toBe(200);
    expect((await apartments.json()).length).toBeGreaterThan(0);
    expect((await fetch(new URL("/reporting/health", urls.web))).status).toBe(200);
    expect((await fetch(`${urls.api}/health`)).status).toBe(200);

    const stopped = await dev.stop("SIGINT", "group");
    dev = undefined;
    expect(stopped).toEqual({ code: 0, leftBehind: "" });
    await expect(fetch(urls.web)).rejects.toThrow();
    await expect(fetch(`${urls.api}/health`)).rejects.toThrow();
  });

  test("SIGTERM to the process alone stops every piece", async () => {
    dev = await startDevProcess();
    const { urls } = dev;
    const stopped = await dev.stop("SIGTERM", "leader");
    dev = undefined;
    expect(stopped).toEqual({ code: 0, leftBehind: "" });
    await expect(fetch(urls.reporting.replace(/\/reporting$/, "/reporting/health"))).rejects.toThrow();
  });

  test.each(["SIGTERM", "SIGKILL", "SIGHUP"] as const)("`npm run dev &` then `kill -%s <npm pid>` stops the whole tree and frees the ports", async (signal) => {
    await expectKillOfNpmStops("dev", { ready: /^Ctrl-C stops everything\.$/m, url: /^api: (http:\/\/\S+)/m }, signal);
  });

  test.each([
    ["dev:api", /^api: (http:\/\/\S+)/m],
    ["dev:reporting", /^reporting service: (http:\/\/\S+)/m],
  ] as const)("`npm run %s &` then `kill <npm pid>` stops the server and frees its port", async (script, url) => {
    await expectKillOfNpmStops(script, { ready: url, url }, "SIGTERM");
  });

  test("fails on a bad port setting, naming the variable", async () => {
    await expect(startDevProcess([], { WEB_PORT: "eighty" })).rejects.toThrow('WEB_PORT "eighty" must be a TCP port number from 0 to 65535, e.g. WEB_PORT=5173');
  });
});
