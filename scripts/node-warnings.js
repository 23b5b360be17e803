// Drops the one runtime warning the archived toolchain causes on Node 22, and no other: cdktf 0.21's
// TerraformOutput calls util.isArray, which Node 22 deprecates at runtime (DEP0044, "The `util.isArray`
// API is deprecated"), printing it on every synth. cdktf 0.21 gets no fix (archived); on cdktn it is gone
// with the call. Required by scripts/synth.js and by the jest set-up.
"use strict";
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  const code = typeof rest[0] === "object" && rest[0] !== null ? rest[0].code : rest[1];
  if (code === "DEP0044") return;
  return emitWarning.call(process, warning, ...rest);
};
