/**
 * Vite plugin: the apartments' pictures (web/images/scenes.ts) as the virtual module
 * `virtual:apartment-images`, which maps an apartment id to its picture: `src`, `srcset` (every
 * width of WIDTHS), `width`, `height` (of the largest) and `alt`.
 * - `vite build` emits each picture as a content-hashed asset (assets/<id>-<width>-<hash>.png: the
 *   site uploads those with a one-year immutable cache header), so nothing generated is committed.
 * - The dev server draws them on request under /__apartment-images/.
 * Drawn pictures are kept in node_modules/.cache/apartment-images/<hash of the generator's
 * sources>/, so a build after the first costs nothing (a changed generator has a new folder).
 *
 * Vite bundles vite.config.mts with this file and warns that its future "native" config loader
 * could not load TypeScript modules of a CommonJS package; Node 20 cannot load TypeScript natively
 * anyway, so the callers set VITE_CONFIG_NATIVE_IGNORE_WARNING=true (scripts/local-stack.ts,
 * stacks/web-build.ts, package.json "build:web").
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ASPECT, SCENES, WIDTHS, scenePng } from "./scenes";

const VIRTUAL_ID = "virtual:apartment-images";
const RESOLVED_ID = `\0${VIRTUAL_ID}`;
const DEV_PREFIX = "/__apartment-images/";

/** The parts of Vite's and Rollup's plugin API used here (Vite's own types need bundler resolution). */
interface PluginContext {
  emitFile(file: { type: "asset"; name: string; source: Uint8Array }): string;
}
interface DevServer {
  middlewares: { use(handler: (req: { url?: string }, res: DevResponse, next: () => void) => void): void };
}
interface DevResponse {
  statusCode: number;
  setHeader(name: string, value: string): void;
  end(body?: Uint8Array | string): void;
}
export interface ApartmentImagesPlugin {
  name: string;
  configResolved(config: { command: "build" | "serve"; root: string }): void;
  configureServer(server: DevServer): void;
  resolveId(id: string): string | undefined;
  load(this: PluginContext, id: string): string | undefined;
}

const fileName = (id: string, width: number) => `${id}-${width}.png`;
const heightOf = (width: number) => Math.round(width / ASPECT);

/** The generator's own sources (under `root`, web/): their hash names the cache folder. */
function generatorHash(root: string): string {
  const hash = createHash("sha256");
  for (const file of ["scenes.ts", "png.ts"]) hash.update(readFileSync(join(root, "images", file)));
  return hash.digest("hex").slice(0, 16);
}

function cachedPng(cacheDir: string, id: string, width: number): Buffer {
  const path = join(cacheDir, fileName(id, width));
  if (existsSync(path)) return readFileSync(path);
  const png = scenePng(SCENES[id], width);
  mkdirSync(cacheDir, { recursive: true });
  // Written aside and renamed: a parallel build never reads half a file.
  const scratch = `${path}.${process.pid}.tmp`;
  writeFileSync(scratch, png);
  renameSync(scratch, path);
  return png;
}

export function apartmentImages(): ApartmentImagesPlugin {
  let command: "build" | "serve" = "build";
  let cacheDir = "";
  return {
    name: "apartment-images",
    configResolved(config) {
      command = config.command;
      cacheDir = join(config.root, "..", "node_modules", ".cache", "apartment-images", generatorHash(config.root));
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const match = req.url?.startsWith(DEV_PREFIX) ? /^([\w-]+)-(\d+)\.png$/.exec(req.url.slice(DEV_PREFIX.length)) : null;
        if (!match || !SCENES[match[1]] || !WIDTHS.includes(Number(match[2]) as (typeof WIDTHS)[number])) return next();
        res.statusCode = 200;
        res.setHeader("Content-Type", "image/png");
        res.end(cachedPng(cacheDir, match[1], Number(match[2])));
      });
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const entries = Object.entries(SCENES).map(([apartmentId, scene]) => {
        const urls = WIDTHS.map((width) => {
          if (command === "serve") return JSON.stringify(`${DEV_PREFIX}${fileName(apartmentId, width)}`);
          const reference = this.emitFile({ type: "asset", name: fileName(apartmentId, width), source: cachedPng(cacheDir, apartmentId, width) });
          return `import.meta.ROLLUP_FILE_URL_${reference}`;
        });
        const largest = WIDTHS[WIDTHS.length - 1];
        const srcset = WIDTHS.map((width, i) => `${urls[i]} + " ${width}w"`).join(' + ", " + ');
        return `${JSON.stringify(apartmentId)}: { src: ${urls[urls.length - 1]}, srcset: ${srcset}, width: ${largest}, height: ${heightOf(largest)}, alt: ${JSON.stringify(scene.alt)} }`;
      });
      return `export const APARTMENT_IMAGES = {\n${entries.join(",\n")}\n};\n`;
    },
  };
}
