/**
 * The PNG header (IHDR) and the spec's table of allowed colour type / bit depth pairs
 * (PNG specification, 3rd edition, §11.2.1 Table 11):
 *
 *   colour type 0 grey           bit depths 1, 2, 4, 8, 16
 *   colour type 2 RGB            8, 16
 *   colour type 3 palette        1, 2, 4, 8
 *   colour type 4 grey + alpha   8, 16
 *   colour type 6 RGBA           8, 16
 *
 * Width and height are 1 .. 2^31 − 1; compression and filter methods are 0; interlace 0 or 1.
 */

export const allowedBitDepths: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
/** Samples per pixel of each colour type. */
export const samplesPerPixel: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Pillow's default `Image.MAX_IMAGE_PIXELS` (1024 × 1024 × 1024 / 4 / 3): larger images are refused unless raised. */
export const defaultMaxPixels = 89_478_485;

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlace: number;
}

/**
 * Reads and checks an IHDR body; `name` goes into every error.
 * @example
 * const header = readPngHeader(body, 'cat.png', defaultMaxPixels);
 */
export function readPngHeader(body: Uint8Array, name: string, maxPixels: number): PngHeader {
  if (body.length !== 13) throw new Error(`${name}: IHDR chunk is ${body.length} bytes; the PNG spec fixes it at 13`);
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const header = { width: view.getUint32(0), height: view.getUint32(4), bitDepth: body[8]!, colourType: body[9]!, interlace: body[12]! };
  const { width, height, bitDepth, colourType, interlace } = header;
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff)
    throw new Error(`${name}: image size ${width} × ${height}: PNG width and height must be 1 .. 2^31 − 1`);
  const depths = allowedBitDepths[colourType];
  if (!depths) throw new Error(`${name}: colour type ${colourType} is not a PNG colour type (0, 2, 3, 4, 6)`);
  if (!depths.includes(bitDepth))
    throw new Error(`${name}: bit depth ${bitDepth} is not allowed with colour type ${colourType} (allowed: ${depths.join(', ')})`);
  if (body[10] !== 0) throw new Error(`${name}: compression method ${body[10]} is not 0 (deflate)`);
  if (body[11] !== 0) throw new Error(`${name}: filter method ${body[11]} is not 0 (adaptive)`);
  if (interlace > 1) throw new Error(`${name}: interlace method ${interlace} is not 0 or 1`);
  if (width * height > maxPixels)
    throw new Error(
      `${name}: image size ${width} × ${height} = ${width * height} pixels is over the limit of ${maxPixels} (a possible decompression bomb; raise it with { maxPixels })`,
    );
  return header;
}
