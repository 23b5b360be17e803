import { mkdtempSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { SITE_CONFIG_KEY, StaticSite, type StaticSiteProps } from "../constructs/static-site";
import { EnvironmentStack } from "../stacks/environment-stack";
import { only, resources, synth, testConfig, Testing } from "./helpers";

const WEB_FIXTURE = join(__dirname, "fixtures", "web-dist");

function site(props: Partial<StaticSiteProps>) {
  const stack = new EnvironmentStack(Testing.app(), "site", testConfig("dev"));
  new StaticSite(stack, "site", {
    domainName: "dev.booking.example.com",
    zone: new Route53Zone(stack, "zone", { name: "dev.booking.example.com" }),
    usEast1Provider: stack.usEast1Provider,
    contentDirectory: WEB_FIXTURE,
    bucketName: "booking-dev-site-111111111111",
    logBucketName: "booking-dev-site-logs-111111111111",
    name: "booking-dev-site",
    ...props,
  });
  return stack;
}

describe("site-config.json (StaticSiteProps.siteConfig): what the one web build learns per environment", () => {
  test("is an object of its own in the content bucket, JSON, revalidated on every load", () => {
    const json = synth(site({ siteConfig: { paymentWindowSeconds: 900 } }));
    const config = Object.values(resources(json, "aws_s3_object")).find((o) => o.key === SITE_CONFIG_KEY)!;
    expect(config).toMatchObject({ key: "site-config.json", content: '{"paymentWindowSeconds":900}', content_type: "application/json", cache_control: "no-cache" });
    expect(config.bucket).toMatch(/^\$\{aws_s3_bucket\..+\.id\}$/);
  });

  test("is not written without the prop", () => {
    const json = synth(site({}));
    expect(Object.values(resources(json, "aws_s3_object")).some((o) => o.key === SITE_CONFIG_KEY)).toBe(false);
    expect(only(json, "aws_cloudfront_distribution")).toBeDefined();
  });

  test("fails when the web build already holds a site-config.json, naming the folder and the fix", () => {
    const directory = mkdtempSync(join(tmpdir(), "web-dist-"));
    cpSync(WEB_FIXTURE, directory, { recursive: true });
    writeFileSync(join(directory, SITE_CONFIG_KEY), "{}");
    expect(() => site({ contentDirectory: directory, siteConfig: { paymentWindowSeconds: 1 } })).toThrow(
      `contentDirectory "${directory}" already has a site-config.json, which the siteConfig prop writes; remove the file from the web app (web/public) or drop siteConfig`,
    );
  });
});
