import { testConfig, synth, Testing } from "../helpers";
import { DnsStack } from "../../stacks/dns-stack";

describe("state backends", () => {
  test("s3: key per environment and stack, encrypted, native S3 locking", () => {
    const json = synth(new DnsStack(Testing.app(), testConfig("dev")));
    expect(json.terraform.backend.s3).toEqual({
      bucket: "booking-dev-tfstate-111111111111",
      region: "eu-west-1",
      key: "booking/dev-dns.tfstate",
      encrypt: true,
      use_lockfile: true,
    });
  });

  test("cloud: one named HCP Terraform workspace per stack, in the configured project", () => {
    const config = testConfig("prod", { backend: '{"type":"cloud","organization":"acme","project":"booking"}' });
    const json = synth(new DnsStack(Testing.app(), config));
    expect(json.terraform.backend).toBeUndefined();
    expect(json.terraform.cloud).toEqual({
      organization: "acme",
      hostname: "app.terraform.io",
      workspaces: { name: "booking-prod-dns", project: "booking" },
    });
  });

  test("cloud: the workspace prefix is configurable", () => {
    const config = testConfig("dev", { backend: '{"type":"cloud","organization":"acme","workspacePrefix":"web-"}' });
    expect(synth(new DnsStack(Testing.app(), config)).terraform.cloud.workspaces).toEqual({ name: "web-dev-dns" });
  });

  test("local: a state file in the project root, by a relative path", () => {
    const json = synth(new DnsStack(Testing.app(), testConfig("dev", { backend: '{"type":"local"}' })));
    expect(json.terraform.backend.local).toEqual({ path: "../../../terraform.dev-dns.tfstate" });
  });
});
