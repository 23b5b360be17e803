import { block, compliant, nonCompliant, notApplicable, type Rule } from "../core/rule";
import { INSTANCE_TYPES } from "./instances";

export const ec2ImdsHopLimit: Rule = {
  id: "ec2-imds-hop-limit",
  severity: "error",
  industry: "CKV_AWS_341",
  description: "Instance metadata answers only the instance itself: metadata_options.http_put_response_hop_limit = 1 (not a container or a forwarded hop).",
  fix: "Set metadata_options.http_put_response_hop_limit = 1 (AMIs such as Amazon Linux 2023 default to 2).",
  resourceTypes: INSTANCE_TYPES,
  check(resource) {
    const options = block(resource.config.metadata_options);
    if (options.http_endpoint === "disabled") return notApplicable("the metadata service is off");
    const limit = options.http_put_response_hop_limit;
    return Number(limit) === 1 ? compliant : nonCompliant(`metadata_options.http_put_response_hop_limit is ${limit ?? "(unset: the AMI's default)"}`);
  },
};
