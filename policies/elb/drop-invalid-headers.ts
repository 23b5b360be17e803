import { compliant, isTrue, nonCompliant, notApplicable, type Rule } from "../core/rule";
import { isApplication, LOAD_BALANCER_TYPES } from "./load-balancer";

export const elbDropInvalidHeaders: Rule = {
  id: "elb-drop-invalid-headers",
  severity: "error",
  industry: "CKV_AWS_131",
  description: "An application load balancer drops HTTP headers with invalid names (drop_invalid_header_fields = true), closing a request-smuggling path.",
  fix: "Set drop_invalid_header_fields = true on the aws_lb.",
  resourceTypes: LOAD_BALANCER_TYPES,
  check(lb) {
    if (!isApplication(lb)) return notApplicable(`a ${lb.config.load_balancer_type} load balancer does not parse HTTP headers`);
    return isTrue(lb.config.drop_invalid_header_fields) ? compliant : nonCompliant("drop_invalid_header_fields is not true");
  },
};
