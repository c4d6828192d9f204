import { compress, decompress } from '../platform/compression.js';
import type { PixelImage } from '../transforms/to-tensor.js';
import { crc32 } from './crc32.js';

const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** PNG colour types by channel count: grey, grey + alpha, RGB, RGBA. */
const colourTypeOf: Record<number, number> = { 1: 0, 2: 4, 3: 2, 4: 6 };
const channelsOf: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** A decoded 8-bit image: interleaved H × W × C bytes. */
export interface PngImage extends PixelImage {
  data: Uint8Array;
  channels: number;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out, 4, 8 + body.length));
  return out;
}

/**
 * Encodes 8-bit pixels (1 grey, 2 grey + alpha, 3 RGB or 4 RGBA channels, interleaved) as a PNG:
 * signature, IHDR, one zlib-compressed IDAT of scanlines with filter 0, IEND.
 * @example
 * const bytes = await encodePng({ data: new Uint8Array([0, 255]), width: 2, height: 1, channels: 1 });
 */
export async function encodePng(image: PixelImage): Promise<Uint8Array> {
  const { width, height } = image;
  const channels = image.channels ?? image.data.length / (width * height);
  const colourType = colourTypeOf[channels];
  if (colourType === undefined) throw new Error(`encodePng: expects 1, 2, 3 or 4 channels, got ${channels}`);
  if (image.data.length !== width * height * channels) throw new Error(`encodePng: ${image.data.length} bytes do not make a ${width} × ${height} image of ${channels} channels`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, colourType, 0, 0, 0], 8); // bit depth 8, deflate, adaptive filtering, no interlace
  const stride = width * channels;
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++)
    for (let x = 0; x < stride; x++) raw[y * (stride + 1) + 1 + x] = Math.max(0, Math.min(255, Math.round(image.data[y * stride + x]!)));
  const parts = [new Uint8Array(signature), chunk('IHDR', header), chunk('IDAT', await compress(raw, 'deflate')), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) out.set(part, (offset += part.length) - part.length);
  return out;
}

/** The Paeth predictor: of left, up and upper-left, the one closest to left + up − upper-left. */
function paeth(left: number, up: number, upperLeft: number): number {
  const estimate = left + up - upperLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpperLeft = Math.abs(estimate - upperLeft);
  if (toLeft <= toUp && toLeft <= toUpperLeft) return left;
  return toUp <= toUpperLeft ? up : upperLeft;
}

/**
 * Decodes a PNG (non-interlaced; bit depths 1–16, grey, grey + alpha, RGB, RGBA and palette) into 8-bit
 * interleaved pixels (palette images become RGB, or RGBA with a tRNS chunk; 16-bit keeps the high byte).
 * Checks the signature and every chunk's CRC; errors name `name`.
 * @example
 * const { data, width, height, channels } = await decodePng(bytes);
 */
export async function decodePng(bytes: Uint8Array, name = 'PNG'): Promise<PngImage> {
  if (bytes.length < 8 || signature.some((value, i) => bytes[i] !== value)) throw new Error(`${name}: not a PNG file (wrong signature)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let width = 0, height = 0, depth = 0, colourType = 0, interlace = 0;
  let palette: Uint8Array | null = null;
  let transparency: Uint8Array | null = null;
  const data: Uint8Array[] = [];
  for (;;) {
    if (offset + 12 > bytes.length) throw new Error(`${name}: truncated PNG file (no IEND chunk)`);
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (offset + 12 + length > bytes.length) throw new Error(`${name}: truncated PNG file (chunk ${type} needs ${length} bytes)`);
    if (crc32(bytes, offset + 4, offset + 8 + length) !== view.getUint32(offset + 8 + length)) throw new Error(`${name}: corrupt PNG file (bad CRC in chunk ${type})`);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    offset += 12 + length;
    if (type === 'IHDR') {
      const header = new DataView(body.buffer, body.byteOffset, body.byteLength);
      [width, height, depth, colourType, interlace] = [header.getUint32(0), header.getUint32(4), body[8]!, body[9]!, body[12]!];
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
  }
  if (interlace !== 0) throw new Error(`${name}: interlaced PNG files are not supported`);
  const samples = channelsOf[colourType];
  if (samples === undefined) throw new Error(`${name}: unknown PNG colour type ${colourType}`);
  const joined = new Uint8Array(data.reduce((sum, part) => sum + part.length, 0));
  data.reduce((position, part) => (joined.set(part, position), position + part.length), 0);
  const raw = await decompress(joined, 'deflate').catch((error: Error) => {
    throw new Error(`${name}: corrupt PNG image data (${error.message})`);
  });
  const bitsPerPixel = samples * depth;
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const step = Math.max(1, bitsPerPixel >> 3); // bytes back to the "left" pixel
  if (raw.length < height * (stride + 1)) throw new Error(`${name}: truncated PNG image data (${raw.length} bytes for ${height} rows of ${stride + 1})`);
  // undo the per-row filters (0 none, 1 sub, 2 up, 3 average, 4 Paeth)
  const lines = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const row = lines.subarray(y * stride, (y + 1) * stride);
    const previous = y > 0 ? lines.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= step ? row[x - step]! : 0;
      const up = previous[x]!;
      const upperLeft = x >= step ? previous[x - step]! : 0;
      const predictions = [0, left, up, (left + up) >> 1, paeth(left, up, upperLeft)];
      if (filter > 4) throw new Error(`${name}: unknown PNG filter type ${filter} on row ${y}`);
      row[x] = (value + predictions[filter]!) & 0xff;
    }
  }
  // unpack samples to 8 bits
  const sampleAt = (y: number, index: number): number => {
    if (depth === 8) return lines[y * stride + index]!;
    if (depth === 16) return lines[y * stride + 2 * index]!;
    const bit = index * depth;
    const value = (lines[y * stride + (bit >> 3)]! >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
    return colourType === 3 ? value : Math.round((value * 255) / ((1 << depth) - 1));
  };
  if (colourType === 3) {
    if (!palette) throw new Error(`${name}: palette PNG without a PLTE chunk`);
    const channels = transparency ? 4 : 3;
    const out = new Uint8Array(width * height * channels);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const entry = sampleAt(y, x);
        const target = (y * width + x) * channels;
        out.set(palette.subarray(entry * 3, entry * 3 + 3), target);
        if (transparency) out[target + 3] = entry < transparency.length ? transparency[entry]! : 255;
      }
    return { data: out, width, height, channels };
  }
  const out = new Uint8Array(width * height * samples);
  for (let y = 0; y < height; y++) for (let i = 0; i < width * samples; i++) out[y * width * samples + i] = sampleAt(y, i);
  return { data: out, width, height, channels: samples };
}
