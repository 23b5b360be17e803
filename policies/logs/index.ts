import type { Rule } from "../core/rule";
import { logsKms } from "./kms";
import { logsRetentionOneYear } from "./retention-one-year";
import { logsRetention } from "./retention";

export const LOGS_RULES: readonly Rule[] = [logsRetention, logsKms, logsRetentionOneYear];
