import type { Rule } from "../core/rule";
import { iamNoAdminPolicies } from "./no-admin-policies";
import { iamNoServiceWildcardActions } from "./no-service-wildcard-actions";
import { iamNoUserPolicies } from "./no-user-policies";
import { iamNoWildcardActions } from "./no-wildcard-actions";
import { iamNoWildcardResources } from "./no-wildcard-resources";
import { iamTrustServicesOnly } from "./trust-services-only";

export const IAM_RULES: readonly Rule[] = [
  iamNoWildcardActions, iamNoServiceWildcardActions, iamNoWildcardResources, iamNoAdminPolicies, iamTrustServicesOnly, iamNoUserPolicies,
];
