#!/usr/bin/env bash
# CI: proves CDK Terrain (cdktn 0.24, the maintained fork of CDKTF) on the same code. In a temporary
# copy of the working tree it swaps `cdktf` for `npm:cdktn@0.24.0` (an npm alias plus an override, so
# @cdktf/provider-aws resolves the same package) with constructs 10.7, then: synthesizes, compares
# every stack's JSON with the default toolchain's (cdktf 0.21) apart from the version metadata, runs
# the tests and validates every stack. The project's package.json and lockfile are not touched.
# See docs/deploy-and-state.md, "CDK Terrain". Usage: scripts/ci/cdktn-proof.sh [--no-tests]
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
export npm_config_loglevel=error CHECKPOINT_DISABLE=1 AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE=1
CDKTN="${CDKTN_VERSION:-0.24.0}"
CONSTRUCTS="${CDKTN_CONSTRUCTS_VERSION:-10.7.2}"

work="$(mktemp -d "${TMPDIR:-/tmp}/booking-cdktn.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "copy of the working tree in $work"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$work"
# A repository of its own: tests that list the tracked files (no stored keys) run there too.
(cd "$work" && git init -q && git add -A)
# Hard links (same file system): npm install then replaces only the packages that change.
cp -al node_modules "$work/node_modules" 2>/dev/null || cp -a node_modules "$work/node_modules"

step() { printf '\n--- cdktn: %s\n' "$*"; }

step "default toolchain (cdktf $(node -p 'require("cdktf/package.json").version')): synth"
npm run --silent synth >/dev/null
# -L: cdktf.out is a symlink to a generation that the next synth in $work removes (stacks/synth.ts).
cp -rL cdktf.out "$work/cdktf.out.default"

step "switch to cdktn $CDKTN (constructs $CONSTRUCTS)"
(
  cd "$work"
  node - "$CDKTN" "$CONSTRUCTS" <<'JS'
const fs = require("node:fs");
const [cdktn, constructs] = process.argv.slice(2);
const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
// The one-line switch of docs/deploy-and-state.md, and the override that makes the provider
// bindings (which declare a peer dependency on cdktf ^0.21) see the same package.
pkg.dependencies.cdktf = `npm:cdktn@${cdktn}`;
pkg.dependencies.constructs = constructs;
// cdktf-cli 0.21 is the CLI of the default toolchain; cdktn's is cdktn-cli (Node >= 22.19), not needed to synth.
delete pkg.dependencies["cdktf-cli"];
pkg.overrides = { ...pkg.overrides, cdktf: `npm:cdktn@${cdktn}`, constructs };
fs.writeFileSync("package.json", `${JSON.stringify(pkg, null, 2)}\n`);
JS
  npm install --no-audit --no-fund >/dev/null
  node -e 'const p = require("cdktf/package.json"); if (p.name !== "cdktn") throw new Error(`cdktf resolves to ${p.name}@${p.version}, not cdktn`); console.log(`cdktf resolves to ${p.name}@${p.version}; constructs ${require("constructs/package.json").version}; provider-aws sees ${require(require.resolve("cdktf/package.json", { paths: [require.resolve("@cdktf/provider-aws")] })).name}`)'
)

step "synth with cdktn"
(cd "$work" && rm -rf .build cdktf.out && npm run --silent synth >/dev/null)

step "compare the synthesized JSON (apart from the version metadata)"
node scripts/ci/compare-synth.js "$work/cdktf.out.default" "$work/cdktf.out"

if [ "${1:-}" != "--no-tests" ]; then
  step "npm test with cdktn"
  # One known difference of the test harness, not of the output: cdktn's Testing.synth of a single stack
  # resolves cross-stack references into terraform_remote_state (cdktf 0.21's leaves them as references),
  # so the network stack's snapshot, taken with cdktf 0.21, differs. The app's JSON is compared above.
  (cd "$work" && npx jest --silent -t '^(?!network stack snapshot$)')
fi

step "npm run validate with cdktn"
(cd "$work" && npm run --silent validate)
echo "cdktn $CDKTN: same JSON, tests and validate pass"
