import type { Rule } from "../core/rule";
import { elbAccessLogs } from "./access-logs";
import { elbDeletionProtection } from "./deletion-protection";
import { elbDropInvalidHeaders } from "./drop-invalid-headers";
import { elbListenerHttps } from "./listener-https";
import { elbTargetGroupHealthCheck } from "./target-group-health-check";
import { elbTlsPolicy } from "./tls-policy";

export const ELB_RULES: readonly Rule[] = [
  elbListenerHttps, elbTlsPolicy, elbDropInvalidHeaders, elbAccessLogs, elbDeletionProtection, elbTargetGroupHealthCheck,
];
