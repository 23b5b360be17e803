import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderUserData } from "../../constructs/reporting-tier";
import { USER_DATA_TEMPLATE } from "../../stacks/network-stack";

const NEW = "console.log('new bundle')\n";
const OLD = "console.log('old bundle')\n";
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

function script(sha256: string): string {
  return renderUserData("test", readFileSync(USER_DATA_TEMPLATE, "utf8"), {
    nodeMajor: "22",
    region: "eu-west-1",
    bucket: "booking-dev-reporting-artifacts-111111111111",
    key: "reporting/server.js",
    sha256,
    environment: "Environment=PORT=8080",
  });
}

/**
 * Runs the bundle download part of the real user data (from BUNDLE_BUCKET= to the fetch_bundle
 * call) with fake `aws` and `sleep` commands: S3 serves NEW as the current version and OLD as the
 * older version "v-old", after failing the first `failFirst` calls with AccessDenied.
 */
function fetchWith(sha256: string, failFirst: number) {
  const dir = mkdtempSync(join(tmpdir(), "user-data-"));
  try {
    const bin = join(dir, "bin");
    mkdirSync(bin);
    mkdirSync(join(dir, "objects"));
    writeFileSync(join(dir, "objects", "current"), NEW);
    writeFileSync(join(dir, "objects", "v-old"), OLD);
    writeFileSync(
      join(bin, "aws"),
      `#!/bin/bash
calls=$(( $(cat "$STATE/calls" 2>/dev/null || echo 0) + 1 )); echo "$calls" > "$STATE/calls"
echo "$*" >> "$STATE/log"
if [ "$calls" -le "$FAIL_FIRST" ]; then echo "An error occurred (AccessDenied) when calling the GetObject operation: Access Denied" >&2; exit 254; fi
case "$2" in
  get-object) version=current; args=("$@"); for i in "\${!args[@]}"; do [ "\${args[$i]}" = "--version-id" ] && version="\${args[$((i + 1))]}"; done; cp "$STATE/objects/$version" "\${args[-1]}"; echo '{"ETag":"x"}';;
  list-object-versions) echo "current	v-old";;
esac
`,
    );
    writeFileSync(join(bin, "sleep"), `#!/bin/bash\necho "$1" >> "$STATE/sleeps"\n`);
    chmodSync(join(bin, "aws"), 0o755);
    chmodSync(join(bin, "sleep"), 0o755);
    const full = script(sha256);
    const part = full.slice(full.indexOf("BUNDLE_BUCKET="), full.indexOf("\nfetch_bundle\n") + "\nfetch_bundle\n".length).replace("BUNDLE_PATH=/opt/reporting/server.js", `BUNDLE_PATH=${join(dir, "server.js")}`);
    const run = spawnSync("bash", ["-c", `set -euo pipefail\n${part}`], {
      env: { PATH: `${bin}:${process.env.PATH}`, STATE: dir, FAIL_FIRST: String(failFirst) },
      encoding: "utf8",
    });
    const status = run.status;
    const output = run.stdout + run.stderr;
    const read = (f: string) => {
      try {
        return readFileSync(join(dir, f), "utf8");
      } catch {
        return "";
      }
    };
    return { status, output, bundle: read("server.js"), sleeps: read("sleeps").split("\n").filter(Boolean).map(Number), log: read("log") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("reporting user data: bundle download", () => {
  test("retries a failed download with exponential backoff and logs why it failed", () => {
    const run = fetchWith(sha(NEW), 2);
    expect(run.status).toBe(0);
    expect(run.bundle).toBe(NEW);
    expect(run.sleeps).toEqual([2, 4]);
    expect(run.output).toContain("bundle download attempt 1 failed, retrying in 2 s: An error occurred (AccessDenied)");
    expect(run.output).toContain("bundle download attempt 2 failed, retrying in 4 s");
    expect(run.output).toContain(`bundle ${sha(NEW)} fetched on attempt 3`);
  });

  test("an instance of an older launch template version fetches the older bundle version with its hash, not the current one", () => {
    const run = fetchWith(sha(OLD), 0);
    expect(run.status).toBe(0);
    expect(run.bundle).toBe(OLD);
    expect(run.log).toContain("list-object-versions --region eu-west-1 --bucket booking-dev-reporting-artifacts-111111111111 --prefix reporting/server.js");
    expect(run.log).toContain("--version-id v-old");
  });

  test("fails boot after 8 attempts (backoff capped at 60 s) when no version has the hash, saying so", () => {
    const run = fetchWith(sha("something else"), 0);
    expect(run.status).not.toBe(0);
    expect(run.bundle).toBe("");
    expect(run.sleeps).toEqual([2, 4, 8, 16, 32, 60, 60]);
    expect(run.output).toContain("bundle download failed 8 times, giving up: ");
    expect(run.output).toContain(`no version of s3://booking-dev-reporting-artifacts-111111111111/reporting/server.js has SHA-256 ${sha("something else")}`);
  });
});

describe("renderUserData", () => {
  test("fails on a placeholder without a value, naming it", () => {
    expect(() => renderUserData("dev-network/reporting", "echo {{region}} {{nope}}", { region: "eu-west-1" })).toThrow('dev-network/reporting: user data template placeholder "{{nope}}" has no value');
  });

  test("fails on a value the template does not use", () => {
    expect(() => renderUserData("dev-network/reporting", "echo {{region}}", { region: "eu-west-1", key: "k" })).toThrow("dev-network/reporting: user data values key are not used by the template");
  });
});
