import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { Apigatewayv2ApiMapping } from "@cdktf/provider-aws/lib/apigatewayv2-api-mapping";
import { Apigatewayv2DomainName } from "@cdktf/provider-aws/lib/apigatewayv2-domain-name";
import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import type { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { Certificate } from "./certificate";
import type { KmsKey } from "./kms-key";

/**
 * One JSON object per request in the access log: who, what, how it ended, how long it took. The
 * route template ($context.routeKey, e.g. "ANY /api/{proxy+}") and no raw path ($context.path):
 * a path can carry a bearer reservation id, and whoever reads the logs must not be able to use it.
 * No query string, headers or integration error text (which can quote the function's error) either;
 * $context.error.message is API Gateway's own fixed text ("Not Found", "Internal Server Error").
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
 */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  sourceIp: "$context.identity.sourceIp",
  userAgent: "$context.identity.userAgent",
  domainName: "$context.domainName",
  method: "$context.httpMethod",
  routeKey: "$context.routeKey",
  protocol: "$context.protocol",
  status: "$context.status",
  responseLength: "$context.responseLength",
  responseLatencyMs: "$context.responseLatency",
  integrationLatencyMs: "$context.integrationLatency",
  integrationStatus: "$context.integrationStatus",
  error: "$context.error.message",
});

/** Context variables that carry the raw request path or query, where a bearer id could be. */
export const FORBIDDEN_ACCESS_LOG_VARIABLES = ["$context.path", "$context.integrationErrorMessage"] as const;

export interface HttpApiProps {
  /** Name of the API and of its access log group (`/aws/apigateway/<name>`). */
  readonly name: string;
  /** The Lambda function every route invokes (payload format 2.0). */
  readonly handler: LambdaFunction;
  /** Route keys sent to the handler, e.g. `["ANY /api", "ANY /api/{proxy+}"]`. */
  readonly routes: string[];
  /** Custom domain of the API, in `zone`; it gets a regional certificate and A/AAAA alias records. */
  readonly domainName: string;
  readonly zone: Route53Zone;
  /** Steady-state requests per second over all routes before API Gateway answers 429. */
  readonly throttleRateLimit: number;
  /** Requests allowed in a burst above the rate. */
  readonly throttleBurstLimit: number;
  readonly logRetentionDays: number;
  /** Customer-managed key of the access log group. @default - CloudWatch Logs' own encryption */
  readonly encryptionKey?: KmsKey;
}

/**
 * An API Gateway HTTP API in front of one Lambda function: the given routes, a `$default` stage that
 * deploys automatically with default-route throttling and JSON access logs, a custom domain on a
 * regional ACM certificate (TLS 1.2) with Route53 alias records, and an invoke permission limited to
 * this API.
 */
export class HttpApi extends Construct {
  public readonly api: Apigatewayv2Api;
  public readonly stage: Apigatewayv2Stage;
  public readonly domain: Apigatewayv2DomainName;
  public readonly accessLogGroup: CloudwatchLogGroup;
  public readonly domainName: string;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const where = `HttpApi ${this.node.path}`;
    if (props.routes.length === 0) {
      throw new Error(`${where}: routes must name at least one route key, e.g. ["ANY /api/{proxy+}"]`);
    }
    for (const route of props.routes) {
      if (!/^(ANY|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/\S*$/.test(route)) {
        throw new Error(`${where}: route "${route}" must be "<METHOD> /<path>", e.g. "ANY /api/{proxy+}"`);
      }
    }
    for (const variable of FORBIDDEN_ACCESS_LOG_VARIABLES) {
      if (ACCESS_LOG_FORMAT.includes(variable)) throw new Error(`${where}: the access log format must not log ${variable}, which can carry a bearer reservation id; log $context.routeKey`);
    }
    if (!Token.isUnresolved(props.throttleRateLimit) && !(props.throttleRateLimit > 0)) {
      throw new Error(`${where}: throttleRateLimit ${props.throttleRateLimit} must be a positive number of requests per second, e.g. 50`);
    }
    if (!Token.isUnresolved(props.throttleBurstLimit) && !(Number.isInteger(props.throttleBurstLimit) && props.throttleBurstLimit > 0)) {
      throw new Error(`${where}: throttleBurstLimit ${props.throttleBurstLimit} must be a positive whole number of requests, e.g. 100`);
    }
    this.domainName = props.domainName;

    this.api = new Apigatewayv2Api(this, "api", {
      name: props.name,
      protocolType: "HTTP",
      description: `HTTP API of ${props.domainName}`,
      // Only the custom domain (CloudFront's origin) serves the API: no https://<id>.execute-api... side door.
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-disable-default-endpoint.html
      disableExecuteApiEndpoint: true,
    });
    const integration = new Apigatewayv2Integration(this, "lambda-integration", {
      apiId: this.api.id,
      integrationType: "AWS_PROXY",
      integrationMethod: "POST",
      integrationUri: props.handler.invokeArn,
      payloadFormatVersion: "2.0",
    });
    props.routes.forEach((routeKey, index) => {
      new Apigatewayv2Route(this, `route-${index}`, {
        apiId: this.api.id,
        routeKey,
        target: `integrations/${integration.id}`,
      });
    });

    this.accessLogGroup = new CloudwatchLogGroup(this, "access-logs", {
      name: `/aws/apigateway/${props.name}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.encryptionKey?.arn,
    });
    props.encryptionKey?.allowLogGroups(`/aws/apigateway/${props.name}`);
    this.stage = new Apigatewayv2Stage(this, "stage", {
      apiId: this.api.id,
      name: "$default",
      autoDeploy: true,
      defaultRouteSettings: {
        throttlingRateLimit: props.throttleRateLimit,
        throttlingBurstLimit: props.throttleBurstLimit,
        detailedMetricsEnabled: true,
      },
      accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: ACCESS_LOG_FORMAT },
    });

    new LambdaPermission(this, "invoke-permission", {
      functionName: props.handler.functionName,
      action: "lambda:InvokeFunction",
      principal: "apigateway.amazonaws.com",
      // Any stage and route of this API, and nothing else.
      sourceArn: `${this.api.executionArn}/*/*`,
    });

    const certificate = new Certificate(this, "certificate", { domainName: props.domainName, zone: props.zone });
    this.domain = new Apigatewayv2DomainName(this, "domain", {
      domainName: props.domainName,
      // Dual-stack, so the AAAA alias below points at an endpoint that answers IPv6 (the default is IPv4
      // only: API Gateway Developer Guide, "IP address types for custom domain names for HTTP APIs").
      domainNameConfiguration: { certificateArn: certificate.arn, endpointType: "REGIONAL", securityPolicy: "TLS_1_2", ipAddressType: "dualstack" },
    });
    new Apigatewayv2ApiMapping(this, "domain-mapping", { apiId: this.api.id, domainName: this.domain.id, stage: this.stage.id });
    for (const type of ["A", "AAAA"]) {
      new Route53Record(this, `alias-${type.toLowerCase()}`, {
        zoneId: props.zone.zoneId,
        name: props.domainName,
        type,
        alias: {
          name: this.domain.domainNameConfiguration.targetDomainName,
          zoneId: this.domain.domainNameConfiguration.hostedZoneId,
          evaluateTargetHealth: false,
        },
      });
    }
  }

  /** The stage's own endpoint, e.g. https://abc123.execute-api.eu-west-1.amazonaws.com */
  public get url(): string {
    return this.api.apiEndpoint;
  }

  /** https://<domainName> */
  public get customUrl(): string {
    return `https://${this.domainName}`;
  }
}
