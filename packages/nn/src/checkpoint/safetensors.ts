import { tensor, type DType, type Tensor, type TypedArray } from '@dl/tensor';

/**
 * The safetensors format (https://github.com/huggingface/safetensors), pure byte functions that run
 * anywhere (browser, Node, workers):
 *
 *   [8 bytes: header length N, little-endian u64][N bytes: JSON header][raw little-endian data]
 *   header = { name: { dtype: 'F32' | 'F64' | 'I32' | 'BOOL' | ..., shape, data_offsets: [begin, end] },
 *              __metadata__?: { key: string } }
 *
 * Offsets count from the start of the data section. We pad the header with spaces to a multiple of
 * 8 bytes (as the reference writer does) and lay tensors out in the order given.
 */

/** Tensors by name plus string metadata: what a safetensors file holds. */
export interface SafetensorsContent {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

const writeDTypes: Record<DType, string> = { float32: 'F32', float64: 'F64', int32: 'I32', bool: 'BOOL' };

/** Element readers for every safetensors dtype we can load; wider integers are narrowed to int32. */
const readDTypes: Record<string, { bytes: number; dtype: DType; read: (view: DataView, offset: number) => number }> = {
  F32: { bytes: 4, dtype: 'float32', read: (view, offset) => view.getFloat32(offset, true) },
  F64: { bytes: 8, dtype: 'float64', read: (view, offset) => view.getFloat64(offset, true) },
  I32: { bytes: 4, dtype: 'int32', read: (view, offset) => view.getInt32(offset, true) },
  BOOL: { bytes: 1, dtype: 'bool', read: (view, offset) => (view.getUint8(offset) ? 1 : 0) },
  I64: { bytes: 8, dtype: 'int32', read: (view, offset) => narrowInt64(view.getBigInt64(offset, true)) },
  I16: { bytes: 2, dtype: 'int32', read: (view, offset) => view.getInt16(offset, true) },
  I8: { bytes: 1, dtype: 'int32', read: (view, offset) => view.getInt8(offset) },
  U8: { bytes: 1, dtype: 'int32', read: (view, offset) => view.getUint8(offset) },
};

function narrowInt64(value: bigint): number {
  if (value > 2147483647n || value < -2147483648n) throw new Error(`safetensors: int64 value ${value} does not fit in int32`);
  return Number(value);
}

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const typedBytes = (data: TypedArray) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** Encodes named typed arrays; the synchronous core of `serializeSafetensors`. */
export function encodeSafetensors(
  entries: ReadonlyArray<{ name: string; dtype: DType; shape: readonly number[]; data: TypedArray }>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) {
    for (const [key, value] of Object.entries(metadata))
      if (typeof value !== 'string') throw new Error(`safetensors: __metadata__ values must be strings ('${key}' is ${typeof value})`);
    header.__metadata__ = metadata;
  }
  let offset = 0;
  const sizes = entries.map(({ dtype, data }) => (dtype === 'bool' ? data.length : data.byteLength));
  entries.forEach(({ name, dtype, shape }, index) => {
    if (name === '__metadata__' || name in header) throw new Error(`safetensors: duplicate or reserved tensor name '${name}'`);
    header[name] = { dtype: writeDTypes[dtype], shape: [...shape], data_offsets: [offset, offset + sizes[index]!] };
    offset += sizes[index]!;
  });
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const spaces = new Uint8Array(padded).fill(0x20);
    spaces.set(json);
    json = spaces;
  }
  const bytes = new Uint8Array(8 + padded + offset);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(padded), true);
  bytes.set(json, 8);
  let position = 8 + padded;
  entries.forEach(({ dtype, data }, index) => {
    if (dtype === 'bool') for (let i = 0; i < data.length; i++) bytes[position + i] = data[i] ? 1 : 0;
    else if (littleEndianHost) bytes.set(typedBytes(data), position);
    else {
      const view = new DataView(bytes.buffer, position);
      const width = data.BYTES_PER_ELEMENT;
      for (let i = 0; i < data.length; i++)
        if (dtype === 'float32') view.setFloat32(i * width, data[i]!, true);
        else if (dtype === 'float64') view.setFloat64(i * width, data[i]!, true);
        else view.setInt32(i * width, data[i]!, true);
    }
    position += sizes[index]!;
  });
  return bytes;
}

/**
 * Encodes a state dict (any device; values are read with `await t.data()`) and string metadata.
 * @example
 * const bytes = await serializeSafetensors(model.stateDict(), { epoch: '3' });
 * const { tensors } = parseSafetensors(bytes);
 */
export async function serializeSafetensors(stateDict: Record<string, Tensor>, metadata: Record<string, string> = {}): Promise<Uint8Array> {
  const entries = [];
  for (const [name, value] of Object.entries(stateDict))
    entries.push({ name, dtype: value.dtype, shape: value.shape, data: await value.data() });
  return encodeSafetensors(entries, metadata);
}

/**
 * Decodes safetensors bytes into CPU tensors (or `device`). F32, F64, I32 and BOOL keep their dtype;
 * I64, I16, I8 and U8 become int32 (PyTorch's int64 buffers such as `num_batches_tracked`).
 * @example
 * const { tensors, metadata } = parseSafetensors(new Uint8Array(await (await fetch(url)).arrayBuffer()));
 * model.loadStateDict(tensors);
 */
export function parseSafetensors(bytes: Uint8Array, options: { device?: string } = {}): SafetensorsContent {
  if (bytes.length < 8) throw new Error('safetensors: file shorter than its 8-byte header length');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (8 + headerLength > bytes.length) throw new Error(`safetensors: header length ${headerLength} runs past the end of the file`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch (error) {
    throw new Error(`safetensors: the header is not valid JSON (${(error as Error).message})`);
  }
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const metadata = (header.__metadata__ ?? {}) as Record<string, string>;
  const tensors: Record<string, Tensor> = {};
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const { dtype, shape, data_offsets: [begin, end] } = raw as HeaderEntry;
    const format = readDTypes[dtype];
    if (!format) throw new Error(`safetensors: tensor '${name}' has dtype ${dtype}, which @dl cannot load`);
    const count = shape.reduce((product, extent) => product * extent, 1);
    if (end - begin !== count * format.bytes || begin < 0 || end > dataLength)
      throw new Error(`safetensors: tensor '${name}' (${dtype} ${JSON.stringify(shape)}) has invalid data_offsets [${begin}, ${end}]`);
    tensors[name] = tensor(decode(bytes, dataStart + begin, count, dtype), { shape, dtype: format.dtype, device: options.device ?? 'cpu' });
  }
  return { tensors, metadata };
}

function decode(bytes: Uint8Array, start: number, count: number, dtype: string): TypedArray {
  const format = readDTypes[dtype]!;
  // fast path: copy the bytes (the data may be unaligned) and view them
  if (littleEndianHost && (dtype === 'F32' || dtype === 'F64' || dtype === 'I32')) {
    const copy = bytes.slice(start, start + count * format.bytes).buffer;
    return dtype === 'F32' ? new Float32Array(copy) : dtype === 'F64' ? new Float64Array(copy) : new Int32Array(copy);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, count * format.bytes);
  const result = format.dtype === 'float64' ? new Float64Array(count) : format.dtype === 'float32' ? new Float32Array(count) : format.dtype === 'bool' ? new Uint8Array(count) : new Int32Array(count);
  for (let i = 0; i < count; i++) result[i] = format.read(view, i * format.bytes);
  return result;
}
