import { type FieldSpec, isMessageType, type MessageName, messageIndex } from './onnx-schema.js';
import { wireType, wireTypeOf } from './wire-format.js';

/**
 * Protobuf wire-format encoder for the messages of onnx-schema.ts
 * (https://protobuf.dev/programming-guides/encoding/). Writes fields in field-number order, as
 * protobuf's own serializers do, so the bytes are canonical: proto2 `optional` fields only when set
 * (a value of null or undefined is unset), repeated scalars packed only where onnx.proto says
 * `[packed = true]`, an empty repeated field not at all. Checks every value against its field's type
 * while it writes, and throws a MessageMismatchError naming the field's path for the first that does
 * not fit (a field the schema lacks included).
 */

/** A message that does not fit the schema; `message` starts with the offending field's path. */
export class MessageMismatchError extends Error {
  override name = 'MessageMismatchError';
}

const twoTo31 = 2 ** 31;
const twoTo63 = 2n ** 63n;
const twoTo64 = 2n ** 64n;
const utf8 = new TextEncoder();

/**
 * Collects the output as a list of parts: small writes go to a scratch buffer, large byte fields
 * (tensor data) are kept by reference, so their bytes are copied once, into the final buffer. A
 * nested message is written to its own writer first, since its length prefix comes before it.
 */
class ChunkWriter {
  private readonly parts: Uint8Array[] = [];
  private scratch = new Uint8Array(256);
  private view = new DataView(this.scratch.buffer);
  private used = 0;
  /** Bytes written so far. */
  length = 0;

  private reserve(count: number): void {
    if (this.used + count <= this.scratch.length) return;
    this.flush();
    if (count > this.scratch.length) {
      this.scratch = new Uint8Array(Math.max(count, 2 * this.scratch.length));
      this.view = new DataView(this.scratch.buffer);
    }
  }

  private flush(): void {
    if (this.used === 0) return;
    this.parts.push(this.scratch.slice(0, this.used));
    this.used = 0;
  }

  key(fieldNumber: number, type: number): void {
    this.varint(fieldNumber * 8 + type);
  }

