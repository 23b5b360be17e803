import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BucketContent } from "../../constructs/bucket-content";
import { SecureBucket } from "../../constructs/secure-bucket";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { only, synth, testConfig, Testing } from "../helpers";

/** A directory with the given files (path -> content). */
function directoryWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "content-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

function contentStack(directory: string, props: { contentTypes?: Record<string, string>; immutablePrefix?: string } = {}) {
  const stack = new EnvironmentStack(Testing.app(), "content", testConfig("dev"));
  const bucket = new SecureBucket(stack, "bucket", { bucketName: "booking-dev-content-111111111111" });
  const content = new BucketContent(stack, "content", { bucket, directory, ...props });
  return { stack, content };
}

describe("BucketContent", () => {
  test("one object instance per file, keyed by its path, with content type, cache header and MD5 ETag", () => {
    const dir = directoryWith({ "index.html": "<p>hi</p>", "assets/app-1a2b3c4d.js": "1", "img/logo.png": "png", "fonts/a.woff2": "w" });
    const { stack, content } = contentStack(dir);
    expect(content.objects).toEqual({
      "assets/app-1a2b3c4d.js": { content_type: "text/javascript; charset=utf-8", cache_control: "public, max-age=31536000, immutable", etag: "c4ca4238a0b923820dcc509a6f75849b" },
      "fonts/a.woff2": { content_type: "font/woff2", cache_control: "no-cache", etag: expect.any(String) },
      "img/logo.png": { content_type: "image/png", cache_control: "no-cache", etag: expect.any(String) },
      "index.html": { content_type: "text/html; charset=utf-8", cache_control: "no-cache", etag: expect.any(String) },
    });
    const object = only(synth(stack), "aws_s3_object");
    expect(object.for_each).toEqual(content.objects);
    expect(object.source).toMatch(/^assets\/content_files_[0-9A-F]+\/current\/\$\{each\.key\}$/);
  });

  test("a changed file changes only its own ETag; the source paths stay put", () => {
    const before = contentStack(directoryWith({ "index.html": "v1", "assets/a-11111111.js": "a" })).content.objects;
    const after = contentStack(directoryWith({ "index.html": "v2", "assets/a-11111111.js": "a" })).content.objects;
    expect(after["index.html"].etag).not.toBe(before["index.html"].etag);
    expect(after["assets/a-11111111.js"]).toEqual(before["assets/a-11111111.js"]);
  });

  test("contentTypes and immutablePrefix extend and change the defaults", () => {
    const dir = directoryWith({ "static/clip.mp4": "v", "index.html": "x" });
    const { content } = contentStack(dir, { contentTypes: { ".mp4": "video/mp4" }, immutablePrefix: "static/" });
    expect(content.objects["static/clip.mp4"]).toMatchObject({ content_type: "video/mp4", cache_control: "public, max-age=31536000, immutable" });
  });

  test("fails on a file whose extension has no known content type, naming the file and the fix", () => {
    const dir = directoryWith({ "index.html": "x", "notes.xyz": "?" });
    expect(() => contentStack(dir)).toThrow('file "notes.xyz" in "' + dir + '" has an extension without a known content type (".xyz"); add it to contentTypes');
  });

  test("fails on a missing or empty directory, saying how to build it", () => {
    expect(() => contentStack("/nonexistent/web/dist")).toThrow('directory "/nonexistent/web/dist" does not exist; build it first (for the web app: npm run build:web)');
    expect(() => contentStack(directoryWith({}))).toThrow("holds no files; build it first");
  });

  test("fails on an immutablePrefix that is not a key prefix", () => {
    expect(() => contentStack(directoryWith({ "index.html": "x" }), { immutablePrefix: "/assets" })).toThrow('immutablePrefix "/assets" must be a key prefix ending in "/"');
  });
});
