import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The folder holding package.json: found by walking up, because this module runs from the source
 * tree (jest, tsx) and from the synth bundle in .build/ alike.
 */
export const PROJECT_ROOT: string = (() => {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}; run synth from the project folder`);
  }
})();
