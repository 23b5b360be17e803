// Runs in every jest worker before the tests (package.json jest.setupFiles); child processes the
// tests start inherit it.
// The AWS SDK v3 prints a NodeVersionSupportWarning once per process on Node < 22; it is the SDK's
// own switch (@aws-sdk/core emitWarningIfUnsupportedVersion). Node 22 is tested too (scripts/ci/node22.sh).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
// cdktf's CLI asks checkpoint-api.hashicorp.com for updates: offline that prints an error.
process.env.CHECKPOINT_DISABLE ??= "1";
// cdktf 0.21's util.isArray deprecation on Node 22 (scripts/node-warnings.js).
require("../scripts/node-warnings");
// The same for processes the tests start that do not go through scripts/synth.js (Node's own switch, >= 20.11).
if (!(process.env.NODE_OPTIONS ?? "").includes("--disable-warning=DEP0044")) {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --disable-warning=DEP0044`.trim();
}
// The API's Powertools logger stays quiet in tests unless a test asks for its lines (those that read
// them set POWERTOOLS_LOG_LEVEL themselves): request lines of every in-process server would bury jest's output.
process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";
