import protobuf from 'protobufjs';
import { onnxSchema } from './onnx-schema.js';

/** ONNX's TensorProto.DataType values for the dtypes @dl has (and INT64, which ONNX's shape inputs need). */
export const onnxDataType = { float32: 1, int32: 6, int64: 7, bool: 9, float64: 11 } as const;
export type OnnxDataTypeName = keyof typeof onnxDataType;

/** AttributeProto.AttributeType values. */
export const attributeType = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7, strings: 8 } as const;

let modelType: protobuf.Type | undefined;

/** The ModelProto message type, parsed once from the schema. */
function onnxModelType(): protobuf.Type {
  modelType ??= protobuf.parse(onnxSchema, { keepCase: true }).root.lookupType('onnx.ModelProto');
  return modelType;
}

/** A plain object shaped like ModelProto (snake_case field names, as onnx.proto). */
export type ModelMessage = Record<string, unknown>;

/** Encodes a ModelProto; throws naming the field when the message does not fit the schema. */
export function encodeModel(model: ModelMessage): Uint8Array {
  const type = onnxModelType();
  const problem = type.verify(model);
  if (problem) throw new Error(`ONNX export: the model message does not fit onnx.proto: ${problem}`);
  return type.encode(type.fromObject(model)).finish();
}

/** Decodes ModelProto bytes into plain objects (int64 as numbers, bytes as Uint8Array). */
export function decodeModel(bytes: Uint8Array): ModelMessage {
  const type = onnxModelType();
  return type.toObject(type.decode(bytes), { longs: Number, defaults: false, arrays: true }) as ModelMessage;
}
