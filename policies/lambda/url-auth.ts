import { compliant, nonCompliant, type Rule } from "../core/rule";

export const lambdaUrlAuth: Rule = {
  id: "lambda-url-auth",
  severity: "error",
  industry: "CKV_AWS_258",
  description: "A Lambda function URL requires IAM authentication (authorization_type \"AWS_IAM\"); public traffic goes through API Gateway or CloudFront.",
  fix: "Set authorization_type = \"AWS_IAM\", or serve the function through API Gateway.",
  resourceTypes: ["aws_lambda_function_url"],
  check(url) {
    return url.config.authorization_type === "AWS_IAM" ? compliant : nonCompliant(`authorization_type is "${url.config.authorization_type}": anyone on the internet may invoke the function`);
  },
};
