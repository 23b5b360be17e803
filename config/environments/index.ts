import type { EnvironmentInput } from "../schema";
import { dev } from "./dev";
import { prod } from "./prod";

/** Every environment `npm run synth` knows, in deploy order. Add one by adding a file here. */
export const environments: Readonly<Record<string, EnvironmentInput>> = { dev, prod };
