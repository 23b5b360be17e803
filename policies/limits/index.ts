import type { Rule } from "../core/rule";
import { namesLength } from "./name-length";
import { tagsValues } from "./tag-values";

/** AWS API value constraints that `terraform plan` does not check and apply would fail on. */
export const LIMITS_RULES: readonly Rule[] = [tagsValues, namesLength];
