import { loadConfig } from "../../config";
import { environments } from "../../config/environments";
import { previewInput, previewNameProblems } from "../../config/preview";
import { isGithubRepository } from "../../config/schema";
import { configFailure } from "../helpers";

describe("delivery settings", () => {
  test("accept owner/name repositories the way GitHub spells them", () => {
    for (const ok of ["example-org/booking", "a/b", "Octo-Cat/my.repo_1", "x1/.github"]) expect({ ok, valid: isGithubRepository(ok) }).toEqual({ ok, valid: true });
    for (const bad of ["booking", "a/b/c", "-acme/booking", "acme-/booking", "ac--me/booking", "acme/..", "acme/", "/booking", "acme/book ing", "https://github.com/acme/booking"]) {
      expect({ bad, valid: isGithubRepository(bad) }).toEqual({ bad, valid: false });
    }
  });

  test("fails on a malformed repository with the field, the value and the fix", () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__delivery__repository: "https://github.com/acme/booking" });
    expect(message).toContain('dev.delivery.repository: received "https://github.com/acme/booking"');
    expect(message).toContain('must be a GitHub repository as "owner/name"');
    expect(message).toContain('e.g. "acme/booking"');
    expect(message).toContain("Fix: set delivery.repository in config/environments/dev.ts, or override it with CFG__dev__delivery__repository");
  });

  test("fails on HCP Terraform runs without the cloud backend", () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__delivery__runs: "hcp-terraform" });
    expect(message).toContain('dev.delivery.runs: received "hcp-terraform"');
    expect(message).toContain('needs backend.type "cloud" (this environment has "s3")');
  });

  test("fails on repository ids that are not positive numbers", () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__delivery__repositoryIds: '{"owner":-1,"repository":5}' });
    expect(message).toContain("dev.delivery.repositoryIds.owner: received -1");
  });
});

describe("preview environments", () => {
  test("derive pr<number> from dev: own subdomain, same account and state bucket, cheapest settings", () => {
    const [pr] = loadConfig({ env: { STAGE: "pr42" } });
    expect(pr.name).toBe("pr42");
    expect(pr.preview).toEqual({ of: "dev", number: 42 });
    expect(pr.domain).toBe("pr42.dev-booking.example.com");
    expect(pr.parentZone.name).toBe("dev-booking.example.com");
    expect(pr.accountId).toBe(environments.dev.accountId);
    expect(pr.backend).toEqual(environments.dev.backend);
    expect(pr).toMatchObject({ deletionProtection: false, logRetentionDays: 3, site: { waf: false }, network: { natGateways: "single", minInstances: 2, maxInstances: 2, instanceType: "t4g.micro" } });
    expect(pr.tags).toMatchObject({ Environment: "pr42", Preview: "dev/pull/42" });
    expect(pr.delivery?.previews).toBe(false);
  });

  test("can be synthesized next to their base environment", () => {
    expect(loadConfig({ env: { STAGE: "dev,pr7" } }).map((c) => c.name)).toEqual(["dev", "pr7"]);
  });

  test("fails on a preview name too long for the AWS name limits, with the limit and the fix", () => {
    const message = configFailure({ STAGE: "pr123456789" });
    expect(message).toContain('STAGE: received "pr123456789"');
    expect(message).toContain('is too long for a preview of "dev"');
    expect(message).toContain('the environment name "pr123456789" would be 11 characters, over the 10 an environment name may have');
    expect(message).toContain('Fix: preview names are pr<pull request number>; shorten project "booking"');
  });

  test("fails when a longer project name pushes the load balancer name over 32 characters", () => {
    const base = { ...environments.dev, project: "apartment-rental" };
    expect(previewNameProblems("pr12345678", base)).toEqual([
      'the loadBalancer name "apartment-rental-pr12345678-reporting" would be 37 characters, over the AWS limit of 32',
      'the targetGroup name "apartment-rental-pr12345678-reporting" would be 37 characters, over the AWS limit of 32',
    ]);
    expect(previewNameProblems("pr1", base)).toEqual([]);
  });

  test("fails when the preview's certificate domain would pass ACM's 64 characters", () => {
    const base = { ...environments.dev, domain: "development.booking-platform.example-company.example.com" };
    expect(previewNameProblems("pr4242", base).join("\n")).toContain("over ACM's limit of 64");
    expect(previewInput(base, 1).domain).toBe("pr1.development.booking-platform.example-company.example.com");
  });

  test("fails on an environment file named like a preview", () => {
    expect(() => loadConfig({ env: { STAGE: "dev" }, environments: { ...environments, pr1: { ...environments.dev, name: "pr1" } } })).toThrow(
      /pr1\.name: received "pr1"; is the name of a preview environment .*\n    Fix: rename config\/environments\/pr1\.ts and its name, e\.g\. "stage1"/,
    );
  });

  test("fails on a preview when no environment allows previews", () => {
    const none = { dev: { ...environments.dev, delivery: { repository: "a/b" } } };
    expect(() => loadConfig({ env: { STAGE: "pr3" }, environments: none })).toThrow(/STAGE: received "pr3"; names a preview environment, but no environment allows previews/);
  });
});
