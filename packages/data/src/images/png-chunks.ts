import { crc32 } from './crc32.js';

/**
 * Walks a PNG's chunks, checking lengths, CRCs and the order the spec requires (§5.6): IHDR first,
 * PLTE and tRNS before the first IDAT, IDATs consecutive, IEND last; critical chunks not known to
 * this decoder, and a second IHDR/PLTE, are errors. Ancillary chunks (lower-case first letter) are
 * skipped.
 */

export interface PngChunks {
  header: Uint8Array;
  palette: Uint8Array | null;
  transparency: Uint8Array | null;
  data: Uint8Array[];
}

export const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Splits `bytes` into the chunks the decoder needs; errors name `name`.
 * @example
 * const { header, data } = readPngChunks(bytes, 'cat.png');
 */
export function readPngChunks(bytes: Uint8Array, name: string): PngChunks {
  if (bytes.length < 8 || pngSignature.some((value, i) => bytes[i] !== value)) throw new Error(`${name}: not a PNG file (wrong signature)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunks = { header: new Uint8Array(0), palette: null, transparency: null, data: [] };
  let offset = 8;
  let seenHeader = false;
  let dataState: 'before' | 'inside' | 'after' = 'before';
  for (;;) {
    if (offset + 12 > bytes.length) throw new Error(`${name}: truncated PNG file (no IEND chunk)`);
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) throw new Error(`${name}: corrupt PNG file (chunk type ${JSON.stringify(type)} at byte ${offset})`);
    if (length > 0x7fffffff || offset + 12 + length > bytes.length)
      throw new Error(`${name}: truncated PNG file (chunk ${type} needs ${length} bytes)`);
    if (crc32(bytes, offset + 4, offset + 8 + length) !== view.getUint32(offset + 8 + length))
      throw new Error(`${name}: corrupt PNG file (bad CRC in chunk ${type})`);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    offset += 12 + length;
    if (!seenHeader && type !== 'IHDR') throw new Error(`${name}: the first chunk is ${type}; a PNG must start with IHDR`);
    if (dataState === 'inside' && type !== 'IDAT') dataState = 'after';
    switch (type) {
      case 'IHDR':
        if (seenHeader) throw new Error(`${name}: a second IHDR chunk`);
        seenHeader = true;
        chunks.header = body;
        break;
      case 'PLTE':
        if (chunks.palette) throw new Error(`${name}: a second PLTE chunk`);
        if (dataState !== 'before') throw new Error(`${name}: PLTE after IDAT; the palette must come first`);
        chunks.palette = body;
        break;
      case 'tRNS':
        if (dataState !== 'before') throw new Error(`${name}: tRNS after IDAT`);
        chunks.transparency = body;
        break;
      case 'IDAT':
        if (dataState === 'after') throw new Error(`${name}: IDAT chunks are not consecutive`);
        dataState = 'inside';
        chunks.data.push(body);
        break;
      case 'IEND':
        if (dataState === 'before') throw new Error(`${name}: no IDAT chunk (no image data)`);
        return chunks;
      default:
        // bit 5 of the first letter: upper case = critical, which a decoder must understand
        if (type.charCodeAt(0) < 0x61) throw new Error(`${name}: unknown critical chunk ${type}`);
    }
  }
}
