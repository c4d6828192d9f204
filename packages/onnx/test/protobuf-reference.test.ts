/**
 * The protobuf codec against ONNX's own serializer: bytes written by `onnx` (Python, protobuf's C++
 * runtime) through tools/fixtures/onnx_protobuf_cases.py, kept in __fixtures__/ so that no Python runs here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel } from '../src/protobuf/model-codec.js';

interface Fixtures {
  encode: { name: string; message: unknown; hex: string }[];
  decode: { name: string; message: unknown; hex: string }[];
  reject: { name: string; hex: string; offset: number }[];
}

const fixtures = JSON.parse(readFileSync(new URL('./__fixtures__/onnx_protobuf_cases.json', import.meta.url), 'utf8')) as Fixtures;

/** The fixtures' JSON as the codec's plain objects: {$bytes: base64} to Uint8Array, {$float: 'NaN'} to NaN. */
function fromJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$bytes === 'string') return new Uint8Array(Buffer.from(record.$bytes, 'base64'));
  if (typeof record.$float === 'string') return Number(record.$float);
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, fromJson(item)]));
}

/** A decoded message without its empty repeated fields (the decoder always gives them; the reference lists set fields only). */
function withoutEmptyArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyArrays);
  if (typeof value !== 'object' || value === null || value instanceof Uint8Array) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => !(Array.isArray(item) && item.length === 0))
      .map(([key, item]) => [key, withoutEmptyArrays(item)]),
  );
}

const bytesOf = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));
const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('the protobuf codec against onnx (Python)', () => {
  it('has the reference cases', () => {
    expect(fixtures.encode.length).toBeGreaterThanOrEqual(7);
    expect(fixtures.decode.length).toBeGreaterThanOrEqual(7);
    expect(fixtures.reject.length).toBeGreaterThanOrEqual(9);
  });

  for (const { name, message, hex } of fixtures.encode) {
    it(`encodes byte for byte what onnx serializes: ${name}`, () => {
      expect(hexOf(encodeModel(fromJson(message) as Record<string, unknown>))).toBe(hex);
    });

    it(`decodes what onnx serialized: ${name}`, () => {
      expect(withoutEmptyArrays(decodeModel(bytesOf(hex)))).toEqual(fromJson(message));
    });
  }

  for (const { name, message, hex } of fixtures.decode) {
    it(`reads what onnx's parser reads: ${name}`, () => {
      expect(withoutEmptyArrays(decodeModel(bytesOf(hex)))).toEqual(fromJson(message));
    });
  }

  for (const { name, hex, offset } of fixtures.reject) {
    it(`rejects what onnx's parser rejects, naming the byte offset: ${name}`, () => {
      expect(() => decodeModel(bytesOf(hex))).toThrow(
        new RegExp(`^ONNX decode: the bytes are not a valid ModelProto: .* at byte ${offset}: `),
      );
    });
  }
});
