import { AdaptiveAvgPool2d, AdaptiveAvgPool3d, AvgPool2d, AvgPool3d, MaxPool2d, MaxPool3d } from '@dl/nn';
import { int, ints } from '../graph/graph-builder.js';
import { isDynamic, spatialDims } from '../trace/dimensions.js';
import { singleTensorMapping } from './module-mapping.js';

/** The unbatched input each rank refuses, as its error names it. */
const unbatched = { 2: '[C, H, W]', 3: '[C, D, H, W]' } as const;

/** MaxPool2d and MaxPool3d: both pad with −∞ and take the window maximum; ceil mode and dilation carry over. */
function maxPoolMapping(Layer: typeof MaxPool2d | typeof MaxPool3d, spatial: 2 | 3) {
  return singleTensorMapping<MaxPool2d | MaxPool3d>(Layer, (context, module, input, output) => {
    const name = module.constructor.name;
    if (input.ndim !== spatial + 2)
      throw context.error(name, `an unbatched ${unbatched[spatial]} input is not exported; add the batch axis`);
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
}

/** AvgPool2d and AvgPool3d: countIncludePad is ONNX's count_include_pad; a divisor override has no ONNX form. */
function avgPoolMapping(Layer: typeof AvgPool2d | typeof AvgPool3d, spatial: 2 | 3) {
  return singleTensorMapping<AvgPool2d | AvgPool3d>(Layer, (context, module, input, output) => {
    const name = module.constructor.name;
    if (input.ndim !== spatial + 2)
      throw context.error(name, `an unbatched ${unbatched[spatial]} input is not exported; add the batch axis`);
    if (module.divisorOverride !== undefined) throw context.error(name, 'divisorOverride has no ONNX mapping');
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
}

/**
 * AdaptiveAvgPool2d and AdaptiveAvgPool3d: an output of one element per channel is GlobalAveragePool
 * (any input size); otherwise, when the input divides evenly, the windows are all k = in/out wide
 * with stride k, which is AveragePool.
 */
function adaptiveAvgPoolMapping(Layer: typeof AdaptiveAvgPool2d | typeof AdaptiveAvgPool3d, spatial: 2 | 3) {
  return singleTensorMapping<AdaptiveAvgPool2d | AdaptiveAvgPool3d>(Layer, (context, module, input, output) => {
    const name = module.constructor.name;
    if (input.ndim !== spatial + 2)
      throw context.error(name, `an unbatched ${unbatched[spatial]} input is not exported; add the batch axis`);
    const x = context.valueOf(input);
    const outputSizes = output.shape.slice(2);
    const dims = [x.dims[0]!, x.dims[1]!, ...outputSizes];
    if (outputSizes.every((extent) => extent === 1)) {
      context.bind(output, context.node1('GlobalAveragePool', [x], { type: output.dtype, dims }));
      return;
    }
    const inputSizes = input.shape.slice(2);
    if (inputSizes.some((extent, axis) => extent % outputSizes[axis]! !== 0) || x.dims.slice(2).some(isDynamic))
      throw context.error(name, `windows of unequal size (${inputSizes.join('×')} to ${outputSizes.join('×')}) have no ONNX mapping`);
    const kernel = inputSizes.map((extent, axis) => extent / outputSizes[axis]!);
    context.bind(
      output,
      context.node1('AveragePool', [x], { type: output.dtype, dims }, { kernel_shape: ints(kernel), strides: ints(kernel) }),
    );
  });
}

export const maxPool2dMapping = maxPoolMapping(MaxPool2d, 2);
export const maxPool3dMapping = maxPoolMapping(MaxPool3d, 3);
export const avgPool2dMapping = avgPoolMapping(AvgPool2d, 2);
export const avgPool3dMapping = avgPoolMapping(AvgPool3d, 3);
export const adaptiveAvgPool2dMapping = adaptiveAvgPoolMapping(AdaptiveAvgPool2d, 2);
export const adaptiveAvgPool3dMapping = adaptiveAvgPoolMapping(AdaptiveAvgPool3d, 3);
