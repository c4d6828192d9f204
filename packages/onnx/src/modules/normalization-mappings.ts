import { BatchNormBase } from '@dl/nn';
import { float } from '../graph/graph-builder.js';
import { singleTensorMapping } from './module-mapping.js';

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
  const type = output.dtype === 'float64' ? 'float64' : 'float32';
  const channels = module.numFeatures;
  const scale = module.weight
    ? context.valueOf(module.weight)
    : context.builder.floatConstant(new Array(channels).fill(1), type, [channels], 'scale');
  const bias = module.bias
    ? context.valueOf(module.bias)
    : context.builder.floatConstant(new Array(channels).fill(0), type, [channels], 'bias');
  const inputs = [x, scale, bias, context.valueOf(module.runningMean), context.valueOf(module.runningVar)];
  context.bind(output, context.node1('BatchNormalization', inputs, { type: output.dtype, dims: x.dims }, { epsilon: float(module.eps) }));
});
