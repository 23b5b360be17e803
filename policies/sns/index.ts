import type { Rule } from "../core/rule";
import { snsEncryption } from "./encryption";

export const SNS_RULES: readonly Rule[] = [snsEncryption];
