import { BatchNormBase, InstanceNorm1d, InstanceNorm2d, InstanceNorm3d } from '@dl/nn';
import type { Tensor } from '@dl/tensor';
import { float } from '../graph/graph-builder.js';
import type { GraphValue } from '../graph/graph-builder.js';
import type { TraceContext } from '../trace/trace-context.js';
import { singleTensorMapping, type ModuleMapping } from './module-mapping.js';

/**
 * BatchNorm1d/2d/3d in eval mode: y = (x − running_mean)/√(running_var + ε)·γ + β, which is ONNX
 * BatchNormalization in inference mode (runtimes fold it into the preceding convolution).
 */
export const batchNormMapping = singleTensorMapping(BatchNormBase, (context, module, input, output) => {
  context.bind(output, batchNormalization(context, module, context.valueOf(input), output.dtype));
});

function batchNormalization(context: TraceContext, module: BatchNormBase, x: GraphValue, dtype: Tensor['dtype']): GraphValue {
  if (!module.runningMean || !module.runningVar)
    throw context.error(
      module.constructor.name,
      'without running statistics (trackRunningStats: false) it normalizes with batch statistics, which has no ONNX inference mapping',
    );
  const [scale, bias] = affineValues(context, module, dtype);
  const inputs = [x, scale, bias, context.valueOf(module.runningMean), context.valueOf(module.runningVar)];
  return context.node1('BatchNormalization', inputs, { type: dtype, dims: x.dims }, { epsilon: float(module.eps) });
}

/**
 * InstanceNorm1d/2d/3d: with instance statistics (torch's default, no running statistics) ONNX
 * InstanceNormalization, which normalises each [n, c] over every axis after the channels, at any rank;
 * with running statistics in eval mode they normalise per channel exactly as batch norm does, so
 * BatchNormalization. Both read axis 1 as the channels, so an unbatched [C, *] input, a batch of one
 * to torch, gets that batch axis (Unsqueeze) and loses it after (Squeeze). Listed before batch norm,
 * whose class they share.
 */
export const instanceNormMapping: ModuleMapping = {
  matches: (module) => module instanceof InstanceNorm1d || module instanceof InstanceNorm2d || module instanceof InstanceNorm3d,
  emit: (context, module, inputs, output) => {
    const layer = module as InstanceNorm1d | InstanceNorm2d | InstanceNorm3d;
    const input = inputs[0] as Tensor;
    const result = output as Tensor;
    const description = (dims: GraphValue['dims']) => ({ type: result.dtype, dims });
    const unbatched = input.ndim === batchedRank(layer) - 1;
    const given = context.valueOf(input);
    const x = unbatched ? context.node1('Unsqueeze', [given, context.int64s([0])], description([1, ...given.dims])) : given;
    const normalized = layer.trackRunningStats
      ? batchNormalization(context, layer, x, result.dtype)
      : context.node1('InstanceNormalization', [x, ...affineValues(context, layer, result.dtype)], description(x.dims), {
          epsilon: float(layer.eps),
        });
    context.bind(result, unbatched ? context.node1('Squeeze', [normalized, context.int64s([0])], description(given.dims)) : normalized);
  },
};

/** [N, C, L], [N, C, H, W] or [N, C, D, H, W]. */
function batchedRank(layer: InstanceNorm1d | InstanceNorm2d | InstanceNorm3d): number {
  return layer instanceof InstanceNorm1d ? 3 : layer instanceof InstanceNorm2d ? 4 : 5;
}

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
