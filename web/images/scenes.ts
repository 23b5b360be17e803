/**
 * The apartments' pictures, drawn by code: one flat-shaded street scene per demo apartment
 * (app/seed-data.ts ids), the same at every size, from a seeded random generator so every build
 * draws the same pixels (a changed picture is a changed file name, nothing else is). No external
 * host and no committed binary: the CSP allows images from 'self' only.
 */
import { encodePng } from "./png";

type Rgb = readonly [number, number, number];

export interface Scene {
  /** The picture's text alternative: what it shows, for guests who can't see it. */
  readonly alt: string;
  readonly sky: readonly [Rgb, Rgb];
  readonly sun?: { readonly x: number; readonly y: number; readonly r: number; readonly color: Rgb };
  readonly ground: Rgb;
  /** A band of water in front of the buildings (harbour, river). */
  readonly water?: Rgb;
  readonly buildings: { readonly count: number; readonly minHeight: number; readonly maxHeight: number; readonly colors: readonly Rgb[]; readonly pitched?: boolean };
  readonly windows: { readonly lit: Rgb; readonly dark: Rgb; readonly litShare: number };
  readonly trees?: { readonly count: number; readonly color: Rgb };
  readonly seed: number;
}

/** The virtual canvas every scene is drawn on; a picture of another width is the same scene scaled. */
const BASE_WIDTH = 1200;
/** Width : height of every picture. */
export const ASPECT = 3 / 2;
/** Widths built for `srcset`: a 375 px phone at 2x takes 800, a wide apartment page 1200. */
export const WIDTHS = [400, 800, 1200] as const;

export const SCENES: Readonly<Record<string, Scene>> = {
  "apt-harbour-view": {
    alt: "Illustration: a loft building on the old harbour at sunset, the sun low over the water",
    sky: [[255, 158, 94], [255, 214, 165]],
    sun: { x: 930, y: 430, r: 70, color: [255, 236, 179] },
    ground: [90, 72, 66],
    water: [39, 94, 125],
    buildings: { count: 5, minHeight: 190, maxHeight: 380, colors: [[120, 72, 64], [156, 98, 76], [98, 64, 72]] },
    windows: { lit: [255, 221, 140], dark: [64, 44, 48], litShare: 0.5 },
    seed: 11,
  },
  "apt-garden-suite": {
    alt: "Illustration: a low house behind a green garden with round trees under a clear sky",
    sky: [[125, 190, 235], [205, 232, 246]],
    sun: { x: 220, y: 150, r: 55, color: [255, 244, 190] },
    ground: [92, 156, 84],
    buildings: { count: 3, minHeight: 170, maxHeight: 230, colors: [[232, 222, 204], [214, 196, 170]], pitched: true },
    windows: { lit: [120, 160, 190], dark: [70, 98, 120], litShare: 0.3 },
    trees: { count: 7, color: [46, 116, 62] },
    seed: 23,
  },
  "apt-old-town": {
    alt: "Illustration: narrow old-town houses with pitched roofs along a cobbled street",
    sky: [[164, 200, 226], [236, 226, 206]],
    ground: [142, 128, 112],
    buildings: { count: 7, minHeight: 230, maxHeight: 340, colors: [[214, 150, 98], [236, 196, 120], [190, 112, 90], [226, 210, 180]], pitched: true },
    windows: { lit: [90, 70, 56], dark: [60, 46, 40], litShare: 0.4 },
    seed: 37,
  },
  "apt-riverside": {
    alt: "Illustration: a row of apartment blocks by a wide river with trees on the bank",
    sky: [[150, 196, 226], [218, 236, 240]],
    ground: [112, 140, 96],
    water: [62, 128, 160],
    buildings: { count: 5, minHeight: 230, maxHeight: 330, colors: [[204, 204, 196], [176, 186, 190], [222, 214, 200]] },
    windows: { lit: [92, 118, 140], dark: [64, 80, 96], litShare: 0.5 },
    trees: { count: 5, color: [62, 120, 70] },
    seed: 41,
  },
  "apt-skyline": {
    alt: "Illustration: tall towers at night with lit windows and a full moon over the city",
    sky: [[18, 26, 58], [58, 64, 112]],
    sun: { x: 980, y: 140, r: 48, color: [236, 236, 220] },
    ground: [30, 32, 44],
    buildings: { count: 6, minHeight: 330, maxHeight: 620, colors: [[46, 52, 78], [60, 64, 92], [38, 42, 64]] },
    windows: { lit: [255, 214, 120], dark: [30, 34, 52], litShare: 0.45 },
    seed: 53,
  },
  "apt-park-corner": {
    alt: "Illustration: a corner apartment building across the street from a park full of trees",
    sky: [[176, 210, 232], [232, 240, 236]],
    sun: { x: 1040, y: 120, r: 50, color: [255, 246, 200] },
    ground: [104, 150, 88],
    buildings: { count: 3, minHeight: 260, maxHeight: 380, colors: [[196, 120, 96], [216, 176, 140]] },
    windows: { lit: [110, 136, 156], dark: [70, 84, 100], litShare: 0.4 },
    trees: { count: 9, color: [54, 124, 66] },
    seed: 67,
  },
};

