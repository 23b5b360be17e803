import { block, blocks, compliant, nonCompliant, notApplicable, type Rule } from "../core/rule";

export const elbListenerHttps: Rule = {
  id: "elb-listener-https",
  severity: "error",
  industry: "CKV_AWS_2, CKV2_AWS_20",
  description: "A load balancer listener is HTTPS (or TLS), or an HTTP listener whose default action redirects to HTTPS.",
  fix: "Serve on an HTTPS listener with a certificate; on port 80 keep only a listener whose default_action is { type = \"redirect\", redirect { protocol = \"HTTPS\", port = \"443\", status_code = \"HTTP_301\" } }.",
  resourceTypes: ["aws_lb_listener", "aws_alb_listener"],
  check(listener) {
    const protocol = listener.config.protocol ?? "HTTP";
    if (protocol === "HTTPS" || protocol === "TLS") return compliant;
    if (protocol !== "HTTP") return notApplicable(`a ${protocol} listener carries no HTTP`);
    const actions = blocks(listener.config.default_action);
    const redirects = actions.some((a) => a.type === "redirect" && block(a.redirect).protocol === "HTTPS");
    return redirects ? compliant : nonCompliant(`HTTP listener on port ${listener.config.port} does not redirect to HTTPS (default_action type "${actions[0]?.type}")`);
  },
};
