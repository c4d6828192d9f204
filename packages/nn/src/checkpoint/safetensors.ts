import {
  checkOptions,
  describeValue,
  empty,
  float16Bits,
  isPlainObject,
  refuseExtraArguments,
  type DType,
  type Tensor,
  type TypedArray,
} from '@dl/tensor';
import { decodeInto, storedDTypes } from './safetensors-dtypes.js';
import { parseHeader, readHeaderLength, safetensorsError, type SafetensorsEntry } from './safetensors-header.js';

/**
 * The safetensors format (https://github.com/huggingface/safetensors), pure byte functions that run
 * anywhere (browser, Node, workers):
 *
 *   [8 bytes: header length N, little-endian u64][N bytes: JSON header][raw little-endian data]
 *   header = { name: { dtype: 'F32' | 'F64' | 'I32' | 'BOOL' | ..., shape, data_offsets: [begin, end] },
 *              __metadata__?: { key: string } }
 *
 * Offsets count from the start of the data section. We pad the header with spaces to a multiple of
 * 8 bytes (as the reference writer does) and lay tensors out in the order given. Reading validates
 * the header as strictly as the reference does (see safetensors-header.ts).
 */

/** Tensors by name plus string metadata: what a safetensors file holds (both null-prototype objects). */
export interface SafetensorsContent {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
}

/** Options of the readers: where the tensors go and which dtype floating tensors load as. */
export interface SafetensorsReadOptions {
  /** Device of the loaded tensors; default 'cpu'. */
  device?: string;
  /** dtype of floating tensors (F16, BF16, F32, F64); default: float32, F64 stays float64. */
  dtype?: 'float32' | 'float64';
}
export const readOptionNames = ['device', 'dtype'] as const;

/** A state dict as a plain object, a null-prototype object or a `Map` (any name is safe in a Map). */
export type NamedTensors = Record<string, Tensor> | ReadonlyMap<string, Tensor>;

/** An entry to encode: int32 data may be stored as I64 (PyTorch's `num_batches_tracked` is int64). */
export interface EncodeEntry {
  name: string;
  dtype: DType;
  shape: readonly number[];
  data: TypedArray;
  storeAs?: 'I64';
}

const writeDTypes: Record<DType, string> = { float16: 'F16', float32: 'F32', float64: 'F64', int32: 'I32', bool: 'BOOL' };

/** Buffers PyTorch stores as int64 where @dl holds int32: BatchNorm's and AveragedModel's counters. */
const pytorchInt64Buffers = ['num_batches_tracked', 'n_averaged'];

/** Whether a state-dict name is one of `pytorchInt64Buffers`, at the top level or in a submodule. */
export const isPyTorchInt64 = (name: string) => pytorchInt64Buffers.some((buffer) => name === buffer || name.endsWith(`.${buffer}`));

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const typedBytes = (data: TypedArray) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
const byteSize = ({ dtype, data, storeAs }: EncodeEntry) =>
  storeAs === 'I64' ? data.length * 8 : dtype === 'bool' ? data.length : dtype === 'float16' ? data.length * 2 : data.byteLength;

/** Throws unless `bytes` is a Uint8Array: a file's contents (a path, or a Node Buffer's `.buffer`, is a mistake here). */
export function checkBytes(operation: string, bytes: unknown): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw new Error(`${operation}: expects the file's bytes (a Uint8Array), got ${describeValue(bytes)}`);
}

/** Throws unless `stateDict` is a state dict: a plain object or a Map of names to tensors (model.stateDict()). */
export function checkStateDict(operation: string, stateDict: unknown): void {
  if (!(stateDict instanceof Map) && !isPlainObject(stateDict))
    throw new Error(`${operation}: expects a state dict of named tensors (model.stateDict()), got ${describeValue(stateDict)}`);
}