/** Mulberry32: a tiny seeded generator, enough for placing houses. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Canvas {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
    private readonly scale: number,
  ) {
    this.pixels = new Uint8Array(width * height * 3);
  }

  private blend(x: number, y: number, color: Rgb, alpha: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height || alpha <= 0) return;
    const at = (y * this.width + x) * 3;
    for (let c = 0; c < 3; c++) this.pixels[at + c] = Math.round(this.pixels[at + c] * (1 - alpha) + color[c] * alpha);
  }

  /** Pixels [x0, x1) of row y set to `color` (clipped). */
  private span(y: number, x0: number, x1: number, color: Rgb): void {
    if (y < 0 || y >= this.height) return;
    const from = Math.max(0, x0), to = Math.min(this.width, x1);
    for (let at = (y * this.width + from) * 3, end = (y * this.width + to) * 3; at < end; at += 3) {
      this.pixels[at] = color[0];
      this.pixels[at + 1] = color[1];
      this.pixels[at + 2] = color[2];
    }
  }

  /** Vertical gradient over the whole picture. */
  gradient(top: Rgb, bottom: Rgb): void {
    for (let y = 0; y < this.height; y++) {
      const t = y / Math.max(1, this.height - 1);
      const color: Rgb = [0, 1, 2].map((c) => Math.round(top[c] + (bottom[c] - top[c]) * t)) as unknown as Rgb;
      this.span(y, 0, this.width, color);
    }
  }

  /** A rectangle in base coordinates, snapped to whole pixels (flat edges compress best). */
  rect(x: number, y: number, w: number, h: number, color: Rgb): void {
    const x0 = Math.round(x * this.scale), y0 = Math.round(y * this.scale);
    const x1 = Math.round((x + w) * this.scale), y1 = Math.round((y + h) * this.scale);
    for (let py = y0; py < y1; py++) this.span(py, x0, x1, color);
  }

  /** A circle with an anti-aliased edge. */
  circle(cx: number, cy: number, r: number, color: Rgb): void {
    const x = cx * this.scale, y = cy * this.scale, radius = r * this.scale;
    for (let py = Math.floor(y - radius - 1); py <= Math.ceil(y + radius + 1); py++) {
      for (let px = Math.floor(x - radius - 1); px <= Math.ceil(x + radius + 1); px++) {
        const distance = Math.hypot(px + 0.5 - x, py + 0.5 - y);
        this.blend(px, py, color, Math.min(1, Math.max(0, radius - distance + 0.5)));
      }
    }
  }

  /** A gable: a triangle from (x, base) to (x + w, base) with its apex `h` above the middle. */
  roof(x: number, base: number, w: number, h: number, color: Rgb): void {
    const x0 = x * this.scale, x1 = (x + w) * this.scale, yBase = base * this.scale, apex = (base - h) * this.scale;
    const middle = (x0 + x1) / 2;
    for (let py = Math.floor(apex); py < Math.round(yBase); py++) {
      const t = (py + 0.5 - apex) / (yBase - apex);
      const half = ((x1 - x0) / 2) * t;
      for (let px = Math.floor(middle - half); px < Math.ceil(middle + half); px++) {
        const coverage = Math.min(1, Math.max(0, Math.min(px + 1 - (middle - half), middle + half - px)));
        this.blend(px, py, color, coverage);
      }
    }
  }
}

