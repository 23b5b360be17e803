import { block, compliant, nonCompliant, type Rule } from "../core/rule";
import { INSTANCE_TYPES } from "./instances";

export const ec2Imdsv2: Rule = {
  id: "ec2-imdsv2",
  severity: "error",
  industry: "CKV_AWS_79",
  description: "Instances require IMDSv2 session tokens (metadata_options.http_tokens = \"required\"), or have the metadata service off.",
  fix: "Set metadata_options { http_endpoint = \"enabled\", http_tokens = \"required\", http_put_response_hop_limit = 1 }.",
  resourceTypes: INSTANCE_TYPES,
  check(resource) {
    const options = block(resource.config.metadata_options);
    if (options.http_endpoint === "disabled" || options.http_tokens === "required") return compliant;
    return nonCompliant(`metadata_options.http_tokens is "${options.http_tokens ?? "(unset: optional)"}", so IMDSv1 answers unauthenticated requests`);
  },
};
