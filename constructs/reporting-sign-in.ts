import { CognitoUserPool } from "@cdktf/provider-aws/lib/cognito-user-pool";
import { CognitoUserPoolClient } from "@cdktf/provider-aws/lib/cognito-user-pool-client";
import { CognitoUserPoolDomain } from "@cdktf/provider-aws/lib/cognito-user-pool-domain";
import type { LbListenerRuleAction } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { Token } from "cdktf";
import { Construct } from "constructs";

export interface ReportingSignInProps {
  /** Name of the user pool (operators who may read the reports). */
  readonly userPoolName: string;
  /**
   * Prefix of the Cognito hosted sign-in domain, `<prefix>.auth.<region>.amazoncognito.com`:
   * 1-63 of a-z, 0-9 and "-", not starting or ending with "-", without "aws", "amazon" or "cognito".
   */
  readonly domainPrefix: string;
  /** Domain the load balancer answers on; the sign-in returns to https://<it>/oauth2/idpresponse. */
  readonly domainName: string;
  /** The load balancer's security group: it must reach Cognito's token endpoint over HTTPS. */
  readonly loadBalancerSecurityGroupId: string;
  /**
   * Seconds a sign-in lasts before the load balancer asks again.
   * @default 28800 - a working day
   */
  readonly sessionTimeoutSeconds?: number;
  /**
   * The user pool cannot be deleted while on.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * Sign-in in front of the reporting service: a Cognito user pool (accounts created by an
 * administrator only, MFA required) with a hosted sign-in domain and an app client, and the
 * `authenticate-cognito` action a listener rule puts before its `forward`
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html).
 * The load balancer then forwards only signed-in requests, with x-amzn-oidc-* headers.
 */
export class ReportingSignIn extends Construct {
  public readonly userPool: CognitoUserPool;
  public readonly client: CognitoUserPoolClient;
  public readonly domain: CognitoUserPoolDomain;

  constructor(scope: Construct, id: string, props: ReportingSignInProps) {
    super(scope, id);
    const { domainPrefix } = props;
    // https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html
    if (!Token.isUnresolved(domainPrefix) && (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(domainPrefix) || /aws|amazon|cognito/.test(domainPrefix))) {
      throw new Error(`ReportingSignIn ${this.node.path}: domainPrefix "${domainPrefix}" must be 1-63 of a-z, 0-9 and "-", not starting or ending with "-" and without "aws", "amazon" or "cognito", e.g. "booking-dev-reporting"`);
    }
    const sessionTimeout = props.sessionTimeoutSeconds ?? 28_800;
    if (!Token.isUnresolved(sessionTimeout) && (!Number.isInteger(sessionTimeout) || sessionTimeout < 1 || sessionTimeout > 604_800)) {
      throw new Error(`ReportingSignIn ${this.node.path}: sessionTimeoutSeconds ${sessionTimeout} must be a whole number from 1 to 604800 (7 days), e.g. 28800`);
    }
    this.userPool = new CognitoUserPool(this, "user-pool", {
      name: props.userPoolName,
      adminCreateUserConfig: { allowAdminCreateUserOnly: true },
      mfaConfiguration: "ON",
      softwareTokenMfaConfiguration: { enabled: true },
      passwordPolicy: { minimumLength: 14, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true, temporaryPasswordValidityDays: 3 },
      usernameAttributes: ["email"],
      autoVerifiedAttributes: ["email"],
      accountRecoverySetting: { recoveryMechanism: [{ name: "verified_email", priority: 1 }] },
      deletionProtection: props.deletionProtection ?? true ? "ACTIVE" : "INACTIVE",
    });
    this.domain = new CognitoUserPoolDomain(this, "domain", { domain: domainPrefix, userPoolId: this.userPool.id });
    this.client = new CognitoUserPoolClient(this, "client", {
      name: `${props.userPoolName}-alb`,
      userPoolId: this.userPool.id,
      generateSecret: true, // required by the load balancer; Cognito generates it, it is never in the configuration
      allowedOauthFlowsUserPoolClient: true,
      allowedOauthFlows: ["code"],
      allowedOauthScopes: ["openid", "email"],
      supportedIdentityProviders: ["COGNITO"],
      callbackUrls: [`https://${props.domainName}/oauth2/idpresponse`],
      preventUserExistenceErrors: "ENABLED",
    });
    // The load balancer exchanges the code at Cognito's token endpoint (a public AWS endpoint).
    new VpcSecurityGroupEgressRule(this, "alb-egress-cognito", {
      securityGroupId: props.loadBalancerSecurityGroupId,
      description: "HTTPS to the Cognito token and user info endpoints (sign-in)",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
    });
    this.sessionTimeout = sessionTimeout;
  }

  private readonly sessionTimeout: number;

  /** The listener rule action that signs the request in; put it first (order 1), the forward after. */
  public get authenticateAction(): LbListenerRuleAction {
    return {
      type: "authenticate-cognito",
      order: 1,
      authenticateCognito: {
        userPoolArn: this.userPool.arn,
        userPoolClientId: this.client.id,
        userPoolDomain: this.domain.domain,
        onUnauthenticatedRequest: "authenticate",
        sessionTimeout: this.sessionTimeout,
        scope: "openid email",
      },
    };
  }
}