  /** A non-negative safe integer (below 2^53: eight bytes at most) as a varint: seven bits a byte, the high bit set on all but the last. */
  varint(value: number): void {
    this.reserve(8);
    const start = this.used;
    while (value >= 0x80) {
      this.scratch[this.used++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.scratch[this.used++] = value;
    this.length += this.used - start;
  }

  /** An unsigned 64-bit value as a varint (up to ten bytes): how negative int32 and int64 go, two's complement. */
  varint64(value: bigint): void {
    this.reserve(10);
    const start = this.used;
    while (value >= 0x80n) {
      this.scratch[this.used++] = Number(value & 0x7fn) | 0x80;
      value >>= 7n;
    }
    this.scratch[this.used++] = Number(value);
    this.length += this.used - start;
  }

  float32(value: number): void {
    this.reserve(4);
    this.view.setFloat32(this.used, value, true);
    this.used += 4;
    this.length += 4;
  }

  float64(value: number): void {
    this.reserve(8);
    this.view.setFloat64(this.used, value, true);
    this.used += 8;
    this.length += 8;
  }

  bytes(data: Uint8Array): void {
    if (data.length > 64) {
      this.flush();
      this.parts.push(data);
    } else {
      this.reserve(data.length);
      this.scratch.set(data, this.used);
      this.used += data.length;
    }
    this.length += data.length;
  }

  /** Another writer's output after this one's, as a length-delimited value. */
  lengthDelimited(inner: ChunkWriter): void {
    this.varint(inner.length);
    this.flush();
    inner.flush();
    for (const part of inner.parts) this.parts.push(part);
    this.length += inner.length;
  }

  finish(): Uint8Array {
    this.flush();
    if (this.parts.length === 1) return this.parts[0]!;
    const output = new Uint8Array(this.length);
    let offset = 0;
    for (const part of this.parts) {
      output.set(part, offset);
      offset += part.length;
    }
    return output;
  }
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);

function mismatch(path: string, problem: string): MessageMismatchError {
  return new MessageMismatchError(`${path || 'the message'}: ${problem}`);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'a Uint8Array';
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : typeof value;
}

/** An integer (number or bigint) in [minimum, maximum), as a bigint; throws naming the field otherwise. */
function integer(value: unknown, path: string, type: string, minimum: bigint, maximum: bigint): bigint {
  const whole = typeof value === 'bigint' ? value : typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : undefined;
  if (whole === undefined) throw mismatch(path, `an integer expected (${type}), got ${describe(value)}`);
  if (whole < minimum || whole >= maximum) throw mismatch(path, `${value} is out of ${type}'s range`);
  return whole;
}

/** A varint-encoded integer: small non-negative numbers directly, anything else through its 64-bit two's complement. */
function writeInteger(writer: ChunkWriter, value: unknown, whole: bigint): void {
  if (typeof value === 'number' && value >= 0 && value < twoTo31) writer.varint(value);
  else writer.varint64(BigInt.asUintN(64, whole));
}

/** The range check of each integer type, as [lowest, past the highest]. */
const integerRanges = {
  int32: [-(2n ** 31n), 2n ** 31n],
  int64: [-twoTo63, twoTo63],
  uint64: [0n, twoTo64],
  enum: [-(2n ** 31n), 2n ** 31n],
} as const;

function writeScalar(writer: ChunkWriter, field: FieldSpec, value: unknown, path: string): void {
  switch (field.type) {
    case 'int32':
    case 'int64':
    case 'uint64':
    case 'enum': {
      const [lowest, pastHighest] = integerRanges[field.type];
      const whole = integer(value, path, field.type, lowest, pastHighest);
      if (field.type === 'enum' && !field.values?.includes(Number(whole)))
        throw mismatch(path, `${value} is not one of the enum's values (${field.values?.join(', ')})`);
      writeInteger(writer, value, whole);
      break;
    }
    case 'float':
    case 'double':
      if (typeof value !== 'number') throw mismatch(path, `a number expected (${field.type}), got ${describe(value)}`);
      if (field.type === 'float') writer.float32(value);
      else writer.float64(value);
      break;
    case 'string': {
      if (typeof value !== 'string') throw mismatch(path, `a string expected, got ${describe(value)}`);
      const bytes = utf8.encode(value);
      writer.varint(bytes.length);
      writer.bytes(bytes);
      break;
    }
    case 'bytes':
      if (!(value instanceof Uint8Array)) throw mismatch(path, `a Uint8Array expected (bytes), got ${describe(value)}`);
      writer.varint(value.length);
      writer.bytes(value);
      break;
  }
}

/** One value of a field, key first (a repeated field's elements each get a key unless packed). */
function writeField(writer: ChunkWriter, field: FieldSpec, value: unknown, path: string): void {
  writer.key(field.number, wireTypeOf(field.type));
  if (isMessageType(field.type)) {
    const inner = new ChunkWriter();
    writeMessage(inner, field.type, value, path);
    writer.lengthDelimited(inner);
  } else {
    writeScalar(writer, field, value, path);
  }
}

/** An array or a typed array (for the numeric repeated fields); not a DataView. */
function isList(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

function writeMessage(writer: ChunkWriter, name: MessageName, message: unknown, path: string): void {
  if (typeof message !== 'object' || message === null || Array.isArray(message) || message instanceof Uint8Array)
    throw mismatch(path, `an object expected (${name}), got ${describe(message)}`);
  const index = messageIndex(name);
  const record = message as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!index.byName.has(key)) throw mismatch(join(path, key), `${name} has no such field`);
  const oneofs = new Map<string, string>();
  for (const field of index.ordered) {
    const value = record[field.name];
    if (value === undefined || value === null) continue;
    const fieldPath = join(path, field.name);
    if (field.oneof) {
      const other = oneofs.get(field.oneof);
      if (other) throw mismatch(fieldPath, `${other} is set too, and both belong to the oneof '${field.oneof}'`);
      oneofs.set(field.oneof, field.name);
    }
    if (!field.repeated) {
      writeField(writer, field, value, fieldPath);
      continue;
    }
    if (!isList(value)) throw mismatch(fieldPath, `an array expected (repeated ${field.type}), got ${describe(value)}`);
    if (field.packed) {
      if (value.length === 0) continue;
      const packed = new ChunkWriter();
      for (let item = 0; item < value.length; item++) writeScalar(packed, field, value[item], `${fieldPath}[${item}]`);
      writer.key(field.number, wireType.lengthDelimited);
      writer.lengthDelimited(packed);
    } else {
      for (let item = 0; item < value.length; item++) writeField(writer, field, value[item], `${fieldPath}[${item}]`);
    }
  }
}

/** Encodes `message` as the message `name` of the schema; throws MessageMismatchError naming the field that does not fit. */
export function encodeMessage(name: MessageName, message: unknown): Uint8Array {
  const writer = new ChunkWriter();
  writeMessage(writer, name, message, '');
  return writer.finish();
}