/** Encodes named typed arrays; the synchronous core of `serializeSafetensors`. */
export function encodeSafetensors(entries: ReadonlyArray<EncodeEntry>, metadata: Record<string, string> = {}): Uint8Array {
  if (!Array.isArray(entries as unknown))
    throw new Error(`encodeSafetensors: expects a list of entries { name, dtype, shape, data }, got ${describeValue(entries)}`);
  entries.forEach((entry, index) => {
    if (!isPlainObject(entry) || !ArrayBuffer.isView(entry.data))
      throw new Error(
        `encodeSafetensors: entry ${index} must be { name, dtype, shape, data } with a typed array as data, got ${describeValue(entry)}`,
      );
  });
  // null prototype: a tensor named `__proto__` is a key like any other
  const header: Record<string, unknown> = Object.create(null);
  // anything but a plain object would give no keys, and its metadata would be dropped without a word
  if (!isPlainObject(metadata)) throw new Error(`safetensors: metadata must be an object of strings, got ${describeValue(metadata)}`);
  if (Object.keys(metadata).length > 0) {
    for (const [key, value] of Object.entries(metadata))
      if (typeof value !== 'string') throw new Error(`safetensors: __metadata__ values must be strings ('${key}' is ${typeof value})`);
    header.__metadata__ = Object.assign(Object.create(null), metadata);
  }
  let offset = 0;
  for (const entry of entries) {
    const { name, dtype, shape, storeAs } = entry;
    if (name === '__metadata__' || name in header) throw new Error(`safetensors: duplicate or reserved tensor name '${name}'`);
    if (storeAs === 'I64' && dtype !== 'int32')
      throw new Error(`safetensors: tensor '${name}' is ${dtype}; only int32 can be stored as I64`);
    const size = byteSize(entry);
    header[name] = { dtype: storeAs ?? writeDTypes[dtype], shape: [...shape], data_offsets: [offset, offset + size] };
    offset += size;
  }
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
  for (const entry of entries) {
    writeData(bytes, position, entry);
    position += byteSize(entry);
  }
  return bytes;
}

function writeData(bytes: Uint8Array, position: number, { dtype, data, storeAs }: EncodeEntry): void {
  if (dtype === 'bool') {
    for (let i = 0; i < data.length; i++) bytes[position + i] = data[i] ? 1 : 0;
    return;
  }
  // float16 values arrive widened to float32 (exactly: they were read from binary16)
  if (dtype === 'float16') {
    const view = new DataView(bytes.buffer, position);
    for (let i = 0; i < data.length; i++) view.setUint16(i * 2, float16Bits(data[i]!), true);
    return;
  }
  if (littleEndianHost && !storeAs) {
    bytes.set(typedBytes(data), position);
    return;
  }
  const view = new DataView(bytes.buffer, position);
  const width = storeAs === 'I64' ? 8 : data.BYTES_PER_ELEMENT;
  for (let i = 0; i < data.length; i++)
    if (storeAs === 'I64') view.setBigInt64(i * width, BigInt(data[i]!), true);
    else if (dtype === 'float32') view.setFloat32(i * width, data[i]!, true);
    else if (dtype === 'float64') view.setFloat64(i * width, data[i]!, true);
    else view.setInt32(i * width, data[i]!, true);
}

/**
 * Encodes a state dict (any device; values are read with `await t.data()`) and string metadata.
 * `num_batches_tracked` buffers are written as I64, as PyTorch writes them.
 * @example
 * const bytes = await serializeSafetensors(model.stateDict(), { epoch: '3' });
 * const { tensors } = parseSafetensors(bytes);
 */
export async function serializeSafetensors(
  stateDict: NamedTensors,
  metadata: Record<string, string> = {},
  ...extra: never[]
): Promise<Uint8Array> {
  refuseExtraArguments('serializeSafetensors', ['stateDict', 'metadata'], extra);
  checkStateDict('serializeSafetensors', stateDict);
  const entries: EncodeEntry[] = [];
  const pairs = stateDict instanceof Map ? [...stateDict] : Object.entries(stateDict);
  for (const [name, value] of pairs)
    entries.push({
      name,
      dtype: value.dtype,
      shape: value.shape,
      data: await value.data(),
      ...(value.dtype === 'int32' && isPyTorchInt64(name) ? { storeAs: 'I64' as const } : {}),
    });
  return encodeSafetensors(entries, metadata);
}

