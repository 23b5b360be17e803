import { StackContext } from "../../policies/core/stack-context";
import { RULES, ruleById } from "../../policies/rules";
import { ALL_CASES } from "./cases";
import { stackJson } from "./cases/case";

function run(c: (typeof ALL_CASES)[number]) {
  const rule = ruleById(c.rule);
  if (!rule) throw new Error(`case "${c.name}" names unknown rule ${c.rule}`);
  const stack = new StackContext("test", stackJson(c.resources, c.data));
  const resource = stack.resources.find((r) => r.address === c.target);
  if (!resource) throw new Error(`case "${c.name}": ${c.target} is not in the fixture`);
  if (!rule.resourceTypes.includes(resource.type)) throw new Error(`case "${c.name}": ${c.rule} does not check ${resource.type}`);
  return rule.check(resource, stack);
}

describe("every rule", () => {
  test.each(RULES.map((r) => [r.id, r] as const))("%s has a non-compliant and a compliant case", (id) => {
    const cases = ALL_CASES.filter((c) => c.rule === id);
    expect(cases.filter((c) => c.expect === "non-compliant").length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.expect === "compliant").length).toBeGreaterThan(0);
  });

  test.each(RULES.map((r) => [r.id, r] as const))("%s documents its id, severity, industry check, what it checks, fix and resource types", (_id, rule) => {
    expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
    expect(["error", "warning"]).toContain(rule.severity);
    expect(rule.industry).toMatch(/CKV2?_AWS_\d+|AwsSolutions-[A-Z]+\d+|none in checkov/);
    expect(rule.description.length).toBeGreaterThan(20);
    expect(rule.fix.length).toBeGreaterThan(10);
    expect(rule.resourceTypes.length).toBeGreaterThan(0);
    for (const type of rule.resourceTypes) expect(type).toMatch(/^aws_[a-z0-9_]+$/);
  });

  test("there are at least 40 rules, with unique ids", () => {
    expect(RULES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });
});

const VERB = { compliant: "passes", "non-compliant": "fails", "not-applicable": "does not apply to" } as const;

describe.each([...new Set(ALL_CASES.map((c) => c.rule))])("rule %s", (id) => {
  for (const c of ALL_CASES.filter((k) => k.rule === id)) {
    test(`${VERB[c.expect]} ${c.name}`, () => {
      const result = run(c);
      expect(result.status).toBe(c.expect);
      if (c.expect === "non-compliant") expect(result.status === "non-compliant" && result.message).toContain(c.message);
    });
  }
});
