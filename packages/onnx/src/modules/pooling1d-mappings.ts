import { AdaptiveAvgPool1d, AvgPool1d, MaxPool1d } from '@dl/nn';
import { int, ints } from '../graph/graph-builder.js';
import { isDynamic, spatialDims } from '../trace/dimensions.js';
import { singleTensorMapping } from './module-mapping.js';

// The 1-d pooling layers: ONNX's pooling operators take [N, C, L] inputs with one-element kernels.

/** MaxPool1d as MaxPool (−∞ padding, window maximum; ceil mode and dilation carry over). */
export const maxPool1dMapping = singleTensorMapping(MaxPool1d, (context, module, input, output) => {
  if (input.ndim !== 3) throw context.error('MaxPool1d', 'an unbatched [C, L] input is not exported; add the batch axis');
  const x = context.valueOf(input);
  const { stride, padding = 0, dilation = 1, ceilMode = false } = module.options;
  const value = context.node1(
    'MaxPool',
    [x],
    { type: output.dtype, dims: spatialDims(x.dims, output.shape, true) },
    {
      kernel_shape: ints([module.kernelSize]),
      strides: ints([stride ?? module.kernelSize]),
      pads: ints([padding, padding]),
      dilations: ints([dilation]),
      ceil_mode: int(ceilMode ? 1 : 0),
    },
  );
  context.bind(output, value);
});

/** AvgPool1d as AveragePool; countIncludePad is ONNX's count_include_pad. */
export const avgPool1dMapping = singleTensorMapping(AvgPool1d, (context, module, input, output) => {
  if (input.ndim !== 3) throw context.error('AvgPool1d', 'an unbatched [C, L] input is not exported; add the batch axis');
  const x = context.valueOf(input);
  const { stride, padding = 0, ceilMode = false, countIncludePad = true } = module.options;
  const value = context.node1(
    'AveragePool',
    [x],
    { type: output.dtype, dims: spatialDims(x.dims, output.shape, true) },
    {
      kernel_shape: ints([module.kernelSize]),
      strides: ints([stride ?? module.kernelSize]),
      pads: ints([padding, padding]),
      ceil_mode: int(ceilMode ? 1 : 0),
      count_include_pad: int(countIncludePad ? 1 : 0),
    },
  );
  context.bind(output, value);
});

/** AdaptiveAvgPool1d: length 1 is GlobalAveragePool; an input that divides evenly is AveragePool with k = in/out. */
export const adaptiveAvgPool1dMapping = singleTensorMapping(AdaptiveAvgPool1d, (context, module, input, output) => {
  if (input.ndim !== 3) throw context.error('AdaptiveAvgPool1d', 'an unbatched [C, L] input is not exported; add the batch axis');
  const x = context.valueOf(input);
  const dims = [x.dims[0]!, x.dims[1]!, module.outputSize];
  if (module.outputSize === 1) {
    context.bind(output, context.node1('GlobalAveragePool', [x], { type: output.dtype, dims }));
    return;
  }
  const length = input.shape[2]!;
  if (length % module.outputSize !== 0 || isDynamic(x.dims[2]))
    throw context.error('AdaptiveAvgPool1d', `windows of unequal size (${length} to ${module.outputSize}) have no ONNX mapping`);
  const kernel = length / module.outputSize;
  context.bind(
    output,
    context.node1('AveragePool', [x], { type: output.dtype, dims }, { kernel_shape: ints([kernel]), strides: ints([kernel]) }),
  );
});
