/**
 * The in-house protobuf codec (src/protobuf/): round trips, exported models, and the errors that name
 * the field. Byte-exact agreement with ONNX's own serializer is protobuf-reference.test.ts.
 */
import { BatchNorm2d, Conv2d, Flatten, Linear, ReLU, Sequential } from '@dl/nn';
import { LSTM } from '@dl/rnn';
import { manualSeed, randn } from '@dl/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../src/index.js';
import { decodeModel, encodeModel } from '../src/protobuf/model-codec.js';

const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fits = 'ONNX export: the model message does not fit onnx.proto: ';
const notValid = 'ONNX decode: the bytes are not a valid ModelProto: ';

describe('protobuf codec round trips', () => {
  it('re-encodes exported models to the same bytes', () => {
    manualSeed(3);
    const models = [
      exportOnnx(new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2)), [randn([2, 3])], {
        dynamicAxes: { input: { 0: 'batch' } },
      }),
      exportOnnx(new Sequential(new Conv2d(1, 2, 3, { padding: 1 }), new BatchNorm2d(2), new ReLU(), new Flatten(), new Linear(32, 3)), [
        randn([1, 1, 4, 4]),
      ]),
      exportOnnx(new LSTM(3, 4), [randn([5, 2, 3])]),
    ];
    for (const bytes of models) expect(hexOf(encodeModel(decodeModel(bytes)))).toBe(hexOf(bytes));
  });

  it('keeps initializer bytes intact (one large raw_data field) and decodes a copy of them', () => {
    const raw = new Uint8Array(100_000).map((_, index) => index % 251);
    const bytes = encodeModel({ graph: { initializer: [{ name: 'w', dims: [25_000], data_type: 1, raw_data: raw }] } });
    const decoded = decodeModel(bytes) as { graph: { initializer: { raw_data: Uint8Array }[] } };
    expect(Buffer.compare(decoded.graph.initializer[0]!.raw_data, raw)).toBe(0);
    expect(decoded.graph.initializer[0]!.raw_data.buffer).not.toBe(bytes.buffer);
  });

  it('round-trips arbitrary attributes and tensors (int64 within ±2^53, float32 values, UTF-8 strings, bytes)', () => {
    const safeInteger = fc.maxSafeInteger().chain(() => fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }));
    const float32 = fc.float({ noNaN: true }).map((value) => Math.fround(value));
    const attribute = fc.record(
      {
        name: fc.string({ unit: 'grapheme' }),
        type: fc.constantFrom(1, 2, 3, 6, 7, 8),
        f: float32,
        i: safeInteger,
        s: fc.uint8Array(),
        floats: fc.array(float32),
        ints: fc.array(safeInteger),
        strings: fc.array(fc.uint8Array()),
      },
      { requiredKeys: [] },
    );
    const tensor = fc.record(
      {
        name: fc.string(),
        dims: fc.array(fc.nat()),
        data_type: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        float_data: fc.array(float32),
        int32_data: fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
        int64_data: fc.array(safeInteger),
        double_data: fc.array(fc.double({ noNaN: true })),
        uint64_data: fc.array(fc.nat({ max: Number.MAX_SAFE_INTEGER })),
        raw_data: fc.uint8Array(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(attribute, { maxLength: 4 }), fc.array(tensor, { maxLength: 3 }), (attributes, tensors) => {
        const model = { ir_version: 8, graph: { node: [{ op_type: 'Op', attribute: attributes }], initializer: tensors } };
        const decoded = decodeModel(encodeModel(model)) as typeof model;
        expect(decoded.graph.node[0]!.attribute.map((item) => withoutEmptyArrays(item))).toEqual(attributes.map(withoutEmptyArrays));
        expect(decoded.graph.initializer.map((item) => withoutEmptyArrays(item))).toEqual(tensors.map(withoutEmptyArrays));
      }),
      { numRuns: 200 },
    );
  });

  it('gives every repeated field as an array, empty when absent, and no absent optional field', () => {
    const decoded = decodeModel(encodeModel({ graph: { node: [{ op_type: 'Relu' }] } })) as Record<string, unknown>;
    expect(decoded).toEqual({
      opset_import: [],
      metadata_props: [],
      graph: { node: [{ op_type: 'Relu', input: [], output: [], attribute: [] }], initializer: [], input: [], output: [], value_info: [] },
    });
  });

  it('skips null and undefined fields, and takes typed arrays and bigints for numeric fields', () => {
    const typed = encodeModel({
      ir_version: 8n,
      doc_string: undefined,
      domain: null,
      graph: {
        initializer: [{ dims: new Int32Array([2, 3]), float_data: new Float32Array([1, -1]), int64_data: new BigInt64Array([-1n]) }],
      },
    });
    const plain = encodeModel({ ir_version: 8, graph: { initializer: [{ dims: [2, 3], float_data: [1, -1], int64_data: [-1] }] } });
    expect(hexOf(typed)).toBe(hexOf(plain));
  });

  it('writes a negative int64 as ten bytes and a negative int32 sign-extended to ten bytes, as protobuf does', () => {
    expect(hexOf(encodeModel({ ir_version: -1 }))).toBe(`08${'ff'.repeat(9)}01`);
    expect(hexOf(encodeModel({ graph: { initializer: [{ data_type: -1 }] } }))).toBe(`3a0d2a0b10${'ff'.repeat(9)}01`);
  });
});

