import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { policyDocument } from "../lib/iam";
import { KmsKey } from "./kms-key";

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
    const alarmsOfAccount = {
      StringEquals: { "aws:SourceAccount": props.accountId },
      ArnLike: { "aws:SourceArn": `arn:aws:cloudwatch:${props.region}:${props.accountId}:alarm:*` },
    };
    // KmsKey validates the deletion window, rotates yearly and lets the account administer (not use) the key.
    this.key = new KmsKey(this, "key", {
      alias: props.topicName,
      description: `Encrypts the alarm topic ${props.topicName}`,
      accountId: props.accountId,
      region: props.region,
      provider: props.provider,
      deletionWindowDays: props.keyDeletionWindowDays,
    });
    this.key.allowServicePrincipal("CloudWatchAlarmsEncrypt", "cloudwatch.amazonaws.com", ["kms:Decrypt", "kms:GenerateDataKey*"], alarmsOfAccount);

    this.topic = new SnsTopic(this, "topic", {
      provider: props.provider,
      name: props.topicName,
      kmsMasterKeyId: this.key.arn,
    });
    new SnsTopicPolicy(this, "policy", {
      provider: props.provider,
      arn: this.topic.arn,
      policy: policyDocument(
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
      ),
    });
    this.subscriptions = (props.emails ?? []).map(
      (email, i) => new SnsTopicSubscription(this, `email-${i}`, { provider: props.provider, topicArn: this.topic.arn, protocol: "email", endpoint: email }),
    );
  }
}