/** The dtype `entry` loads as, or an error naming the source if @dl cannot hold it. */
export function loadedDType(entry: SafetensorsEntry, options: SafetensorsReadOptions, source: string): DType {
  const format = storedDTypes[entry.dtype]!;
  if (!format.loadsAs) throw safetensorsError(source, `tensor '${entry.name}' has dtype ${entry.dtype}, which @dl cannot load`);
  const floating = format.loadsAs === 'float32' || format.loadsAs === 'float64';
  if (options.dtype !== undefined && options.dtype !== 'float32' && options.dtype !== 'float64')
    throw safetensorsError(source, `option dtype must be 'float32' or 'float64', got ${JSON.stringify(options.dtype)}`);
  return floating && options.dtype ? options.dtype : format.loadsAs;
}

/** A tensor being loaded: `decode` writes elements from `first` on; `finish` gives the tensor on its device. */
export interface EntryLoad {
  decode(first: number, bytes: Uint8Array): void;
  finish(): Tensor;
}

/**
 * Starts loading `entry`: a CPU tensor whose storage (a typed array on the CPU) the stored bytes are
 * decoded straight into, part by part, so a load needs the tensors' bytes plus the caller's chunk.
 * An int64 outside int32 becomes an error naming the source and the tensor.
 * @example
 * const load = startEntryLoad(entry, {}, 'model.safetensors');
 * load.decode(0, bytes);
 * const weight = load.finish();
 */
export function startEntryLoad(entry: SafetensorsEntry, options: SafetensorsReadOptions, source: string): EntryLoad {
  const loaded = empty(entry.shape, { dtype: loadedDType(entry, options, source), device: 'cpu' });
  const storage = loaded.storage.buffer as TypedArray;
  return {
    decode(first, bytes) {
      try {
        decodeInto(storage, first, bytes, entry.dtype);
      } catch (error) {
        throw safetensorsError(source, `tensor '${entry.name}': ${(error as Error).message}`, error);
      }
    },
    finish() {
      if ((options.device ?? 'cpu') === 'cpu') return loaded;
      const moved = loaded.to(options.device!);
      loaded.dispose();
      return moved;
    },
  };
}

/**
 * Decodes safetensors bytes into CPU tensors (or `device`), each decoded straight into its storage. F32, F64, I32 and BOOL keep their dtype;
 * F16 and BF16 become float32 (or `dtype`); I64, I16, U16, I8 and U8 become int32 (PyTorch's int64
 * buffers such as `num_batches_tracked`; a value outside int32 is an error). The header is
 * validated as the reference reader does it; errors begin `safetensors: <source>:` (`source`
 * defaults to "buffer").
 * @example
 * const { tensors, metadata } = parseSafetensors(new Uint8Array(await (await fetch(url)).arrayBuffer()));
 * model.loadStateDict(tensors);
 */
export function parseSafetensors(bytes: Uint8Array, options: SafetensorsReadOptions & { source?: string } = {}): SafetensorsContent {
  checkBytes('parseSafetensors', bytes);
  checkOptions('parseSafetensors', options, [...readOptionNames, 'source']);
  const source = options.source ?? 'buffer';
  const headerLength = readHeaderLength(bytes, bytes.length, source);
  const dataStart = 8 + headerLength;
  const { entries, metadata } = parseHeader(bytes.subarray(8, dataStart), bytes.length - dataStart, source);
  const tensors: Record<string, Tensor> = Object.create(null);
  for (const entry of entries) {
    const load = startEntryLoad(entry, options, source);
    load.decode(0, bytes.subarray(dataStart + entry.begin, dataStart + entry.end));
    tensors[entry.name] = load.finish();
  }
  return { tensors, metadata };
}
