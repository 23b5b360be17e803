import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformStack } from "cdktf";
import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { OriginVerifySecret } from "../../constructs/origin-verify-secret";
import { loadConfig } from "../../config";
import { checkStacks, readSynthesizedStacks, RULES } from "../../policies";
import { formatTable } from "../../policies/report";
import { DnsStack } from "../../stacks/dns-stack";
import { SiteStack } from "../../stacks/site-stack";
import { RATE_LIMITED_BODY } from "../../constructs/cloudfront-web-acl";
import { ORIGIN_VERIFY_HEADER, ORIGIN_VERIFY_PLACEHOLDER } from "../../app/api/front-door";
import { configFailure, only, resources, synthesizedEnvironment, testConfig, Testing, type Json } from "../helpers";

const WEB_FIXTURE = "__tests__/fixtures/web-dist";

/** The run's shared synth of the default configuration (a build of its own costs about a second). */
function build(env: "dev" | "prod") {
  return synthesizedEnvironment(env);
}

describe("the front door (issue #14)", () => {
  const dev = build("dev");
  const prod = build("prod");

  test("the API has no execute-api side door: the default endpoint is disabled", () => {
    for (const { api } of [dev, prod]) expect(only(api, "aws_apigatewayv2_api").disable_execute_api_endpoint).toBe(true);
  });

  test("CloudFront sends the origin-verify header to the API; the JSON holds only the placeholder, never a secret", () => {
    const distribution = only(dev.site, "aws_cloudfront_distribution");
    const apiOrigin = distribution.origin.find((o: Json) => o.custom_origin_config);
    expect(apiOrigin.custom_header).toEqual([{ name: ORIGIN_VERIFY_HEADER, value: ORIGIN_VERIFY_PLACEHOLDER }]);
    expect(distribution.lifecycle.ignore_changes).toEqual(["origin"]);
    // The secret has no version in the configuration: its value exists only in Secrets Manager.
    expect(resources(dev.site, "aws_secretsmanager_secret_version")).toEqual({});
    const rotation = only(dev.site, "aws_secretsmanager_secret_rotation");
    expect(rotation.rotation_rules).toEqual({ automatically_after_days: 30 });
    // The API reads the secret by name and may read only that secret.
    const fn = Object.values(resources(dev.api, "aws_lambda_function")).find((f: Json) => f.function_name === "booking-dev-api")!;
    expect(fn.environment.variables.ORIGIN_VERIFY_SECRET_ID).toBe("booking-dev-origin-verify");
    const policies = JSON.stringify(resources(dev.api, "aws_iam_role_policy"));
    expect(policies).toContain("secretsmanager:GetSecretValue");
    expect(policies).toContain("arn:aws:secretsmanager:eu-west-1:111111111111:secret:booking-dev-origin-verify-??????".replace("111111111111", testConfig("dev").accountId));
  });

  test("the reporting rule signs the operator in (Cognito) before it forwards", () => {
    const rule = only(dev.network, "aws_lb_listener_rule");
    expect(rule.action.map((a: Json) => [a.order, a.type])).toEqual([[1, "authenticate-cognito"], [2, "forward"]]);
    expect(rule.action[0].authenticate_cognito).toMatchObject({ on_unauthenticated_request: "authenticate" });
    const pool = only(dev.network, "aws_cognito_user_pool");
    expect(pool.admin_create_user_config).toEqual({ allow_admin_create_user_only: true });
    expect(pool.mfa_configuration).toBe("ON");
    expect(only(dev.network, "aws_cognito_user_pool_client").callback_urls).toEqual([`https://reporting.${testConfig("dev").domain}/oauth2/idpresponse`]);
  });

  test("prod puts a regional WAF web ACL on the load balancer; dev (WAF off) does not", () => {
    expect(only(prod.network, "aws_wafv2_web_acl").scope).toBe("REGIONAL");
    expect(Object.keys(resources(prod.network, "aws_wafv2_web_acl_association"))).toHaveLength(1);
    expect(resources(dev.network, "aws_wafv2_web_acl")).toEqual({});
  });

  test("the CloudFront WAF limits booking writes per IP and answers 429 with a JSON body", () => {
    const acl = only(prod.site, "aws_wafv2_web_acl");
    const rule = acl.rule.find((r: Json) => r.name === "booking-writes-rate-limit");
    expect(rule.action.block.custom_response).toMatchObject({ response_code: 429, custom_response_body_key: "rate-limited" });
    const scope = rule.statement.rate_based_statement.scope_down_statement.and_statement.statement;
    expect(scope.map((s: Json) => [s.byte_match_statement.search_string, s.byte_match_statement.positional_constraint])).toEqual([["/api/reservation", "STARTS_WITH"], ["POST", "EXACTLY"]]);
    expect(acl.custom_response_body).toEqual([{ key: "rate-limited", content: RATE_LIMITED_BODY, content_type: "APPLICATION_JSON" }]);
    expect(JSON.parse(RATE_LIMITED_BODY)).toMatchObject({ error: expect.any(String), details: [] });
  });

  test("a sweeper runs on an EventBridge schedule with exactly the grants it needs", () => {
    const schedule = only(dev.api, "aws_scheduler_schedule");
    expect(schedule.schedule_expression).toBe("rate(5 minutes)");
    expect(schedule.flexible_time_window).toEqual({ mode: "OFF" });
    const policies = JSON.stringify(resources(dev.api, "aws_iam_role_policy"));
    expect(policies).toContain("states:DescribeExecution");
    expect(policies).toContain("execution:booking-dev-booking:*");
  });

});

