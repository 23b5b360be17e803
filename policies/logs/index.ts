import type { Rule } from "../core/rule";
import { logsRetention } from "./retention";

export const LOGS_RULES: readonly Rule[] = [logsRetention];
