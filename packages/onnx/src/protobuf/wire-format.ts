import { isMessageType, type MessageName, type ScalarType } from './onnx-schema.js';

/**
 * Protobuf's wire types (https://protobuf.dev/programming-guides/encoding/): every field on the wire
 * is a key `(field number << 3) | wire type` followed by its value, whose length the wire type tells.
 */
export const wireType = {
  /** A base-128 varint, least significant group first: int32, int64, uint64, enum, bool. */
  varint: 0,
  /** Eight bytes, little-endian: double, fixed64. */
  fixed64: 1,
  /** A varint byte count, then that many bytes: string, bytes, a nested message, a packed repeated scalar. */
  lengthDelimited: 2,
  /** Proto2's deprecated groups, delimited by a start key and an end key of the same field number. */
  startGroup: 3,
  endGroup: 4,
  /** Four bytes, little-endian: float, fixed32. */
  fixed32: 5,
} as const;

/** The wire type one value of `type` is written with (unpacked). */
export function wireTypeOf(type: ScalarType | MessageName): number {
  if (isMessageType(type)) return wireType.lengthDelimited;
  switch (type) {
    case 'int32':
    case 'int64':
    case 'uint64':
    case 'enum':
      return wireType.varint;
    case 'float':
      return wireType.fixed32;
    case 'double':
      return wireType.fixed64;
    case 'string':
    case 'bytes':
      return wireType.lengthDelimited;
  }
}

/** Whether a repeated field of `type` can be packed (a scalar of a fixed-size or varint wire type). */
export function isPackable(type: ScalarType | MessageName): boolean {
  return wireTypeOf(type) !== wireType.lengthDelimited;
}
