import { attributeType, onnxDataType, type ModelMessage } from '../protobuf/model-codec.js';
import type { Attribute, GraphBuilder, GraphValue } from './graph-builder.js';

/** IR version 8 is the one ONNX 1.12–1.13 write for opsets up to 17; readers accept older IRs. */
export const irVersion = (opsetVersion: number) => (opsetVersion <= 17 ? 8 : 9);

function valueInfo(value: GraphValue) {
  return {
    name: value.name,
    type: {
      tensor_type: {
        elem_type: onnxDataType[value.type],
        shape: {
          dim: value.dims.map((dimension) =>
            typeof dimension === 'number' ? { dim_value: dimension } : typeof dimension === 'string' ? { dim_param: dimension } : {},
          ),
        },
      },
    },
  };
}

const encoder = new TextEncoder();

function attribute(name: string, value: Attribute) {
  switch (value.kind) {
    case 'int':
      return { name, type: attributeType.int, i: value.value };
    case 'float':
      return { name, type: attributeType.float, f: value.value };
    case 'ints':
      return { name, type: attributeType.ints, ints: [...value.value] };
    case 'floats':
      return { name, type: attributeType.floats, floats: [...value.value] };
    case 'string':
      return { name, type: attributeType.string, s: encoder.encode(value.value) };
    case 'strings':
      return { name, type: attributeType.strings, strings: value.value.map((item) => encoder.encode(item)) };
  }
}

/** The ModelProto of a traced graph, as a plain object for the protobuf encoder. */
export function modelMessage(
  builder: GraphBuilder,
  outputs: GraphValue[],
  options: { opsetVersion: number; graphName: string; producerVersion: string },
): ModelMessage {
  return {
    ir_version: irVersion(options.opsetVersion),
    opset_import: [{ domain: '', version: options.opsetVersion }],
    producer_name: '@dl/onnx',
    producer_version: options.producerVersion,
    graph: {
      name: options.graphName,
      node: builder.nodes.map((node) => ({
        name: node.name,
        op_type: node.opType,
        input: node.inputs.map((input) => input?.name ?? ''),
        output: node.outputs.map((output) => output.name),
        attribute: Object.entries(node.attributes).map(([name, value]) => attribute(name, value)),
      })),
      initializer: builder.initializers.map(({ value, bytes }) => ({
        name: value.name,
        dims: value.dims as number[],
        data_type: onnxDataType[value.type],
        raw_data: bytes,
      })),
      input: builder.inputs.map(valueInfo),
      output: outputs.map(valueInfo),
    },
  };
}
