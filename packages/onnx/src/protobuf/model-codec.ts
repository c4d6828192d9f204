import { decodeMessage, MessageDecodeError } from './decode-message.js';
import { encodeMessage, MessageMismatchError } from './encode-message.js';

/** ONNX's TensorProto.DataType values for the dtypes @dl has (and INT64, which ONNX's shape inputs need). */
export const onnxDataType = { float32: 1, int32: 6, int64: 7, bool: 9, float16: 10, float64: 11 } as const;
export type OnnxDataTypeName = keyof typeof onnxDataType;

/** AttributeProto.AttributeType values. */
export const attributeType = { float: 1, int: 2, string: 3, tensor: 4, floats: 6, ints: 7, strings: 8 } as const;

/** A plain object shaped like ModelProto (snake_case field names, as onnx.proto). */
export type ModelMessage = Record<string, unknown>;

/** Encodes a ModelProto; throws naming the field when the message does not fit the schema. */
export function encodeModel(model: ModelMessage): Uint8Array {
  try {
    return encodeMessage('ModelProto', model);
  } catch (error) {
    if (error instanceof MessageMismatchError) throw new Error(`ONNX export: the model message does not fit onnx.proto: ${error.message}`);
    throw error;
  }
}

/**
 * Decodes ModelProto bytes into plain objects (int64 as numbers, bytes as Uint8Array, repeated
 * fields as arrays); throws naming the field and byte offset when the bytes are not a ModelProto.
 */
export function decodeModel(bytes: Uint8Array): ModelMessage {
  try {
    return decodeMessage('ModelProto', bytes);
  } catch (error) {
    if (error instanceof MessageDecodeError) throw new Error(`ONNX decode: the bytes are not a valid ModelProto: ${error.message}`);
    throw error;
  }
}
