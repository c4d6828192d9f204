import { isModule, type Module, writeFileAtomic } from '@dl/nn';
import { describeValue, isTensor, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { checkExportOptions, type ExportOnnxOptions } from './export-options.js';
import { modelMessage } from './graph/model-message.js';
import { pruneUnused } from './graph/prune.js';
import { encodeModel } from './protobuf/model-codec.js';
import { traceModule } from './trace/trace-module.js';

const producerVersion = '0.0.0';

/**
 * Exports `module` to ONNX: runs it once on `exampleInputs` in eval mode (dropout off, batch norm on
 * its running statistics; the module's modes are restored afterwards), records what it computes and
 * returns the ModelProto bytes. Parameters and buffers are initializers named as in the state dict.
 * An op without an ONNX mapping fails the export with an error naming the op and the module path.
 * @example
 * const bytes = exportOnnx(model, [zeros([1, 1, 28, 28])], { dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } } });
 */
export function exportOnnx(
  module: Module,
  exampleInputs: Tensor | readonly Tensor[],
  options: ExportOnnxOptions = {},
  ...extra: never[]
): Uint8Array {
  refuseExtraArguments('exportOnnx', ['module', 'exampleInputs', 'options'], extra);
  if (!isModule(module)) throw new Error(`exportOnnx: expects a module to export, got ${describeValue(module)}`);
  const inputs = isTensor(exampleInputs) ? [exampleInputs] : Array.isArray(exampleInputs) ? [...exampleInputs] : [];
  if (inputs.length === 0 || !inputs.every((input) => isTensor(input)))
    throw new Error(`exportOnnx: exampleInputs must be a tensor or an array of tensors, got ${describeValue(exampleInputs)}`);
  const checked = checkExportOptions(options, inputs);
  const { builder, outputs } = traceModule(module, inputs, checked);
  const outputNames = checked.outputNames ?? outputs.map((_, index) => (outputs.length === 1 ? 'output' : `output_${index}`));
  if (outputNames.length !== outputs.length)
    throw new Error(`exportOnnx: outputNames has ${outputNames.length} names for ${outputs.length} outputs`);
  const named = outputs.map((value, index) => {
    const name = outputNames[index]!;
    // a graph output must be produced by a node under its own name: inputs, initializers and a value
    // returned twice go through an Identity
    const shared = !builder.isNodeOutput(value) || outputs.indexOf(value) !== index;
    const output = shared ? builder.addNode('Identity', [value], [{ type: value.type, dims: value.dims }])[0]! : value;
    builder.rename(output, name);
    const axes = checked.dynamicAxes[name] ?? {};
    output.dims = output.dims.map((dimension, axis) => axes[axis] ?? dimension);
    return output;
  });
  pruneUnused(builder, named);
  return encodeModel(
    modelMessage(builder, named, { opsetVersion: checked.opsetVersion, graphName: module.constructor.name, producerVersion }),
  );
}

/**
 * `exportOnnx` written to `path` atomically (Node only), as checkpoints are: a crash leaves the old
 * file or the new one, never a torn mix. Errors name `saveOnnx` (and keep Node's `code`); in a
 * browser, where no path can be written, the error says to use `exportOnnx`'s bytes instead.
 * @example
 * await saveOnnx('model.onnx', model, [zeros([1, 1, 28, 28])]);
 */
export async function saveOnnx(
  path: string,
  module: Module,
  exampleInputs: Tensor | readonly Tensor[],
  options: ExportOnnxOptions = {},
  ...extra: never[]
): Promise<void> {
  refuseExtraArguments('saveOnnx', ['path', 'module', 'exampleInputs', 'options'], extra);
  const bytes = exportOnnx(module, exampleInputs, options);
  try {
    await writeFileAtomic(path, bytes);
  } catch (error) {
    const message = (error as Error).message;
    const browserHint = /only in Node/.test(message) ? ' (exportOnnx(module, exampleInputs) returns the model as bytes)' : '';
    const wrapped = new Error(`saveOnnx: ${message}${browserHint}`, { cause: error }) as Error & { code?: unknown };
    if ((error as { code?: unknown }).code !== undefined) wrapped.code = (error as { code?: unknown }).code;
    throw wrapped;
  }
}
