import { BatchNormBase, InstanceNorm1d, InstanceNorm2d } from '@dl/nn';
import { float } from '../graph/graph-builder.js';
import type { Tensor } from '@dl/tensor';
import type { GraphValue } from '../graph/graph-builder.js';
import type { TraceContext } from '../trace/trace-context.js';
import { singleTensorMapping, type ModuleMapping } from './module-mapping.js';

/**
 * BatchNorm1d/2d in eval mode: y = (x − running_mean)/√(running_var + ε)·γ + β, which is ONNX
 * BatchNormalization in inference mode (runtimes fold it into the preceding convolution).
 */
export const batchNormMapping = singleTensorMapping(BatchNormBase, (context, module, input, output) => {
  if (!module.runningMean || !module.runningVar)
    throw context.error(
      'BatchNorm',
      'without running statistics (trackRunningStats: false) it normalizes with batch statistics, which has no ONNX inference mapping',
    );
  const x = context.valueOf(input);
  const [scale, bias] = affineValues(context, module, output.dtype);
  const inputs = [x, scale, bias, context.valueOf(module.runningMean), context.valueOf(module.runningVar)];
  context.bind(output, context.node1('BatchNormalization', inputs, { type: output.dtype, dims: x.dims }, { epsilon: float(module.eps) }));
});

/**
 * InstanceNorm1d/2d: with instance statistics (torch's default, no running statistics) ONNX
 * InstanceNormalization; with running statistics in eval mode they normalise per channel exactly as
 * batch norm does, so BatchNormalization. Listed before batch norm, whose class they share.
 */
export const instanceNormMapping: ModuleMapping = {
  matches: (module) => module instanceof InstanceNorm1d || module instanceof InstanceNorm2d,
  emit: (context, module, inputs, output) => {
    const layer = module as InstanceNorm1d | InstanceNorm2d;
    const input = inputs[0] as Tensor;
    const result = output as Tensor;
    if (layer.trackRunningStats) return batchNormMapping.emit(context, module, inputs, output);
    if (input.ndim < 3) throw context.error(layer.constructor.name, 'an unbatched input is not exported; add the batch axis');
    const x = context.valueOf(input);
    const [scale, bias] = affineValues(context, layer, result.dtype);
    context.bind(
      result,
      context.node1('InstanceNormalization', [x, scale, bias], { type: result.dtype, dims: x.dims }, { epsilon: float(layer.eps) }),
    );
  },
};

/** γ and β of a normalisation layer, or constant ones and zeros where it has no affine parameters. */
function affineValues(context: TraceContext, module: BatchNormBase, dtype: string): [GraphValue, GraphValue] {
  const type = dtype === 'float64' ? 'float64' : 'float32';
  const channels = module.numFeatures;
  const scale = module.weight
    ? context.valueOf(module.weight)
    : context.builder.floatConstant(new Array(channels).fill(1), type, [channels], 'scale');
  const bias = module.bias
    ? context.valueOf(module.bias)
    : context.builder.floatConstant(new Array(channels).fill(0), type, [channels], 'bias');
  return [scale, bias];
}
