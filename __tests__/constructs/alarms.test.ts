import { AlarmTopic } from "../../constructs/alarm-topic";
import { Alarm, type AlarmProps } from "../../constructs/alarm";
import { BurnRateAlarms } from "../../constructs/burn-rate-alarms";
import { Dashboard } from "../../constructs/dashboard";
import { Testing } from "../helpers";
import { TerraformStack } from "cdktf";

const stack = () => new TerraformStack(Testing.app(), "test");
const valid: AlarmProps = {
  alarmName: "booking-dev-x",
  description: "x",
  metric: { namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: "f" }, stat: "Sum" },
  periodSeconds: 300,
  evaluationPeriods: 1,
  threshold: 0,
  comparison: "GreaterThanThreshold",
  treatMissingData: "notBreaching",
  topicArn: "arn:aws:sns:eu-west-1:111111111111:booking-dev-alarms",
};

describe("alarm constructs", () => {
  test("fails on a threshold that is not a number", () => {
    expect(() => new Alarm(stack(), "a", { ...valid, threshold: Number("five") })).toThrow('test/a: threshold "NaN" must be a finite number, e.g. 0');
  });
  test("fails on an alarm that notifies nobody, or something that is not a topic", () => {
    expect(() => new Alarm(stack(), "a", { ...valid, topicArn: undefined })).toThrow("test/a: topicArn \"undefined\" must be the alarm topic's ARN");
    expect(() => new Alarm(stack(), "a", { ...valid, topicArn: "arn:aws:lambda:eu-west-1:1:function:f" })).toThrow("must be an SNS topic ARN");
  });
  test("fails on a period CloudWatch rejects and on a range longer than a day", () => {
    expect(() => new Alarm(stack(), "a", { ...valid, periodSeconds: 90 })).toThrow('test/a: periodSeconds "90" must be 10, 30 or a multiple of 60, e.g. 300');
    expect(() => new Alarm(stack(), "a", { ...valid, periodSeconds: 21_600, evaluationPeriods: 5 })).toThrow('test/a: evaluationPeriods "5" must be a whole number from 1 with evaluationPeriods x periodSeconds at most 86400');
  });
  test("fails on a malformed e-mail subscription", () => {
    expect(() => new AlarmTopic(stack(), "t", { topicName: "booking-dev-alarms", accountId: "111111111111", region: "eu-west-1", emails: ["ops@example"] })).toThrow('test/t: emails "ops@example" must be an e-mail address, e.g. "oncall@example.com"');
  });
  test("fails on an objective without error budget", () => {
    const ratio = { metrics: [valid.metric!], expression: "m0" };
    expect(() => new BurnRateAlarms(stack(), "b", { namePrefix: "p", objective: "o", objectivePercent: 100, errorRatio: ratio, topicArn: valid.topicArn! })).toThrow('test/b: objectivePercent "100" must be above 0 and below 100, e.g. 99.9');
  });
  test("fails on a dashboard name CloudWatch rejects", () => {
    expect(() => new Dashboard(stack(), "d", { dashboardName: "booking dev", region: "eu-west-1", widgets: [{ title: "t", metrics: [{ namespace: "n", metricName: "m" }] }] })).toThrow('test/d: dashboardName "booking dev" must be 1-255 letters, digits, "-" or "_"');
  });
});
