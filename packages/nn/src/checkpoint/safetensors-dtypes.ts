import { type DType, float16Value, type TypedArray } from '@dl/tensor';

/**
 * Every dtype the safetensors format defines (the reference's `Dtype` enum), its element size and,
 * where @dl can hold it, how one little-endian element becomes a number. A name outside this
 * table is an error, as in the reference reader.
 */
export interface StoredDType {
  bytes: number;
  /** The @dl dtype a tensor of this kind loads as when no dtype is requested. */
  loadsAs?: DType;
  read?: (view: DataView, offset: number) => number;
}

/** bfloat16 is the top half of a float32, so widening is a 16-bit shift. */
const bfloat16Scratch = new DataView(new ArrayBuffer(4));
export function bfloat16ToNumber(bits: number): number {
  bfloat16Scratch.setUint32(0, bits << 16);
  return bfloat16Scratch.getFloat32(0);
}

function narrowInt64(value: bigint): number {
  if (value > 2147483647n || value < -2147483648n) throw new RangeError(`int64 value ${value} does not fit in int32`);
  return Number(value);
}

export const storedDTypes: Readonly<Record<string, StoredDType>> = Object.freeze(
  Object.assign(Object.create(null), {
    BOOL: { bytes: 1, loadsAs: 'bool', read: (view: DataView, offset: number) => (view.getUint8(offset) ? 1 : 0) },
    U8: { bytes: 1, loadsAs: 'int32', read: (view: DataView, offset: number) => view.getUint8(offset) },
    I8: { bytes: 1, loadsAs: 'int32', read: (view: DataView, offset: number) => view.getInt8(offset) },
    F8_E5M2: { bytes: 1 },
    F8_E4M3: { bytes: 1 },
    I16: { bytes: 2, loadsAs: 'int32', read: (view: DataView, offset: number) => view.getInt16(offset, true) },
    U16: { bytes: 2, loadsAs: 'int32', read: (view: DataView, offset: number) => view.getUint16(offset, true) },
    F16: { bytes: 2, loadsAs: 'float32', read: (view: DataView, offset: number) => float16Value(view.getUint16(offset, true)) },
    BF16: { bytes: 2, loadsAs: 'float32', read: (view: DataView, offset: number) => bfloat16ToNumber(view.getUint16(offset, true)) },
    I32: { bytes: 4, loadsAs: 'int32', read: (view: DataView, offset: number) => view.getInt32(offset, true) },
    U32: { bytes: 4 },
    F32: { bytes: 4, loadsAs: 'float32', read: (view: DataView, offset: number) => view.getFloat32(offset, true) },
    F64: { bytes: 8, loadsAs: 'float64', read: (view: DataView, offset: number) => view.getFloat64(offset, true) },
    I64: { bytes: 8, loadsAs: 'int32', read: (view: DataView, offset: number) => narrowInt64(view.getBigInt64(offset, true)) },
    U64: { bytes: 8 },
  }),
);

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const arrays = { float32: Float32Array, float64: Float64Array, int32: Int32Array, bool: Uint8Array } as const;
const sameLayout: Partial<Record<string, keyof typeof arrays>> = { F32: 'float32', F64: 'float64', I32: 'int32' };

/**
 * Decodes `count` elements of stored dtype `stored` from `bytes` (exactly `count * size` bytes) into
 * `into`, starting at element `first`. Called chunk by chunk by the file reader, once by the buffer
 * reader. Throws a RangeError for an int64 value outside int32; callers add the file and tensor.
 */
export function decodeInto(into: TypedArray, first: number, bytes: Uint8Array, stored: string): void {
  const format = storedDTypes[stored]!;
  const count = bytes.length / format.bytes;
  const same = sameLayout[stored];
  if (littleEndianHost && same !== undefined && into instanceof arrays[same]) {
    // a byte copy; the source may be unaligned, so copy bytes rather than view them as elements
    new Uint8Array(into.buffer, into.byteOffset + first * format.bytes, bytes.length).set(bytes);
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = format.read!;
  const isBool = into instanceof Uint8Array;
  for (let i = 0; i < count; i++) {
    const value = read(view, i * format.bytes);
    into[first + i] = isBool ? (value ? 1 : 0) : value;
  }
}