const shade = (color: Rgb, factor: number): Rgb => color.map((c) => Math.max(0, Math.min(255, Math.round(c * factor)))) as unknown as Rgb;

/** The scene's pixels at `width` (height from ASPECT), RGB row by row. */
export function drawScene(scene: Scene, width: number): { width: number; height: number; pixels: Uint8Array } {
  const height = Math.round(width / ASPECT);
  const canvas = new Canvas(width, height, width / BASE_WIDTH);
  const baseHeight = BASE_WIDTH / ASPECT;
  const next = random(scene.seed);
  canvas.gradient(scene.sky[0], scene.sky[1]);
  if (scene.sun) canvas.circle(scene.sun.x, scene.sun.y, scene.sun.r, scene.sun.color);

  const horizon = scene.water ? baseHeight * 0.7 : baseHeight * 0.82;
  const { count, minHeight, maxHeight, colors, pitched } = scene.buildings;
  const slot = BASE_WIDTH / count;
  for (let i = 0; i < count; i++) {
    const w = slot * (0.72 + next() * 0.24);
    const x = i * slot + (slot - w) / 2;
    const h = minHeight + next() * (maxHeight - minHeight);
    const top = horizon - h;
    const color = colors[Math.floor(next() * colors.length)];
    canvas.rect(x, top, w, h, color);
    if (pitched) canvas.roof(x - 8, top, w + 16, Math.min(90, w * 0.45), shade(color, 0.62));
    else canvas.rect(x - 4, top - 10, w + 8, 12, shade(color, 0.75));
    // Windows on a grid, some lit.
    const columns = Math.max(2, Math.floor(w / 46));
    const rows = Math.max(1, Math.floor((h - 40) / 56));
    const cellW = w / columns;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const lit = next() < scene.windows.litShare;
        canvas.rect(x + c * cellW + cellW * 0.25, top + 24 + r * 56, cellW * 0.5, 30, lit ? scene.windows.lit : scene.windows.dark);
      }
    }
    // A door on the street.
    canvas.rect(x + w / 2 - 14, horizon - 48, 28, 48, shade(color, 0.5));
  }
  canvas.rect(0, horizon, BASE_WIDTH, baseHeight - horizon, scene.ground);
  if (scene.water) {
    const top = horizon + 18;
    canvas.rect(0, top, BASE_WIDTH, baseHeight - top, scene.water);
    for (let i = 0; i < 9; i++) {
      canvas.rect(next() * BASE_WIDTH, top + 20 + next() * (baseHeight - top - 30), 60 + next() * 90, 4, shade(scene.water, 1.35));
    }
  }
  if (scene.trees) {
    for (let i = 0; i < scene.trees.count; i++) {
      const x = (BASE_WIDTH / scene.trees.count) * (i + 0.2 + next() * 0.6);
      const r = 38 + next() * 26;
      const y = horizon + (scene.water ? 6 : 30) - r * 0.4;
      canvas.rect(x - 6, y, 12, r * 1.1, [92, 64, 44]);
      canvas.circle(x, y - r * 0.3, r, i % 2 === 0 ? scene.trees.color : shade(scene.trees.color, 1.18));
    }
  }
  return { width, height, pixels: canvas.pixels };
}

/** One scene at one width, as PNG file bytes. */
export function scenePng(scene: Scene, width: number): Buffer {
  const { height, pixels } = drawScene(scene, width);
  return encodePng(width, height, pixels);
}
