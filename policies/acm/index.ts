import type { Rule } from "../core/rule";
import { acmCreateBeforeDestroy } from "./create-before-destroy";
import { acmTransparencyLogging } from "./transparency-logging";

export const ACM_RULES: readonly Rule[] = [acmTransparencyLogging, acmCreateBeforeDestroy];
