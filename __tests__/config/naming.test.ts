import { NAME_LIMITS, Names } from "../../config/naming";

const names = new Names({ project: "booking", name: "dev", accountId: "111111111111", region: "eu-west-1" });

describe("Names", () => {
  test("joins project, environment and purpose", () => {
    expect(names.of("reservations", "dynamodbTable")).toBe("booking-dev-reservations");
    expect(names.stackId("api")).toBe("dev-api");
  });

  test("builds ARNs from config-derived names", () => {
    expect(names.arn("states", `stateMachine:${names.bookingStateMachine}`)).toBe("arn:aws:states:eu-west-1:111111111111:stateMachine:booking-dev-booking");
  });

  test("bucket names carry the account id", () => {
    expect(names.bucket("site")).toBe("booking-dev-site-111111111111");
  });

  test("normalizes the purpose to lower-case words", () => {
    expect(names.of("Access Logs!")).toBe("booking-dev-access-logs");
  });

  test("keeps names within the AWS limit and distinct when cut", () => {
    const a = names.of("a-very-long-target-group-purpose-one", "targetGroup");
    const b = names.of("a-very-long-target-group-purpose-two", "targetGroup");
    expect(a.length).toBeLessThanOrEqual(NAME_LIMITS.targetGroup);
    expect(b.length).toBeLessThanOrEqual(NAME_LIMITS.targetGroup);
    expect(a).not.toBe(b);
    expect(names.bucket("x".repeat(80)).length).toBeLessThanOrEqual(63);
  });

  test("fails on a purpose without letters or digits", () => {
    expect(() => names.of("--")).toThrow('name purpose "--" must contain a letter or digit');
  });
});
