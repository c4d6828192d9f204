import { AdaptiveAvgPool2d, AvgPool2d, MaxPool2d } from '@dl/nn';
import { int, ints } from '../graph/graph-builder.js';
import { isDynamic, spatialDims } from '../trace/dimensions.js';
import { singleTensorMapping } from './module-mapping.js';

/** MaxPool2d: both pad with −∞ and take the window maximum; ceil mode and dilation carry over. */
export const maxPool2dMapping = singleTensorMapping(MaxPool2d, (context, module, input, output) => {
  if (input.ndim !== 4) throw context.error('MaxPool2d', 'an unbatched [C, H, W] input is not exported; add the batch axis');
  const x = context.valueOf(input);
  const [value] = context.node('MaxPool', [x], [{ type: output.dtype, dims: spatialDims(x.dims, output.shape, true) }], {
    kernel_shape: ints(module.kernelSize),
    strides: ints(module.stride),
    pads: ints([...module.padding, ...module.padding]),
    dilations: ints(module.dilation),
    ceil_mode: int(module.ceilMode ? 1 : 0),
  });
  context.bind(output, value!);
});

/** AvgPool2d: countIncludePad is ONNX's count_include_pad; a divisor override has no ONNX form. */
export const avgPool2dMapping = singleTensorMapping(AvgPool2d, (context, module, input, output) => {
  if (input.ndim !== 4) throw context.error('AvgPool2d', 'an unbatched [C, H, W] input is not exported; add the batch axis');
  if (module.divisorOverride !== undefined) throw context.error('AvgPool2d', 'divisorOverride has no ONNX mapping');
  const x = context.valueOf(input);
  const value = context.node1(
    'AveragePool',
    [x],
    { type: output.dtype, dims: spatialDims(x.dims, output.shape, true) },
    {
      kernel_shape: ints(module.kernelSize),
      strides: ints(module.stride),
      pads: ints([...module.padding, ...module.padding]),
      ceil_mode: int(module.ceilMode ? 1 : 0),
      count_include_pad: int(module.countIncludePad ? 1 : 0),
    },
  );
  context.bind(output, value);
});

/**
 * AdaptiveAvgPool2d: a 1×1 output is GlobalAveragePool (any input size); otherwise, when the input
 * divides evenly, the windows are all k = in/out wide with stride k, which is AveragePool.
 */
export const adaptiveAvgPool2dMapping = singleTensorMapping(AdaptiveAvgPool2d, (context, _module, input, output) => {
  if (input.ndim !== 4) throw context.error('AdaptiveAvgPool2d', 'an unbatched [C, H, W] input is not exported; add the batch axis');
  const x = context.valueOf(input);
  const [outputHeight, outputWidth] = output.shape.slice(2) as [number, number];
  const dims = [x.dims[0]!, x.dims[1]!, outputHeight, outputWidth];
  if (outputHeight === 1 && outputWidth === 1) {
    context.bind(output, context.node1('GlobalAveragePool', [x], { type: output.dtype, dims }));
    return;
  }
  const [height, width] = input.shape.slice(2) as [number, number];
  if (height % outputHeight !== 0 || width % outputWidth !== 0 || isDynamic(x.dims[2]) || isDynamic(x.dims[3]))
    throw context.error(
      'AdaptiveAvgPool2d',
      `windows of unequal size (${height}×${width} to ${outputHeight}×${outputWidth}) have no ONNX mapping`,
    );
  const kernel = [height / outputHeight, width / outputWidth];
  context.bind(
    output,
    context.node1('AveragePool', [x], { type: output.dtype, dims }, { kernel_shape: ints(kernel), strides: ints(kernel) }),
  );
});
