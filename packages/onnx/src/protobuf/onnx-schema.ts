/**
 * The part of ONNX's `onnx.proto` (proto2, IR version 8) that an exporter writes: models, graphs,
 * nodes, attributes, tensors and value types, as tables the wire-format encoder and decoder walk.
 * Written from the ONNX specification (https://github.com/onnx/onnx/blob/main/docs/IR.md and the
 * field list of onnx.proto, Apache-2.0): the field numbers, types and `[packed = true]` options are
 * ONNX's, so any ONNX reader decodes what the encoder writes, and the bytes are the ones ONNX's own
 * protobuf serializer writes for the same message (field-number order, proto2 packing).
 */

/** The protobuf scalar types onnx.proto's messages use (https://protobuf.dev/programming-guides/encoding/). */
export type ScalarType = 'int32' | 'int64' | 'uint64' | 'enum' | 'float' | 'double' | 'string' | 'bytes';

export type MessageName =
  | 'ModelProto'
  | 'OperatorSetIdProto'
  | 'StringStringEntryProto'
  | 'GraphProto'
  | 'NodeProto'
  | 'AttributeProto'
  | 'ValueInfoProto'
  | 'TypeProto'
  | 'TypeProto.Tensor'
  | 'TensorShapeProto'
  | 'TensorShapeProto.Dimension'
  | 'TensorProto';

export interface FieldSpec {
  /** The field number: the key on the wire. */
  readonly number: number;
  /** A scalar type or the name of the nested message. */
  readonly type: ScalarType | MessageName;
  /** `repeated` in onnx.proto (proto2's `optional` otherwise: present only when set). */
  readonly repeated?: true;
  /** `[packed = true]`: proto2 packs a repeated scalar only when asked to. */
  readonly packed?: true;
  /** The `oneof` the field belongs to: setting one member clears the others. */
  readonly oneof?: string;
  /** An enum's declared values (a value outside them is an encoding error). */
  readonly values?: readonly number[];
}

export type MessageSpec = Readonly<Record<string, FieldSpec>>;

/** AttributeProto.AttributeType: UNDEFINED, FLOAT, INT, STRING, TENSOR, GRAPH, FLOATS…GRAPHS, SPARSE_TENSOR(S), TYPE_PROTO(S). */
const attributeTypes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14] as const;

