import { type FieldSpec, isMessageType, type MessageName, messageIndex } from './onnx-schema.js';
import { isPackable, wireType, wireTypeOf } from './wire-format.js';

/**
 * Protobuf wire-format decoder for the messages of onnx-schema.ts
 * (https://protobuf.dev/programming-guides/encoding/), into plain objects with onnx.proto's
 * snake_case field names: a field is present only when it was on the wire (proto2), a repeated field
 * is always an array (empty when absent), int32/int64/uint64/enum are numbers (an int64 beyond
 * ±2^53 is an error rather than a rounded number), bytes are Uint8Array copies, strings UTF-8.
 * As protobuf parsers do: fields the schema lacks are skipped by their wire type; a repeated scalar is
 * accepted packed or unpacked whatever onnx.proto declares; a later value of a singular field
 * replaces the earlier one (a nested message merges into it), and setting a oneof member clears the
 * others. Errors are MessageDecodeErrors naming the field's path and the byte offset.
 */

/** Bytes that are not a valid encoding of the message; `message` names the field and the byte offset. */
export class MessageDecodeError extends Error {
  override name = 'MessageDecodeError';
}

const utf8 = new TextDecoder();
const maximumSafe = BigInt(Number.MAX_SAFE_INTEGER);

interface Reader {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  offset: number;
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);

function failure(path: string, offset: number, problem: string): MessageDecodeError {
  return new MessageDecodeError(`${path} at byte ${offset}: ${problem}`);
}

/** Throws unless `count` more bytes lie before `end` (the end of the enclosing message). */
function need(reader: Reader, count: number, end: number, path: string): void {
  if (reader.offset + count > end)
    throw failure(path, reader.offset, `truncated: ${count} bytes needed, ${end - reader.offset} left in the message`);
}

/**
 * A varint: a number while it fits in seven groups of seven bits (49 bits, exact in a double), a
 * bigint past that; ten bytes at most (64 bits).
 */
