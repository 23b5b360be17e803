import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { claimAssets, cliConfigFor, combinedRoot, offlineOverride } from "../../scripts/validate";

describe("npm run validate: provider installation", () => {
  test("uses the committed CLI configuration for the default mirror", () => {
    expect(cliConfigFor("/opt/tf-plugins", true)).toBeUndefined();
    expect(readFileSync(join(__dirname, "..", "..", "scripts", "terraform.tfrc"), "utf8")).toMatch(/filesystem_mirror \{\s+path\s+= "\/opt\/tf-plugins"/);
  });

  test("points the same configuration at another mirror folder (TF_PLUGIN_MIRROR)", () => {
    const text = cliConfigFor("/srv/mirror", true)!;
    expect(text).toContain('path    = "/srv/mirror"');
    expect(text).not.toContain("/opt/tf-plugins");
  });

  test("falls back to Terraform's normal installation where the mirror does not exist", () => {
    expect(cliConfigFor("/opt/tf-plugins", false)).not.toContain("provider_installation");
  });
});

describe("npm run validate: offline override", () => {
  const dir = mkdtempSync(join(tmpdir(), "override-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = {
    provider: { aws: [{ region: "eu-west-1" }, { alias: "us_east_1", region: "us-east-1" }] },
    data: { terraform_remote_state: { "cross-stack-reference-input-dev-dns": { backend: "s3", config: { bucket: "real-bucket" } } } },
    resource: {
      aws_route53_record: { a: { zone_id: "${data.terraform_remote_state.cross-stack-reference-input-dev-dns.outputs.cross-stack-output-aws_route53_zonezonezone_id}" } },
      aws_sfn_state_machine: { booking: { definition: '{"StartAt":"x"}' } },
    },
  };
  const override = offlineOverride(config, dir) as Record<string, any>;

  test("swaps in a local backend", () => {
    expect(override.terraform).toEqual({ backend: { local: { path: "terraform.tfstate" } } });
  });

  test("gives every provider block, aliases included, fake credentials and the skip flags", () => {
    expect(override.provider.aws).toHaveLength(2);
    expect(override.provider.aws[1]).toMatchObject({ alias: "us_east_1", skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true, allowed_account_ids: null });
  });

  test("reads cross-stack remote state from a local file holding a placeholder for each output used", () => {
    const remote = override.data.terraform_remote_state["cross-stack-reference-input-dev-dns"];
    expect(remote.backend).toBe("local");
    const state = JSON.parse(readFileSync(remote.config.path, "utf8"));
    expect(state.outputs).toEqual({ "cross-stack-output-aws_route53_zonezonezone_id": { value: "Z0OFFLINEPLACEHOLDER", type: "string" } });
  });

  test("makes a state machine definition unknown at plan so the provider does not call AWS to check it", () => {
    expect(override.resource.aws_sfn_state_machine.booking.definition).toBe('${substr(timestamp(), 0, 0)}{"StartAt":"x"}');
  });
});

describe("npm run validate: stacks planned together", () => {
  test("makes each stack a module and re-exports its outputs with their own sensitive flag", () => {
    const root = combinedRoot([
      { stack: "dev-dns", config: { output: { zone_id: {}, secret: { sensitive: true } } } },
      { stack: "dev-state", config: {} },
    ]) as Record<string, any>;
    expect(root.module).toEqual({ "dev-dns": { source: "./stacks/dev-dns" }, "dev-state": { source: "./stacks/dev-state" } });
    // A root output of a sensitive value must say so: the check Terraform makes only in a root module.
    expect(root.output).toEqual({
      "dev-dns__zone_id": { value: "${module.dev-dns.zone_id}" },
      "dev-dns__secret": { value: "${module.dev-dns.secret}", sensitive: true },
    });
  });

  describe("asset folders (their paths are relative to the working directory)", () => {
    const dir = mkdtempSync(join(tmpdir(), "assets-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const stack = (name: string, files: Record<string, string>) => {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, name, "assets", path)), { recursive: true });
        writeFileSync(join(dir, name, "assets", path), text);
      }
      return join(dir, name);
    };

    test("shares a folder two stacks fill alike and keeps a stack out when another filled it differently", () => {
      const assets = new Map<string, string>();
      expect(claimAssets(stack("dev-site", { "site_content/current/index.html": "<p>a</p>", "code_1/x.zip": "1" }), assets)).toBe(true);
      expect(claimAssets(stack("prod-site", { "site_content/current/index.html": "<p>a</p>" }), assets)).toBe(true);
      expect(claimAssets(stack("pr1-site", { "site_content/current/index.html": "<p>b</p>" }), assets)).toBe(false);
      expect([...assets.keys()].sort()).toEqual(["code_1", "site_content"]);
      expect(assets.get("site_content")).toBe(join(dir, "dev-site", "assets", "site_content"));
    });

    test("has nothing to claim for a stack without assets", () => {
      expect(claimAssets(join(dir, "none"), new Map())).toBe(true);
    });
  });
});
