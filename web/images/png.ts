/**
 * A minimal PNG encoder (8-bit RGB, no interlace) for the build's generated pictures: Node's zlib
 * does the compression, so the build needs no image library. Each row gets the filter (None, Sub,
 * Up) whose output has the smallest sum of absolute values, the heuristic the PNG specification
 * suggests (section 12.8), which is what keeps flat-shaded pictures small.
 */
import { deflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** `rgb` holds width × height × 3 bytes, row by row. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  if (rgb.length !== width * height * 3) throw new Error(`encodePng: ${rgb.length} bytes for ${width}x${height} RGB, expected ${width * height * 3}`);
  const stride = width * 3;
  const filtered = Buffer.alloc((stride + 1) * height);
  const candidate = [Buffer.alloc(stride), Buffer.alloc(stride), Buffer.alloc(stride)];
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    let best = 0;
    let bestScore = Infinity;
    for (let filter = 0; filter < 3; filter++) {
      const out = candidate[filter];
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const value = rgb[row + i];
        const predictor = filter === 1 ? (i >= 3 ? rgb[row + i - 3] : 0) : filter === 2 ? (y > 0 ? rgb[row - stride + i] : 0) : 0;
        const byte = (value - predictor) & 0xff;
        out[i] = byte;
        score += byte < 128 ? byte : 256 - byte;
      }
      if (score < bestScore) {
        bestScore = score;
        best = filter;
      }
    }
    const at = y * (stride + 1);
    filtered[at] = best;
    candidate[best].copy(filtered, at + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  return Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflateSync(filtered, { level: 9, memLevel: 9 })), chunk("IEND", Buffer.alloc(0))]);
}