function readVarint(reader: Reader, end: number, path: string): number | bigint {
  const start = reader.offset;
  let value = 0;
  let scale = 1;
  for (let index = 0; index < 7; index++) {
    if (reader.offset >= end) throw failure(path, start, 'truncated: a varint runs past the end of the message');
    const byte = reader.bytes[reader.offset++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 0x80;
  }
  let wide = BigInt(value);
  for (let index = 7; index < 10; index++) {
    if (reader.offset >= end) throw failure(path, start, 'truncated: a varint runs past the end of the message');
    const byte = reader.bytes[reader.offset++]!;
    wide |= BigInt(byte & 0x7f) << BigInt(7 * index);
    if (byte < 0x80) return BigInt.asUintN(64, wide);
  }
  throw failure(path, start, 'a varint longer than ten bytes');
}

function safeNumber(value: bigint, path: string, offset: number, type: string): number {
  if (value > maximumSafe || value < -maximumSafe)
    throw failure(path, offset, `the ${type} ${value} is beyond ±2^53, which a JavaScript number holds exactly`);
  return Number(value);
}

/** A length prefix, checked against what is left of the enclosing message. */
function readLength(reader: Reader, end: number, path: string): number {
  const start = reader.offset;
  const length = readVarint(reader, end, path);
  if (typeof length === 'bigint' || reader.offset + length > end)
    throw failure(path, start, `truncated: a length of ${length} bytes, ${end - reader.offset} left in the message`);
  return length;
}

function readScalar(reader: Reader, field: FieldSpec, end: number, path: string): unknown {
  const start = reader.offset;
  switch (field.type) {
    case 'int32':
    case 'enum': {
      // a negative int32 is written sign-extended to 64 bits; its low 32 bits are the value
      const value = readVarint(reader, end, path);
      return typeof value === 'number' ? value | 0 : Number(BigInt.asIntN(32, value));
    }
    case 'int64': {
      const value = readVarint(reader, end, path);
      return typeof value === 'number' ? value : safeNumber(BigInt.asIntN(64, value), path, start, 'int64');
    }
    case 'uint64': {
      const value = readVarint(reader, end, path);
      return typeof value === 'number' ? value : safeNumber(value, path, start, 'uint64');
    }
    case 'float':
      need(reader, 4, end, path);
      reader.offset += 4;
      return reader.view.getFloat32(start, true);
    case 'double':
      need(reader, 8, end, path);
      reader.offset += 8;
      return reader.view.getFloat64(start, true);
    case 'string':
    case 'bytes': {
      const length = readLength(reader, end, path);
      const bytes = reader.bytes.subarray(reader.offset, reader.offset + length);
      reader.offset += length;
      return field.type === 'string' ? utf8.decode(bytes) : bytes.slice();
    }
  }
  throw failure(path, start, `the schema's type ${field.type} is not a scalar`);
}

/** Skips a field the schema lacks, by its wire type (a group up to its end key). */
function skipField(reader: Reader, key: Key, end: number, path: string): void {
  const { type, fieldNumber } = key;
  switch (type) {
    case wireType.varint:
      readVarint(reader, end, path);
      return;
    case wireType.fixed64:
      need(reader, 8, end, path);
      reader.offset += 8;
      return;
    case wireType.lengthDelimited: {
      const length = readLength(reader, end, path);
      reader.offset += length;
      return;
    }
    case wireType.fixed32:
      need(reader, 4, end, path);
      reader.offset += 4;
      return;
    case wireType.startGroup:
      for (;;) {
        const inner = readKey(reader, end, path);
        if (inner.type === wireType.endGroup) {
          if (inner.fieldNumber !== fieldNumber)
            throw failure(path, inner.offset, `the group of field ${fieldNumber} ends with the end key of field ${inner.fieldNumber}`);
          return;
        }
        skipField(reader, inner, end, path);
      }
    default:
      throw failure(
        path,
        key.offset,
        `wire type ${type} of field ${fieldNumber} ${type === wireType.endGroup ? 'ends a group that never started' : 'does not exist'}`,
      );
  }
}

/** A field's key: its number, its wire type, and the byte offset it starts at (for error messages). */
interface Key {
  fieldNumber: number;
  type: number;
  offset: number;
}

function readKey(reader: Reader, end: number, path: string): Key {
  const offset = reader.offset;
  const key = readVarint(reader, end, path);
  if (typeof key === 'bigint' || key >= 2 ** 32) throw failure(path, offset, `the field key ${key} is out of range`);
  const fieldNumber = Math.floor(key / 8);
  if (fieldNumber === 0) throw failure(path, offset, 'field number 0 (not a valid field)');
  return { fieldNumber, type: key % 8, offset };
}

function readMessage(
  reader: Reader,
  name: MessageName,
  end: number,
  path: string,
  target: Record<string, unknown>,
): Record<string, unknown> {
  const index = messageIndex(name);
  for (const field of index.ordered) if (field.repeated && !(field.name in target)) target[field.name] = [];
  const where = path || name;
  while (reader.offset < end) {
    const key = readKey(reader, end, where);
    const field = index.byNumber.get(key.fieldNumber);
    if (!field) {
      skipField(reader, key, end, `${where} (unknown field ${key.fieldNumber})`);
      continue;
    }
    const fieldPath = join(path, field.name);
    if (field.repeated) {
      const list = target[field.name] as unknown[];
      if (isPackable(field.type) && key.type === wireType.lengthDelimited) {
        const length = readLength(reader, end, fieldPath);
        const stop = reader.offset + length;
        while (reader.offset < stop) list.push(readScalar(reader, field, stop, `${fieldPath}[${list.length}]`));
        continue;
      }
      checkWireType(field, key, fieldPath);
      list.push(readValue(reader, field, end, `${fieldPath}[${list.length}]`, {}));
      continue;
    }
    checkWireType(field, key, fieldPath);
    // a nested message seen twice merges into the first (protobuf's rule); a scalar is replaced
    const previous = isMessageType(field.type) ? (target[field.name] as Record<string, unknown> | undefined) : undefined;
    target[field.name] = readValue(reader, field, end, fieldPath, previous ?? {});
    if (field.oneof) for (const other of index.ordered) if (other.oneof === field.oneof && other !== field) delete target[other.name];
  }
  return target;
}

function checkWireType(field: FieldSpec, key: Key, path: string): void {
  const expected = wireTypeOf(field.type);
  if (key.type !== expected)
    throw failure(
      path,
      key.offset,
      `wire type ${key.type} for field ${key.fieldNumber} (${field.type}), which is written with wire type ${expected}`,
    );
}

/** One value: a scalar, or a length-delimited nested message decoded into `target`. */
function readValue(reader: Reader, field: FieldSpec, end: number, path: string, target: Record<string, unknown>): unknown {
  if (!isMessageType(field.type)) return readScalar(reader, field, end, path);
  const length = readLength(reader, end, path);
  const stop = reader.offset + length;
  return readMessage(reader, field.type, stop, path, target);
}

/** Decodes `bytes` as the message `name` of the schema; throws MessageDecodeError naming the field and byte offset. */
export function decodeMessage(name: MessageName, bytes: Uint8Array): Record<string, unknown> {
  const reader: Reader = { bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
  return readMessage(reader, name, bytes.length, '', {});
}
