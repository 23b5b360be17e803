/**
 * Calls `onExit` once whoever started this process is gone, for the local servers (`npm run dev`,
 * `npm run dev:api`, `npm run dev:reporting`). `npm run x &` then `kill <npm pid>` (or kill -9):
 * npm does not pass every signal on, and its `sh -c` ends without passing any, so the server would
 * keep its port. When the parent is gone this process is re-parented. Under `npm run` the chain is
 * npm -> sh -> this process, so the shell's parent (npm) is watched as well.
 */
import { readFileSync } from "node:fs";

/** How often the process checks that whoever started it (npm, a shell) is still there. */
const PARENT_CHECK_MS = 250;

export function whenParentExits(onExit: () => void): void {
  const parent = process.ppid;
  const grandparent = process.env.npm_lifecycle_event ? parentOf(parent) : undefined;
  const timer = setInterval(() => {
    if (process.ppid !== parent || (grandparent !== undefined && parentOf(parent) !== grandparent)) {
      clearInterval(timer);
      onExit();
    }
  }, PARENT_CHECK_MS);
  timer.unref();
}

/** The parent of process `pid` (Linux /proc), or undefined where that cannot be read. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}
