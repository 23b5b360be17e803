import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BucketContent } from "../constructs/bucket-content";
import { SecureBucket } from "../constructs/secure-bucket";
import { EnvironmentStack } from "../stacks/environment-stack";
import { ensureWebBuild } from "../stacks/web-build";
import { demoApartments } from "../app/seed-data";
import { ASPECT, WIDTHS } from "../web/images/scenes";
import { testConfig, Testing } from "./helpers";

describe("web build (Vite, run by synth)", () => {
  const outDir = join(mkdtempSync(join(tmpdir(), "web-build-")), "dist");
  afterAll(() => rmSync(join(outDir, ".."), { recursive: true, force: true }));

  test("builds web/ into index.html that loads content-hashed scripts and styles under assets/", () => {
    expect(ensureWebBuild(outDir)).toBe(outDir);
    const html = readFileSync(join(outDir, "index.html"), "utf8");
    const referenced = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(referenced).toEqual(expect.arrayContaining([expect.stringMatching(/^assets\/index-[\w-]{8}\.js$/), expect.stringMatching(/^assets\/index-[\w-]{8}\.css$/)]));
    for (const asset of referenced) expect(existsSync(join(outDir, asset))).toBe(true);
    // Nothing inline (the CSP allows only files): every script has a src, no style element or attribute.
    expect(html.match(/<script\b[^>]*>/g)!.filter((tag) => !/\ssrc="/.test(tag))).toEqual([]);
    expect(html).not.toMatch(/<style\b|\sstyle=/);
  });

  test("reuses a build that is newer than every source", () => {
    const builtAt = statSync(join(outDir, "index.html")).mtimeMs;
    ensureWebBuild(outDir);
    expect(statSync(join(outDir, "index.html")).mtimeMs).toBe(builtAt);
  });

  test("every built file becomes an object: hashed assets immutable, the rest revalidated", () => {
    const stack = new EnvironmentStack(Testing.app(), "web", testConfig("dev"));
    const bucket = new SecureBucket(stack, "bucket", { bucketName: "booking-dev-web-111111111111" });
    const { objects } = new BucketContent(stack, "content", { bucket, directory: outDir });
    expect(objects["index.html"]).toMatchObject({ content_type: "text/html; charset=utf-8", cache_control: "no-cache" });
    expect(objects["favicon.svg"]).toMatchObject({ content_type: "image/svg+xml", cache_control: "no-cache" });
    expect(objects["robots.txt"]).toMatchObject({ content_type: "text/plain; charset=utf-8", cache_control: "no-cache" });
    const assets = Object.entries(objects).filter(([key]) => key.startsWith("assets/"));
    expect([...new Set(assets.map(([key, o]) => `${key.slice(key.lastIndexOf("."))} ${o.content_type}`))].sort()).toEqual([
      ".css text/css; charset=utf-8",
      ".js text/javascript; charset=utf-8",
      ".png image/png",
    ]);
    for (const [, o] of assets) expect(o.cache_control).toBe("public, max-age=31536000, immutable");
  });

  test("every demo apartment's picture is built at each width, content-hashed, and listed in the script's srcset", () => {
    const assets = readdirSync(join(outDir, "assets"));
    const script = readFileSync(join(outDir, "assets", assets.find((name) => name.endsWith(".js"))!), "utf8");
    for (const { id } of demoApartments()) {
      const files = WIDTHS.map((width) => assets.find((name) => new RegExp(`^${id}-${width}-[\\w-]{8}\\.png$`).test(name)));
      expect([id, files.every(Boolean)]).toEqual([id, true]);
      for (const [i, file] of files.entries()) {
        const png = readFileSync(join(outDir, "assets", file!));
        expect([file, png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([file, WIDTHS[i], Math.round(WIDTHS[i] / ASPECT)]);
      }
      expect(script).toContain(files.map((file, i) => `/assets/${file} ${WIDTHS[i]}w`).join(", "));
    }
  });
});