export const onnxMessages: Readonly<Record<MessageName, MessageSpec>> = {
  ModelProto: {
    ir_version: { number: 1, type: 'int64' },
    producer_name: { number: 2, type: 'string' },
    producer_version: { number: 3, type: 'string' },
    domain: { number: 4, type: 'string' },
    model_version: { number: 5, type: 'int64' },
    doc_string: { number: 6, type: 'string' },
    graph: { number: 7, type: 'GraphProto' },
    opset_import: { number: 8, type: 'OperatorSetIdProto', repeated: true },
    metadata_props: { number: 14, type: 'StringStringEntryProto', repeated: true },
  },
  OperatorSetIdProto: {
    domain: { number: 1, type: 'string' },
    version: { number: 2, type: 'int64' },
  },
  StringStringEntryProto: {
    key: { number: 1, type: 'string' },
    value: { number: 2, type: 'string' },
  },
  GraphProto: {
    node: { number: 1, type: 'NodeProto', repeated: true },
    name: { number: 2, type: 'string' },
    initializer: { number: 5, type: 'TensorProto', repeated: true },
    doc_string: { number: 10, type: 'string' },
    input: { number: 11, type: 'ValueInfoProto', repeated: true },
    output: { number: 12, type: 'ValueInfoProto', repeated: true },
    value_info: { number: 13, type: 'ValueInfoProto', repeated: true },
  },
  NodeProto: {
    input: { number: 1, type: 'string', repeated: true },
    output: { number: 2, type: 'string', repeated: true },
    name: { number: 3, type: 'string' },
    op_type: { number: 4, type: 'string' },
    attribute: { number: 5, type: 'AttributeProto', repeated: true },
    doc_string: { number: 6, type: 'string' },
    domain: { number: 7, type: 'string' },
  },
  AttributeProto: {
    name: { number: 1, type: 'string' },
    f: { number: 2, type: 'float' },
    i: { number: 3, type: 'int64' },
    s: { number: 4, type: 'bytes' },
    t: { number: 5, type: 'TensorProto' },
    g: { number: 6, type: 'GraphProto' },
    floats: { number: 7, type: 'float', repeated: true },
    ints: { number: 8, type: 'int64', repeated: true },
    strings: { number: 9, type: 'bytes', repeated: true },
    tensors: { number: 10, type: 'TensorProto', repeated: true },
    graphs: { number: 11, type: 'GraphProto', repeated: true },
    doc_string: { number: 13, type: 'string' },
    type: { number: 20, type: 'enum', values: attributeTypes },
    ref_attr_name: { number: 21, type: 'string' },
  },
  ValueInfoProto: {
    name: { number: 1, type: 'string' },
    type: { number: 2, type: 'TypeProto' },
    doc_string: { number: 3, type: 'string' },
  },
  TypeProto: {
    tensor_type: { number: 1, type: 'TypeProto.Tensor', oneof: 'value' },
    denotation: { number: 6, type: 'string' },
  },
  'TypeProto.Tensor': {
    elem_type: { number: 1, type: 'int32' },
    shape: { number: 2, type: 'TensorShapeProto' },
  },
  TensorShapeProto: {
    dim: { number: 1, type: 'TensorShapeProto.Dimension', repeated: true },
  },
  'TensorShapeProto.Dimension': {
    dim_value: { number: 1, type: 'int64', oneof: 'value' },
    dim_param: { number: 2, type: 'string', oneof: 'value' },
    denotation: { number: 3, type: 'string' },
  },
  TensorProto: {
    dims: { number: 1, type: 'int64', repeated: true },
    data_type: { number: 2, type: 'int32' },
    float_data: { number: 4, type: 'float', repeated: true, packed: true },
    int32_data: { number: 5, type: 'int32', repeated: true, packed: true },
    string_data: { number: 6, type: 'bytes', repeated: true },
    int64_data: { number: 7, type: 'int64', repeated: true, packed: true },
    name: { number: 8, type: 'string' },
    raw_data: { number: 9, type: 'bytes' },
    double_data: { number: 10, type: 'double', repeated: true, packed: true },
    uint64_data: { number: 11, type: 'uint64', repeated: true, packed: true },
    doc_string: { number: 12, type: 'string' },
  },
};

/** A field with its name, as the encoder (by name, in field-number order) and the decoder (by number) look it up. */
export interface NamedField extends FieldSpec {
  readonly name: string;
}

export interface MessageIndex {
  /** Fields in field-number order: the order protobuf serializers write them in. */
  readonly ordered: readonly NamedField[];
  readonly byName: ReadonlyMap<string, NamedField>;
  readonly byNumber: ReadonlyMap<number, NamedField>;
}

const indexes = new Map<MessageName, MessageIndex>();

/** The lookup tables of one message, built on first use. */
export function messageIndex(name: MessageName): MessageIndex {
  let index = indexes.get(name);
  if (!index) {
    const ordered = Object.entries(onnxMessages[name])
      .map(([fieldName, spec]) => ({ ...spec, name: fieldName }))
      .sort((a, b) => a.number - b.number);
    index = {
      ordered,
      byName: new Map(ordered.map((field) => [field.name, field])),
      byNumber: new Map(ordered.map((field) => [field.number, field])),
    };
    indexes.set(name, index);
  }
  return index;
}

/** Whether a field's type names a nested message rather than a scalar. */
export function isMessageType(type: ScalarType | MessageName): type is MessageName {
  return type in onnxMessages;
}
