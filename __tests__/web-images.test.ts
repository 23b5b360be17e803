import { inflateSync } from "node:zlib";
import { demoApartments } from "../app/seed-data";
import { encodePng } from "../web/images/png";
import { ASPECT, drawScene, SCENES, scenePng, WIDTHS } from "../web/images/scenes";

/** The RGB rows of an encoded PNG (filter types None, Sub and Up, as the encoder writes). */
function decode(png: Buffer): { width: number; height: number; rgb: Uint8Array } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16), height = png.readUInt32BE(20);
  expect([png[24], png[25]]).toEqual([8, 2]); // 8-bit truecolour
  const idatLength = png.readUInt32BE(33);
  expect(png.toString("ascii", 37, 41)).toBe("IDAT");
  const data = inflateSync(png.subarray(41, 41 + idatLength));
  const stride = width * 3;
  const rgb = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const raw = data[y * (stride + 1) + 1 + i];
      const predictor = filter === 1 ? (i >= 3 ? rgb[y * stride + i - 3] : 0) : filter === 2 ? (y > 0 ? rgb[(y - 1) * stride + i] : 0) : 0;
      rgb[y * stride + i] = (raw + predictor) & 0xff;
    }
  }
  return { width, height, rgb };
}

describe("the apartments' generated pictures", () => {
  test("every demo apartment has a scene with a text alternative", () => {
    for (const { id } of demoApartments()) expect([id, SCENES[id]?.alt]).toEqual([id, expect.stringMatching(/^Illustration: .{30,}/)]);
  });

  test("the PNG encoder round-trips: the decoded pixels are the drawn ones", () => {
    const scene = SCENES["apt-harbour-view"];
    const drawn = drawScene(scene, 400);
    const decoded = decode(encodePng(drawn.width, drawn.height, drawn.pixels));
    expect([decoded.width, decoded.height]).toEqual([400, Math.round(400 / ASPECT)]);
    expect(Buffer.from(decoded.rgb).equals(Buffer.from(drawn.pixels))).toBe(true);
  });

  test("the same scene at the same width is the same file (builds are reproducible), and a small one", () => {
    const scene = SCENES["apt-skyline"];
    expect(scenePng(scene, WIDTHS[0]).equals(scenePng(scene, WIDTHS[0]))).toBe(true);
    expect(scenePng(scene, WIDTHS[0]).length).toBeLessThan(20_000);
  });

  test("fails on pixels that don't match the size, naming both", () => {
    expect(() => encodePng(2, 2, new Uint8Array(5))).toThrow("encodePng: 5 bytes for 2x2 RGB, expected 12");
  });
});
