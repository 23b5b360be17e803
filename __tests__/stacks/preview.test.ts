import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../config";
import { enforcePolicies } from "../../policies";
import { buildEnvironment } from "../../stacks";
import { synthAtomically } from "../../stacks/synth";
import { DnsStack } from "../../stacks/dns-stack";
import { resources, synth, Testing } from "../helpers";

const WEB_FIXTURE = join(__dirname, "..", "fixtures", "web-dist");

describe("preview environment stacks", () => {
  const [preview] = loadConfig({ env: { STAGE: "pr42" } });

  test("pass every guardrail rule (a preview's derived names and tags are as valid as dev's)", () => {
    const outdir = join(mkdtempSync(join(tmpdir(), "preview-")), "cdktf.out");
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined); // the policy summary line
    try {
      expect(() => synthAtomically(outdir, (app) => buildEnvironment(app, preview, WEB_FIXTURE), enforcePolicies)).not.toThrow();
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/^policies: .* 0 errors/));
    } finally {
      log.mockRestore();
      rmSync(join(outdir, ".."), { recursive: true, force: true });
    }
  });

  test("get a zone of their own, delegated from the base environment's zone read from its dns state", () => {
    const json = synth(new DnsStack(Testing.app(), preview));
    expect(Object.values(resources(json, "aws_route53_zone")).map((z) => z.name)).toEqual(["pr42.dev-booking.example.com"]);
    const [delegation] = Object.values(resources(json, "aws_route53_record"));
    expect(delegation.zone_id).toBe("${data.terraform_remote_state.base-dns.outputs.zone_id}");
    expect(json.data.terraform_remote_state["base-dns"]).toEqual({
      backend: "s3",
      config: { bucket: "booking-dev-tfstate-111111111111", key: "booking/dev-dns.tfstate", region: "eu-west-1" },
    });
    expect(json.terraform.backend.s3.key).toBe("booking/pr42-dns.tfstate");
  });

  test("have no state stack: they keep their state in the base environment's bucket", () => {
    const stacks = buildEnvironment(Testing.app(), preview, WEB_FIXTURE);
    expect(stacks.state).toBeUndefined();
    expect(Object.values(stacks).filter(Boolean).map((s) => s!.node.id)).toEqual(["pr42-dns", "pr42-site", "pr42-api", "pr42-workflow", "pr42-network", "pr42-monitoring"]);
  });

  test("leave the base environment's delegation from the parent zone as it was", () => {
    const [dev] = loadConfig({ env: { STAGE: "dev" } });
    const json = synth(new DnsStack(Testing.app(), dev));
    expect(Object.values(resources(json, "aws_route53_record"))[0].zone_id).toBe("Z0EXAMPLEPARENT00000");
    expect(json.data).toBeUndefined();
  });
});
