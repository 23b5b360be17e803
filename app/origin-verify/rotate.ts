/**
 * Rotation function of the CloudFront origin-verify secret (Secrets Manager calls it with each step
 * of a rotation). The four steps follow AWS's documented pattern for this header:
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/restrict-access-to-load-balancer.html (custom header pattern)
 *   createSecret  a new random value as AWSPENDING (the API accepts AWSCURRENT and AWSPENDING);
 *   setSecret     the distribution's API origin sends the pending value (UpdateDistribution);
 *   testSecret    waits (by failing, which Secrets Manager retries) until the distribution is Deployed,
 *                 so every edge sends the new value before the old one stops being accepted;
 *   finishSecret  AWSCURRENT moves to the new version.
 */
import { randomBytes } from "node:crypto";
import { CloudFrontClient, GetDistributionCommand, GetDistributionConfigCommand, UpdateDistributionCommand } from "@aws-sdk/client-cloudfront";
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { ORIGIN_VERIFY_HEADER } from "../api/front-door";

interface RotationEvent {
  readonly SecretId: string;
  readonly ClientRequestToken: string;
  readonly Step: "createSecret" | "setSecret" | "testSecret" | "finishSecret";
}

const secrets = new SecretsManagerClient({});
const cloudfront = new CloudFrontClient({});
const distributionId = process.env.DISTRIBUTION_ID ?? "";
const originId = process.env.API_ORIGIN_ID ?? "";

export async function handler(event: RotationEvent): Promise<void> {
  if (!distributionId || !originId) throw new Error("environment variables DISTRIBUTION_ID and API_ORIGIN_ID must be set");
  const { SecretId, ClientRequestToken: token, Step } = event;
  const described = await secrets.send(new DescribeSecretCommand({ SecretId }));
  const stages = described.VersionIdsToStages ?? {};
  if (!stages[token]) throw new Error(`version ${token} of the secret is not part of a rotation`);
  if (stages[token].includes("AWSCURRENT")) return; // this rotation already finished

  switch (Step) {
    case "createSecret": {
      try {
        await secrets.send(new GetSecretValueCommand({ SecretId, VersionId: token, VersionStage: "AWSPENDING" }));
      } catch {
        await secrets.send(new PutSecretValueCommand({ SecretId, ClientRequestToken: token, SecretString: randomBytes(32).toString("base64url"), VersionStages: ["AWSPENDING"] }));
      }
      return;
    }
    case "setSecret": {
      const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId, VersionId: token, VersionStage: "AWSPENDING" }));
      const { DistributionConfig, ETag } = await cloudfront.send(new GetDistributionConfigCommand({ Id: distributionId }));
      const origin = DistributionConfig?.Origins?.Items?.find((o) => o.Id === originId);
      if (!DistributionConfig || !origin) throw new Error(`distribution ${distributionId} has no origin ${originId}`);
      const others = (origin.CustomHeaders?.Items ?? []).filter((h) => h.HeaderName?.toLowerCase() !== ORIGIN_VERIFY_HEADER.toLowerCase());
      const items = [...others, { HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: SecretString }];
      origin.CustomHeaders = { Quantity: items.length, Items: items };
      await cloudfront.send(new UpdateDistributionCommand({ Id: distributionId, IfMatch: ETag, DistributionConfig }));
      return;
    }
    case "testSecret": {
      const { Distribution } = await cloudfront.send(new GetDistributionCommand({ Id: distributionId }));
      if (Distribution?.Status !== "Deployed") throw new Error(`distribution ${distributionId} is ${Distribution?.Status}; Secrets Manager retries this step until it is Deployed`);
      return;
    }
    case "finishSecret": {
      const current = Object.entries(stages).find(([, s]) => s.includes("AWSCURRENT"))?.[0];
      await secrets.send(new UpdateSecretVersionStageCommand({ SecretId, VersionStage: "AWSCURRENT", MoveToVersionId: token, RemoveFromVersionId: current }));
      return;
    }
  }
}
