import { bookingExecutionName } from "../../app/api/sfn-workflow";
import { bookingExecutionInput, RESERVATION_TTL_ATTRIBUTE } from "../../app/workflow/definition";
import { encryptionOf } from "../../config/schema";
import { readSynthesizedStacks } from "../../policies/check";
import { resources, synthesizedOutdir, testConfig, type Json } from "../helpers";

/** A reservation id as the API makes them (a UUID): the guest's bearer credential. */
const RESERVATION_ID = "3f2b8c1e-9a4d-4e7b-8f0a-6c5d2e1b9a77";

/** Every stack of dev and prod, as `npm run synth` writes them (the run's shared synth). */
function synthesizeAll(): Record<string, Json> {
  return Object.fromEntries(Object.entries(readSynthesizedStacks(synthesizedOutdir())).filter(([id]) => /^(dev|prod)-/.test(id)));
}

const stacks = synthesizeAll();
const all = (type: string): [string, Json][] => Object.entries(stacks).flatMap(([stack, json]) => Object.entries(resources(json, type)).map(([name, r]) => [`${stack} ${name}`, r] as [string, Json]));
const of = (stack: string, type: string): Json[] => Object.values(resources(stacks[stack], type));

/**
 * Everything a synthesized log format could log: the variables it names. A variable that carries
 * the raw path, query string or a header value would log the bearer id of any request made with it.
 */
const ID_CARRYING_VARIABLES = /\$context\.(path|resourcePath|requestOverride|integrationErrorMessage)|\$input\.params|\$method\.request|\$request\./;

describe("no reservation id in logs", () => {
  test("every synthesized API Gateway access log format logs the route template, never the raw path or a request parameter", () => {
    const formats = all("aws_apigatewayv2_stage").map(([where, s]) => [where, s.access_log_settings?.format as string] as const);
    expect(formats.length).toBeGreaterThan(0);
    for (const [where, format] of formats) {
      expect([where, format]).toEqual([where, expect.stringContaining("$context.routeKey")]);
      expect([where, ID_CARRYING_VARIABLES.test(format)]).toEqual([where, false]);
    }
  });

  test("fails (the check above) for a format that logs $context.path", () => {
    expect(ID_CARRYING_VARIABLES.test(JSON.stringify({ path: "$context.path" }))).toBe(true);
    expect(ID_CARRYING_VARIABLES.test(JSON.stringify({ routeKey: "$context.routeKey" }))).toBe(false);
  });

  test("the execution name of a reservation is a hash that neither contains nor reveals the id", () => {
    const name = bookingExecutionName(RESERVATION_ID);
    expect(name).toMatch(/^booking-[0-9a-f]{40}$/);
    expect(name.length).toBeLessThanOrEqual(80); // Step Functions' limit on execution names
    for (const part of RESERVATION_ID.split("-")) expect(name).not.toContain(part);
    expect(bookingExecutionName(RESERVATION_ID)).toBe(name);
    expect(bookingExecutionName(`${RESERVATION_ID}x`)).not.toBe(name);
  });

  test("WAF logs redact credentials, the reservation header and the query string", () => {
    const [logging] = of("prod-site", "aws_wafv2_web_acl_logging_configuration");
    expect(logging.redacted_fields).toEqual(
      expect.arrayContaining([{ single_header: { name: "authorization" } }, { single_header: { name: "x-reservation-id" } }, { query_string: {} }]),
    );
  });

  test("production workflow logs carry no execution data; development's do", () => {
    expect(of("prod-workflow", "aws_sfn_state_machine")[0].logging_configuration).toEqual(expect.objectContaining({ level: "ALL", include_execution_data: false }));
    expect(of("dev-workflow", "aws_sfn_state_machine")[0].logging_configuration).toEqual(expect.objectContaining({ include_execution_data: true }));
  });
});

