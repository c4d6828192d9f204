import { describeValue, refuseExtraArguments, tensor, type Tensor } from '@dl/tensor';
import { maybeGunzip } from '../platform/compression.js';
import { checkSource, describeSource, readBytes } from '../platform/read-bytes.js';

/** IDX element types (third magic byte), with their size in bytes. */
const elementTypes: Record<number, { name: string; bytes: number }> = {
  0x08: { name: 'ubyte', bytes: 1 },
  0x09: { name: 'byte', bytes: 1 },
  0x0b: { name: 'short', bytes: 2 },
  0x0c: { name: 'int', bytes: 4 },
  0x0d: { name: 'float', bytes: 4 },
  0x0e: { name: 'double', bytes: 8 },
};

/** A decoded IDX file: its shape and values (integers as Int32Array, floats as Float32/Float64Array). */
export interface IdxArray {
  shape: number[];
  type: string;
  data: Int32Array | Float32Array | Float64Array | Uint8Array;
}

/**
 * Decodes an IDX file (the MNIST format: magic 00 00 TYPE NDIMS, NDIMS big-endian uint32 sizes, then
 * the values, big-endian). ubyte data comes back as a Uint8Array view, other integers as Int32Array.
 * @example
 * const { shape, data } = parseIdx(bytes, 'train-labels-idx1-ubyte'); // shape [60000]
 */
export function parseIdx(bytes: Uint8Array, name = 'IDX data', ...extra: never[]): IdxArray {
  if (extra.length > 0) refuseExtraArguments('parseIdx', ['bytes', 'name'], extra);
  if (!(bytes instanceof Uint8Array))
    throw new Error(`parseIdx: bytes must be a Uint8Array (a file's contents), got ${describeValue(bytes)}`);
  if (bytes.length < 4) throw new Error(`${name}: truncated IDX file: ${bytes.length} bytes, too short for the 4-byte magic number`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  const element = elementTypes[bytes[2]!];
  if (bytes[0] !== 0 || bytes[1] !== 0 || !element || bytes[3] === 0)
    throw new Error(
      `${name}: wrong magic number 0x${magic.toString(16).padStart(8, '0')}: not an IDX file (expected 0x000008NN for ubyte data with NN dimensions; a gzip file that was not gunzipped starts with 0x1f8b)`,
    );
  const dimensions = bytes[3]!;
  const headerBytes = 4 + 4 * dimensions;
  if (bytes.length < headerBytes)
    throw new Error(
      `${name}: truncated IDX file: the header needs ${headerBytes} bytes for ${dimensions} dimensions, the file has ${bytes.length}`,
    );
  const shape = Array.from({ length: dimensions }, (_, i) => view.getUint32(4 + 4 * i));
  const count = shape.reduce((a, b) => a * b, 1);
  const expected = headerBytes + count * element.bytes;
  if (bytes.length < expected)
    throw new Error(
      `${name}: truncated IDX file: shape [${shape.join(', ')}] of ${element.name} needs ${expected} bytes, the file has ${bytes.length}`,
    );
  if (bytes.length > expected)
    throw new Error(`${name}: IDX file has ${bytes.length - expected} bytes after the data of shape [${shape.join(', ')}]`);
  let data: IdxArray['data'];
  switch (element.name) {
    case 'ubyte':
      data = bytes.subarray(headerBytes, expected);
      break;
    case 'byte':
      data = Int32Array.from(new Int8Array(bytes.buffer, bytes.byteOffset + headerBytes, count));
      break;
    case 'short':
      data = Int32Array.from({ length: count }, (_, i) => view.getInt16(headerBytes + 2 * i));
      break;
    case 'int':
      data = Int32Array.from({ length: count }, (_, i) => view.getInt32(headerBytes + 4 * i));
      break;
    case 'float':
      data = Float32Array.from({ length: count }, (_, i) => view.getFloat32(headerBytes + 4 * i));
      break;
    default:
      data = Float64Array.from({ length: count }, (_, i) => view.getFloat64(headerBytes + 8 * i));
  }
  return { shape, type: element.name, data };
}

/**
 * Reads an IDX file, plain or gzipped, into a tensor: ubyte and other integers become int32, floats
 * float32/float64.
 * @example
 * const labels = await readIdx('data/train-labels-idx1-ubyte.gz'); // int32 [60000]
 */
export async function readIdx(source: string | URL, ...extra: never[]): Promise<Tensor> {
  if (extra.length > 0) refuseExtraArguments('readIdx', ['source'], extra);
  checkSource('readIdx', source);
  const name = describeSource(source);
  const { shape, data } = parseIdx(await maybeGunzip(await readBytes(source), name), name);
  return tensor(data instanceof Uint8Array ? Int32Array.from(data) : data, { shape });
}
