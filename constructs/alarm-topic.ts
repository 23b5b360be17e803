import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Token } from "cdktf";
import { Construct } from "constructs";

const EMAIL_RE = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export interface AlarmTopicProps {
  /** Topic name (see `Names.alarmTopic`); alarms build its ARN from it. */
  readonly topicName: string;
  /** Account that owns the topic and whose alarms may publish to it. */
  readonly accountId: string;
  /** Region of the topic (its provider's region): alarms publish only to a topic of their region. */
  readonly region: string;
  /**
   * Addresses subscribed by e-mail (each must confirm once).
   * @default - none: the topic only collects (subscribe a pager or chat integration later)
   */
  readonly emails?: readonly string[];
  /**
   * Provider of the topic's region.
   * @default - the stack's default provider
   */
  readonly provider?: AwsProvider;
  /**
   * Days KMS waits before deleting the key once it is destroyed (7-30).
   * @default 30
   */
  readonly keyDeletionWindowDays?: number;
}

/**
 * The SNS topic CloudWatch alarms notify, encrypted with a customer-managed KMS key of its own.
 *
 * Not the AWS-managed `alias/aws/sns` key: its key policy cannot be changed, so CloudWatch could not
 * use it and alarm notifications would be dropped. The key policy lets `cloudwatch.amazonaws.com`
 * call kms:Decrypt and kms:GenerateDataKey* for this account's alarms, and the topic policy lets it
 * publish ("Enable compatibility between event sources from AWS services and encrypted topics",
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
 * The topic accepts only TLS publishes.
 */
export class AlarmTopic extends Construct {
  public readonly topic: SnsTopic;
  public readonly key: KmsKey;
  public readonly subscriptions: readonly SnsTopicSubscription[];

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const where = this.node.path;
    for (const email of props.emails ?? []) {
      if (!Token.isUnresolved(email) && !EMAIL_RE.test(email)) {
        throw new Error(`${where}: emails "${email}" must be an e-mail address, e.g. "oncall@example.com"`);
      }
    }
    const deletionWindow = props.keyDeletionWindowDays ?? 30;
    if (!Number.isInteger(deletionWindow) || deletionWindow < 7 || deletionWindow > 30) {
      throw new Error(`${where}: keyDeletionWindowDays "${deletionWindow}" must be a whole number of days from 7 to 30, e.g. 30`);
    }
    const alarmsOfAccount = {
      StringEquals: { "aws:SourceAccount": props.accountId },
      ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${props.region}:${props.accountId}:alarm:*` },
    };
    this.key = new KmsKey(this, "key", {
      provider: props.provider,
      description: `Encrypts the alarm topic ${props.topicName}`,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindow,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          // Without it nobody could manage the key (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
          { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${props.accountId}:root` }, Action: "kms:*", Resource: "*" },
          {
            Sid: "CloudWatchAlarmsEncrypt",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: alarmsOfAccount,
          },
        ],
      }),
    });
    new KmsAlias(this, "alias", { provider: props.provider, name: `alias/${props.topicName}`, targetKeyId: this.key.keyId });

    this.topic = new SnsTopic(this, "topic", {
      provider: props.provider,
      name: props.topicName,
      kmsMasterKeyId: this.key.arn,
    });
    new SnsTopicPolicy(this, "policy", {
      provider: props.provider,
      arn: this.topic.arn,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "CloudWatchAlarmsPublish",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "sns:Publish",
            Resource: this.topic.arn,
            Condition: alarmsOfAccount,
          },
          {
            Sid: "TlsOnly",
            Effect: "Deny",
            Principal: "*",
            Action: "sns:Publish",
            Resource: this.topic.arn,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    });
    this.subscriptions = (props.emails ?? []).map(
      (email, i) => new SnsTopicSubscription(this, `email-${i}`, { provider: props.provider, topicArn: this.topic.arn, protocol: "email", endpoint: email }),
    );
  }
}
