import type { Rule } from "../core/rule";
import { route53AaaaTargetIpv6 } from "./aaaa-target-ipv6";
import { namesLength } from "./name-length";
import { tagsValues } from "./tag-values";

/** AWS API value constraints that `terraform plan` does not check and apply would fail on. */
export const LIMITS_RULES: readonly Rule[] = [tagsValues, namesLength, route53AaaaTargetIpv6];