describe("customer-managed keys in production, none in development", () => {
  test("config: prod is kms, dev aws-managed; kms is the default where deletion protection is on", () => {
    expect(encryptionOf(testConfig("prod"))).toBe("kms");
    expect(encryptionOf(testConfig("dev"))).toBe("aws-managed");
    expect(encryptionOf({ deletionProtection: true })).toBe("kms");
    expect(encryptionOf({ deletionProtection: false })).toBe("aws-managed");
  });

  test("fails on encryption \"aws-managed\" where deletion protection is on, naming the field and the fix", () => {
    expect(() => testConfig("prod", { encryption: "aws-managed" })).toThrow(/encryption.*must be "kms" where deletionProtection is on/s);
    expect(() => testConfig("dev", { encryption: "plain" })).toThrow(/encryption.*must be "kms" \(customer-managed keys\) or "aws-managed"/s);
  });

  test("every prod key rotates yearly, has an alias, and no key policy lets the account use it outside a named service or role", () => {
    const keys = Object.entries(stacks).filter(([s]) => s.startsWith("prod-")).flatMap(([, json]) => Object.values(resources(json, "aws_kms_key")));
    expect(keys.length).toBe(8); // state, site content, site WAF logs (us-east-1), origin-verify rotation (site), guest data (api), reporting (network), alarm topics (region and us-east-1)
    for (const key of keys) {
      expect(key).toEqual(expect.objectContaining({ enable_key_rotation: true, rotation_period_in_days: 365, deletion_window_in_days: 30 }));
      for (const statement of JSON.parse(key.policy).Statement) {
        const crypto = [].concat(statement.Action).some((a: string) => /^kms:(Decrypt|Encrypt|GenerateDataKey|ReEncrypt)/.test(a));
        if (crypto) expect([statement.Sid, statement.Condition]).toEqual([statement.Sid, expect.any(Object)]);
        if (statement.Principal.AWS && crypto) expect(Object.keys(statement.Condition).length).toBeGreaterThan(0);
      }
    }
    // Development has no data keys; its alarm topics still need one (CloudWatch cannot publish to a topic under aws/sns).
    const devKeys = Object.entries(stacks).filter(([s]) => s.startsWith("dev-")).flatMap(([, json]) => Object.values(resources(json, "aws_kms_key")));
    expect(devKeys.map((k) => k.description).sort()).toEqual(["Encrypts the alarm topic booking-dev-alarms", "Encrypts the alarm topic booking-dev-alarms-us-east-1"]);
    expect(of("prod-api", "aws_kms_alias")[0].name).toBe("alias/booking-prod-guest-data");
  });

  test("prod encrypts the tables, log groups, state machine, Lambda variables and the state, content and artifact buckets with a key", () => {
    for (const t of of("prod-api", "aws_dynamodb_table")) expect(t.server_side_encryption.kms_key_arn).toMatch(/aws_kms_key\.data-key/);
    for (const [where, g] of all("aws_cloudwatch_log_group").filter(([w]) => w.startsWith("prod-"))) expect([where, g.kms_key_id]).toEqual([where, expect.stringMatching(/aws_kms_key\.|aws_kms_key[\w-]+arn/)]);
    expect(of("prod-workflow", "aws_sfn_state_machine")[0].encryption_configuration).toEqual(expect.objectContaining({ type: "CUSTOMER_MANAGED_KMS_KEY", kms_key_id: expect.stringContaining("data-key") }));
    expect(of("prod-api", "aws_lambda_function")[0].kms_key_arn).toMatch(/aws_kms_key\.data-key/);
    const sseOf = (stack: string) => of(stack, "aws_s3_bucket_server_side_encryption_configuration").map((c) => c.rule[0].apply_server_side_encryption_by_default.sse_algorithm).sort();
    // One bucket per stack keeps SSE-S3: the one AWS log delivery writes (suppressed with the reason).
    for (const stack of ["prod-state", "prod-site", "prod-network"]) expect([stack, sseOf(stack)]).toEqual([stack, ["AES256", "aws:kms"]]);
    for (const stack of ["dev-state", "dev-site", "dev-network"]) expect([stack, sseOf(stack)]).toEqual([stack, ["AES256", "AES256"]]);
  });

  test("the content key lets only this distribution's origin access control decrypt, and objects are written with the key", () => {
    const policy = JSON.parse(of("prod-site", "aws_kms_key").find((k) => k.description.startsWith("Web content"))!.policy);
    expect(policy.Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: "cloudfront.amazonaws.com" }, Action: ["kms:Decrypt"], Condition: { StringEquals: { "AWS:SourceArn": expect.stringMatching(/aws_cloudfront_distribution\./) } } }),
    );
    const [objects] = of("prod-site", "aws_s3_object");
    expect(objects).toEqual(expect.objectContaining({ server_side_encryption: "aws:kms", kms_key_id: expect.stringContaining("content-key") }));
    expect(objects.etag).toBeUndefined();
  });
});

describe("guest data expires", () => {
  test("the reservations and nights tables delete items after their expiresAt; the apartments table keeps its items", () => {
    const tables = of("prod-api", "aws_dynamodb_table");
    expect(tables.find((t) => t.name === "booking-prod-reservations")?.ttl).toEqual({ enabled: true, attribute_name: RESERVATION_TTL_ATTRIBUTE });
    expect(tables.find((t) => t.name === "booking-prod-nights")?.ttl).toEqual({ enabled: true, attribute_name: "expiresAt" });
    expect(tables.find((t) => t.name === "booking-prod-apartments")?.ttl).toBeUndefined();
  });

  test("an execution's expiresAt is the payment deadline plus the configured retention, in epoch seconds", () => {
    const input = { reservationId: RESERVATION_ID, apartmentId: "apt-1", paymentDeadline: "2026-12-01T10:00:00.000Z", checkIn: "2026-12-10", checkOut: "2026-12-11" };
    expect(bookingExecutionInput(input, 30)).toEqual({ ...input, expiresAt: String(Date.parse("2026-12-01T10:00:00.000Z") / 1000 + 30 * 86_400), nightKeys: ["apt-1#2026-12-10"] });
  });

  test("fails on a payment deadline that is no timestamp", () => {
    expect(() => bookingExecutionInput({ reservationId: "r", apartmentId: "a", paymentDeadline: "soon", checkIn: "2026-12-10", checkOut: "2026-12-11" }, 30)).toThrow('paymentDeadline "soon" must be an ISO-8601 instant');
  });

  test("the API Lambda receives the retention period from config", () => {
    expect(of("prod-api", "aws_lambda_function")[0].environment.variables.GUEST_DATA_RETENTION_DAYS).toBe(String(testConfig("prod").guestDataRetentionDays));
  });
});