describe("production guardrails need a written reason", () => {
  test("fails WAF off in production, naming the setting and the override", () => {
    const message = configFailure({ STAGE: "prod", CFG__prod__site__waf: "false" });
    expect(message).toContain("prod.site.waf: received false; is refused in production environment \"prod\"");
    expect(message).toContain('overrides["site.waf"]');
    // The form it suggests holds no dot: npm runs scripts with sh (dash), which drops variables whose name has one.
    expect(message).toContain('CFG__prod__overrides__site__waf="<why, at least 20 characters>"');
  });

  test("the override the message suggests reaches the synth through sh, as npm run synth passes it", () => {
    const reason = "WAF is provided by the organisation's Firewall Manager policy (ticket OPS-42)";
    const outdir = join(mkdtempSync(join(tmpdir(), "front-door-sh-")), "cdktf.out");
    try {
      const env = { ...process.env, STAGE: "prod", CDKTF_OUTDIR: outdir, CFG__prod__site__waf: "false", CFG__prod__overrides__site__waf: reason };
      const result = spawnSync("sh", ["-c", `"${process.execPath}" scripts/synth.js`], { cwd: join(__dirname, "..", ".."), env, encoding: "utf8" });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(loadConfig({ env: { STAGE: "prod", CFG__prod__site__waf: "false", CFG__prod__overrides__site__waf: reason } })[0].overrides).toEqual({ "site.waf": reason });
    } finally {
      rmSync(join(outdir, ".."), { recursive: true, force: true });
    }
  });

  test("fails deletion protection off and short log retention in production", () => {
    const message = configFailure({ STAGE: "prod", CFG__prod__deletionProtection: "false", CFG__prod__logRetentionDays: "30" });
    expect(message).toContain("prod.deletionProtection: received false; is refused in production");
    expect(message).toContain("prod.logRetentionDays: received 30; is refused in production");
  });

  test("fails an override without a real reason, or for a setting that is not guarded", () => {
    expect(configFailure({ STAGE: "prod", CFG__prod__site__waf: "false", "CFG__prod__overrides__site.waf": "because" })).toContain("must be a written reason of at least 20 characters");
    expect(configFailure({ STAGE: "prod", CFG__prod__overrides__region: "we like this region very much" })).toContain("names no guarded setting");
  });

  test("with the override WAF off synthesizes, and the reason is the suppression the policy report shows", () => {
    const reason = "WAF is provided by the organisation's Firewall Manager policy (ticket OPS-42)";
    const [config] = loadConfig({ env: { STAGE: "prod", CFG__prod__site__waf: "false", "CFG__prod__overrides__site.waf": reason } });
    const outdir = mkdtempSync(join(tmpdir(), "front-door-"));
    try {
      const app = new App({ outdir });
      const dns = new DnsStack(app, config);
      new SiteStack(app, config, { dns, contentDirectory: WEB_FIXTURE, apiDomainName: `api.${config.domain}` });
      app.synth();
      const report = checkStacks(readSynthesizedStacks(outdir));
      expect(formatTable(report, RULES.length)).toContain(`cloudfront-waf: site.waf is off in production environment prod by override: ${reason}`);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  test("non-production environments may turn WAF off without an override", () => {
    expect(testConfig("dev").site.waf).toBe(false);
    expect(testConfig("dev").production).toBe(false);
  });
});

describe("the proof-of-origin secret on destroy", () => {
  test("dev (no deletion protection) deletes it at once, so dev can be destroyed and re-created the same day; prod keeps 7 days to restore it", () => {
    // Within a recovery window the name stays taken: CreateSecret of the same name fails until it ends.
    expect(only(build("dev").site, "aws_secretsmanager_secret").recovery_window_in_days).toBe(0);
    expect(only(build("prod").site, "aws_secretsmanager_secret").recovery_window_in_days).toBe(7);
  });

  test("a recovery window the API refuses is a synth error naming the prop", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "s");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    const distribution = new CloudfrontDistribution(stack, "d", {
      enabled: true,
      defaultCacheBehavior: { allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"], targetOriginId: "o", viewerProtocolPolicy: "redirect-to-https" },
      origin: [{ domainName: "example.com", originId: "o" }],
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: { cloudfrontDefaultCertificate: true },
    });
    const props = { secretName: "booking-dev-origin-verify", distribution, originId: "o", rotationEntry: "app/origin-verify/rotate.ts", rotationFunctionName: "booking-dev-rotation", logRetentionDays: 30 };
    expect(() => new OriginVerifySecret(stack, "ov", { ...props, recoveryWindowDays: 3 })).toThrow("recoveryWindowDays 3 must be 0 (delete at once) or a whole number of days from 7 to 30, e.g. 7");
  });
});
