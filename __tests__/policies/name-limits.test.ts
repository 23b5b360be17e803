import { NAME_LIMITS } from "../../config/naming";
import { NAME_LIMITS_BY_TYPE } from "../../policies/limits/name-length";

test("the naming helper's limits stay within the API limits the names-length rule enforces", () => {
  const typeOf: Record<string, string> = {
    bucket: "aws_s3_bucket", lambda: "aws_lambda_function", iamRole: "aws_iam_role", logGroup: "aws_cloudwatch_log_group",
    dynamodbTable: "aws_dynamodb_table", stateMachine: "aws_sfn_state_machine", loadBalancer: "aws_lb", targetGroup: "aws_lb_target_group",
    securityGroup: "aws_security_group", wafWebAcl: "aws_wafv2_web_acl", snsTopic: "aws_sns_topic", alarm: "aws_cloudwatch_metric_alarm",
  };
  for (const [kind, limit] of Object.entries(NAME_LIMITS)) {
    if (kind === "generic") continue;
    expect([kind, limit]).toEqual([kind, NAME_LIMITS_BY_TYPE[typeOf[kind]].max]);
  }
});
