import { describeValue, refuseExtraArguments } from '@dl/tensor';
import { decodeModel } from '../protobuf/model-codec.js';

/** What `checkOnnxModel` read from a model that passed. */
export interface OnnxModelSummary {
  irVersion: number;
  opsets: { domain: string; version: number }[];
  inputs: { name: string; elementType: number; dims: (number | string | null)[] }[];
  outputs: { name: string; elementType: number; dims: (number | string | null)[] }[];
  initializers: string[];
  operators: string[];
}

type Message = Record<string, any>;

function typedValues(label: string, values: Message[] | undefined, problems: string[]) {
  return (values ?? []).map((value) => {
    const tensor = value.type?.tensor_type;
    if (!value.name) problems.push(`a graph ${label} has no name`);
    if (!tensor || !tensor.elem_type) problems.push(`graph ${label} '${value.name}' has no tensor element type`);
    if (!tensor?.shape) problems.push(`graph ${label} '${value.name}' has no shape`);
    const dims = ((tensor?.shape?.dim ?? []) as Message[]).map((dimension) => dimension.dim_value ?? dimension.dim_param ?? null);
    return { name: value.name as string, elementType: (tensor?.elem_type ?? 0) as number, dims };
  });
}

/**
 * The structural rules of ONNX's checker, in TypeScript: IR version and opset imports present; graph
 * inputs and outputs named and typed; initializer names unique; every value defined once (SSA) and
 * before it is read (nodes in topological order); every graph output produced. Throws listing every
 * broken rule; returns a summary otherwise.
 * @example
 * checkOnnxModel(exportOnnx(model, [x])).operators; // ['Conv', 'Relu', ...]
 */
export function checkOnnxModel(bytes: Uint8Array, ...extra: never[]): OnnxModelSummary {
  refuseExtraArguments('checkOnnxModel', ['bytes'], extra);
  if (!(bytes instanceof Uint8Array))
    throw new Error(`checkOnnxModel: expects the model's bytes (a Uint8Array), got ${describeValue(bytes)}`);
  const model = decodeModel(bytes) as Message;
  const problems: string[] = [];
  if (!model.ir_version) problems.push('ir_version is missing');
  const opsets = ((model.opset_import ?? []) as Message[]).map((opset) => ({
    domain: (opset.domain ?? '') as string,
    version: Number(opset.version ?? 0),
  }));
  if (!opsets.some((opset) => opset.domain === '' && opset.version > 0)) problems.push('no opset import for the default domain');
  const graph = model.graph as Message | undefined;
  if (!graph) throw new Error('ONNX check: the model has no graph');
  const inputs = typedValues('input', graph.input, problems);
  const outputs = typedValues('output', graph.output, problems);
  const defined = new Set<string>();
  const define = (name: string, what: string) => {
    if (defined.has(name)) problems.push(`${what} '${name}' is defined twice`);
    defined.add(name);
  };
  const initializers = ((graph.initializer ?? []) as Message[]).map((initializer) => {
    if (!initializer.name) problems.push('an initializer has no name');
    if (!initializer.data_type) problems.push(`initializer '${initializer.name}' has no data type`);
    define(initializer.name, 'initializer');
    return initializer.name as string;
  });
  for (const input of inputs) if (!initializers.includes(input.name)) define(input.name, 'graph input');
  const operators = new Set<string>();
  for (const node of (graph.node ?? []) as Message[]) {
    if (!node.op_type) problems.push(`node '${node.name}' has no op_type`);
    operators.add(node.op_type);
    for (const input of (node.input ?? []) as string[])
      if (input !== '' && !defined.has(input)) problems.push(`node '${node.name}' (${node.op_type}) reads '${input}' before it is defined`);
    for (const output of (node.output ?? []) as string[]) define(output, `output of node '${node.name}'`);
  }
  for (const output of outputs) if (!defined.has(output.name)) problems.push(`graph output '${output.name}' is never produced`);
  if (problems.length > 0) throw new Error(`ONNX check failed:\n  ${problems.join('\n  ')}`);
  return { irVersion: Number(model.ir_version), opsets, inputs, outputs, initializers, operators: [...operators] };
}