describe('protobuf encoding errors name the field', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      'a field onnx.proto lacks',
      { graph: { node: [{ op_type: 'Relu', attributes: [] }] } },
      'graph.node[0].attributes: NodeProto has no such field',
    ],
    ['a string where an integer goes', { ir_version: '8' }, "ir_version: an integer expected (int64), got '8'"],
    ['a fraction in an int64', { opset_import: [{ version: 17.5 }] }, 'opset_import[0].version: an integer expected (int64), got 17.5'],
    [
      'an int32 out of range',
      { graph: { initializer: [{ data_type: 2 ** 31 }] } },
      "graph.initializer[0].data_type: 2147483648 is out of int32's range",
    ],
    ['an int64 out of range', { ir_version: 2n ** 63n }, "ir_version: 9223372036854775808 is out of int64's range"],
    [
      'a negative uint64',
      { graph: { initializer: [{ uint64_data: [1, -1] }] } },
      "graph.initializer[0].uint64_data[1]: -1 is out of uint64's range",
    ],
    [
      'an enum value onnx.proto lacks',
      { graph: { node: [{ attribute: [{ type: 15 }] }] } },
      'graph.node[0].attribute[0].type: 15 is not one of the enum',
    ],
    [
      'a string for bytes',
      { graph: { node: [{ attribute: [{ s: 'text' }] }] } },
      "graph.node[0].attribute[0].s: a Uint8Array expected (bytes), got 'text'",
    ],
    ['a number for a string', { graph: { name: 3 } }, 'graph.name: a string expected, got 3'],
    [
      'a string for a float',
      { graph: { node: [{ attribute: [{ f: '1' }] }] } },
      "graph.node[0].attribute[0].f: a number expected (float), got '1'",
    ],
    [
      'one value for a repeated field',
      { graph: { node: [{ input: 'x' }] } },
      "graph.node[0].input: an array expected (repeated string), got 'x'",
    ],
    ['an array for a message', { graph: [] }, 'graph: an object expected (GraphProto), got an array'],
    ['null in a repeated field', { graph: { node: [null] } }, 'graph.node[0]: an object expected (NodeProto), got null'],
    [
      'two members of a oneof',
      { graph: { input: [{ type: { tensor_type: { shape: { dim: [{ dim_value: 1, dim_param: 'n' }] } } } }] } },
      "graph.input[0].type.tensor_type.shape.dim[0].dim_param: dim_value is set too, and both belong to the oneof 'value'",
    ],
  ];
  for (const [what, message, problem] of cases)
    it(what, () => {
      expect(() => encodeModel(message)).toThrow(fits + problem);
    });
});

describe('protobuf decoding errors name the field and the byte offset', () => {
  const bytesOf = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

  it('an int64 beyond ±2^53 (a JavaScript number would round it)', () => {
    const bytes = encodeModel({ graph: { initializer: [{ int64_data: [1, 2n ** 60n] }] } });
    expect(() => decodeModel(bytes)).toThrow(
      `${notValid}graph.initializer[0].int64_data[1] at byte 7: the int64 1152921504606846976 is beyond ±2^53`,
    );
    expect(() => decodeModel(encodeModel({ ir_version: -(2n ** 53n) }))).toThrow(
      'ir_version at byte 1: the int64 -9007199254740992 is beyond',
    );
    expect((decodeModel(encodeModel({ ir_version: -(2 ** 53 - 1) })) as { ir_version: number }).ir_version).toBe(-(2 ** 53 - 1));
  });

  it('a known field with the wrong wire type (stricter than protobuf, which would keep it as an unknown field)', () => {
    // field 7 (graph) as a varint
    expect(() => decodeModel(bytesOf('0808' + '3801'))).toThrow(
      `${notValid}graph at byte 2: wire type 0 for field 7 (GraphProto), which is written with wire type 2`,
    );
  });

  it('a value that runs past the end of its enclosing message, deep inside', () => {
    // ModelProto.graph { initializer { raw_data: length 100, 3 bytes } }
    expect(() => decodeModel(bytesOf('3a072a054a64616263'))).toThrow(
      `${notValid}graph.initializer[0].raw_data at byte 5: truncated: a length of 100 bytes, 3 left in the message`,
    );
  });

  it('a packed run that ends inside a value', () => {
    // TensorProto.float_data packed with 6 bytes: one float and half of another
    expect(() => decodeModel(bytesOf('3a0a2a08220600000000803f'))).toThrow(
      `${notValid}graph.initializer[0].float_data[1] at byte 10: truncated`,
    );
  });

  it('an end-group key at the top level, which protobuf takes as the end of the message', () => {
    // field 99, wire type 4
    expect(() => decodeModel(bytesOf('0808' + '9c06'))).toThrow(
      `${notValid}ModelProto (unknown field 99) at byte 2: wire type 4 of field 99 ends a group that never started`,
    );
  });
});

function withoutEmptyArrays(value: object): object {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => !(Array.isArray(item) && item.length === 0)));
}
