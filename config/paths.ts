// The project root lives in the leaf lib/ so constructs can use it too; re-exported for config's callers.
export { PROJECT_ROOT } from "../lib/paths";
