import { checkOptions, refuseExtraArguments, isPlainObject, describeValue } from '@dl/tensor';
import { compress, decompress } from '../platform/compression.js';
import type { PixelImage } from '../transforms/to-tensor.js';
import { crc32 } from './crc32.js';
import { pngSignature, readPngChunks, type PngChunks } from './png-chunks.js';
import { defaultMaxPixels, readPngHeader, samplesPerPixel, type PngHeader } from './png-header.js';

/** PNG colour types by channel count: grey, grey + alpha, RGB, RGBA. */
const colourTypeOf: Record<number, number> = { 1: 0, 2: 4, 3: 2, 4: 6 };

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
export async function encodePng(image: PixelImage, ...extra: never[]): Promise<Uint8Array> {
  if (extra.length > 0) refuseExtraArguments('encodePng', ['image'], extra);
  if (!isPlainObject(image) || !ArrayBuffer.isView(image.data))
    throw new Error(`encodePng: expects an image { data, width, height, channels? } of 8-bit pixels, got ${describeValue(image)}`);
  const { width, height } = image;
  const channels = image.channels ?? image.data.length / (width * height);
  const colourType = colourTypeOf[channels];
  if (colourType === undefined) throw new Error(`encodePng: expects 1, 2, 3 or 4 channels, got ${channels}`);
  if (image.data.length !== width * height * channels)
    throw new Error(`encodePng: ${image.data.length} bytes do not make a ${width} × ${height} image of ${channels} channels`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, colourType, 0, 0, 0], 8); // bit depth 8, deflate, adaptive filtering, no interlace
  const stride = width * channels;
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++)
    for (let x = 0; x < stride; x++) raw[y * (stride + 1) + 1 + x] = Math.max(0, Math.min(255, Math.round(image.data[y * stride + x]!)));
  const parts = [
    new Uint8Array(pngSignature),
    chunk('IHDR', header),
    chunk('IDAT', await compress(raw, 'deflate')),
    chunk('IEND', new Uint8Array(0)),
  ];
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

/** Options of `decodePng`. */
export interface PngDecodeOptions {
  /** Used in error messages; default 'PNG'. */
  name?: string;
  /** Largest width × height accepted; default Pillow's 89,478,485. Raise it for huge trusted images. */
  maxPixels?: number;
}

/** Palette (PLTE) and transparency (tRNS) rules of the spec (§11.2.3, §11.3.2.1) for this colour type. */
function checkPalette({ palette, transparency }: PngChunks, { colourType, bitDepth }: PngHeader, name: string): void {
  if (palette) {
    if (colourType === 0 || colourType === 4) throw new Error(`${name}: a PLTE chunk is not allowed with colour type ${colourType} (grey)`);
    const entries = palette.length / 3;
    if (!Number.isInteger(entries) || entries < 1 || entries > 256)
      throw new Error(`${name}: PLTE chunk of ${palette.length} bytes; it must hold 1 to 256 RGB entries (a multiple of 3 bytes)`);
    if (colourType === 3 && entries > 2 ** bitDepth)
      throw new Error(`${name}: PLTE has ${entries} entries, more than bit depth ${bitDepth} can index (${2 ** bitDepth})`);
  } else if (colourType === 3) throw new Error(`${name}: palette PNG (colour type 3) without a PLTE chunk`);
  if (transparency) {
    const allowed = colourType === 0 ? [2] : colourType === 2 ? [6] : null;
    if (colourType === 4 || colourType === 6)
      throw new Error(`${name}: a tRNS chunk is not allowed with colour type ${colourType} (it has alpha)`);
    if (allowed && !allowed.includes(transparency.length))
      throw new Error(`${name}: tRNS chunk of ${transparency.length} bytes; colour type ${colourType} needs ${allowed[0]}`);
    if (colourType === 3 && transparency.length > palette!.length / 3)
      throw new Error(`${name}: tRNS has ${transparency.length} entries, more than the ${palette!.length / 3} palette entries`);
  }
}

/**
 * Decodes a PNG (non-interlaced; every colour type and bit depth the spec allows) into 8-bit
 * interleaved pixels (palette images become RGB, or RGBA with a tRNS chunk; 16-bit keeps the high
 * byte). Checks the signature, every chunk's CRC, the chunk order, the colour type / bit depth
 * table and the palette; refuses images over `maxPixels` before inflating anything, and never
 * inflates more than the header's image needs. Errors name `name`.
 * @example
 * const { data, width, height, channels } = await decodePng(bytes, { name: 'cat.png' });
 * const huge = await decodePng(bytes, { name: 'scan.png', maxPixels: 200_000_000 });
 */
export async function decodePng(bytes: Uint8Array, options: string | PngDecodeOptions = {}, ...extra: never[]): Promise<PngImage> {
  if (extra.length > 0) refuseExtraArguments('decodePng', ['bytes', 'options'], extra);
  if (!(bytes instanceof Uint8Array))
    throw new Error(`decodePng: bytes must be a Uint8Array (a PNG file's contents), got ${describeValue(bytes)}`);
  const given = typeof options === 'string' ? { name: options } : checkOptions('decodePng', options, ['name', 'maxPixels']);
  const { name = 'PNG', maxPixels = defaultMaxPixels } = given;
  const chunks = readPngChunks(bytes, name);
  const header = readPngHeader(chunks.header, name, maxPixels);
  const { width, height, bitDepth: depth, colourType, interlace } = header;
  if (interlace !== 0) throw new Error(`${name}: interlaced (Adam7) PNG files are not supported; re-save it without interlacing`);
  checkPalette(chunks, header, name);
  const { palette, transparency } = chunks;
  const samples = samplesPerPixel[colourType]!;
  const bitsPerPixel = samples * depth;
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const expected = height * (stride + 1);
  const joined = new Uint8Array(chunks.data.reduce((sum, part) => sum + part.length, 0));
  chunks.data.reduce((position, part) => (joined.set(part, position), position + part.length), 0);
  // inflate no further than the image needs: extra data is ignored, as Pillow does
  const raw = await decompress(joined, 'deflate', expected).catch((error: Error) => {
    throw new Error(`${name}: corrupt PNG image data (${error.message})`);
  });
  const step = Math.max(1, bitsPerPixel >> 3); // bytes back to the "left" pixel
  if (raw.length < expected) throw new Error(`${name}: truncated PNG image data (${raw.length} bytes for ${height} rows of ${stride + 1})`);
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
    const entries = palette!.length / 3;
    const channels = transparency ? 4 : 3;
    const out = new Uint8Array(width * height * channels);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const entry = sampleAt(y, x);
        if (entry >= entries) throw new Error(`${name}: pixel (${x}, ${y}) uses palette index ${entry}; the PLTE has ${entries} entries`);
        const target = (y * width + x) * channels;
        out.set(palette!.subarray(entry * 3, entry * 3 + 3), target);
        if (transparency) out[target + 3] = entry < transparency.length ? transparency[entry]! : 255;
      }
    return { data: out, width, height, channels };
  }
  const out = new Uint8Array(width * height * samples);
  for (let y = 0; y < height; y++) for (let i = 0; i < width * samples; i++) out[y * width * samples + i] = sampleAt(y, i);
  return { data: out, width, height, channels: samples };
}
