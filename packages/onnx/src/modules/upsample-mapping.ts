import { Upsample } from '@dl/nn';
import { float, ints, string } from '../graph/graph-builder.js';
import { isDynamic } from '../trace/dimensions.js';
import { singleTensorMapping } from './module-mapping.js';

/**
 * Upsample (and UpsamplingNearest2d / UpsamplingBilinear2d) as ONNX Resize, with the coordinate rule
 * torch's kernels use: nearest reads ⌊dst · in/out⌋ ('asymmetric', nearest_mode 'floor'), nearest-exact
 * ⌊(dst + ½) · in/out⌋ ('half_pixel', nearest_mode 'round_prefer_ceil'); linear
 * samples at (dst + ½)·in/out − ½ clamped at 0 ('pytorch_half_pixel') or dst·(in − 1)/(out − 1)
 * ('align_corners'); trilinear is linear on three axes; bicubic is Resize's cubic with torch's
 * a = −0.75 at (dst + ½)·in/out − ½, not clamped ('half_pixel'). A scale factor becomes Resize's
 * `scales` (ONNX then maps by 1/scale, as torch does); a size becomes `sizes`, which in opset 17 fixes
 * every axis, batch included. 'area' (adaptive average pooling: output i averages the inputs
 * ⌊i·in/out⌋ … ⌈(i + 1)·in/out⌉ − 1) has no Resize mode; where every axis shrinks by a whole factor k its
 * windows are k wide at stride k, which is AveragePool, and where every axis grows by a whole factor
 * each window is the one input ⌊i·in/out⌋, which is nearest; other sizes are refused.
 */
export const upsampleMapping = singleTensorMapping(Upsample, (context, module, input, output) => {
  const { scaleFactor, alignCorners = false, recomputeScaleFactor = false } = module.options;
  let mode = module.options.mode ?? 'nearest';
  const x = context.valueOf(input);
  if (mode === 'area') {
    const sizes = { input: input.shape.slice(2), output: output.shape.slice(2) };
    if (x.dims.slice(2).some(isDynamic)) throw context.error('Upsample', "mode 'area' with a dynamic spatial axis has no ONNX mapping");
    if (sizes.input.every((extent, axis) => extent % sizes.output[axis]! === 0)) {
      const kernel = sizes.input.map((extent, axis) => extent / sizes.output[axis]!);
      const dims = [x.dims[0]!, x.dims[1]!, ...sizes.output];
      context.bind(
        output,
        context.node1('AveragePool', [x], { type: output.dtype, dims }, { kernel_shape: ints(kernel), strides: ints(kernel) }),
      );
      return;
    }
    if (!sizes.output.every((extent, axis) => extent % sizes.input[axis]! === 0))
      throw context.error(
        'Upsample',
        `mode 'area' from [${sizes.input}] to [${sizes.output}] has no ONNX mapping: it exports where every axis shrinks by a whole factor (AveragePool) or every axis grows by one (Resize nearest)`,
      );
    mode = 'nearest';
  }
  const spatial = input.ndim - 2;
  const inputs = [x, null];
  if (scaleFactor !== undefined && !recomputeScaleFactor) {
    const factors = typeof scaleFactor === 'number' ? new Array<number>(spatial).fill(scaleFactor) : [...scaleFactor];
    inputs.push(context.builder.floatConstant([1, 1, ...factors], 'float32', [input.ndim]));
  } else {
    if (x.dims.slice(0, 2).some(isDynamic))
      throw context.error(
        'Upsample',
        'a size (or a recomputed scale factor) with a dynamic batch or channel axis needs Resize’s `axes` (opset 18); give scaleFactor',
      );
    inputs.push(null, context.int64s(output.shape));
  }
  const nearest = mode === 'nearest' || mode === 'nearest-exact';
  const transformation =
    mode === 'nearest'
      ? 'asymmetric'
      : alignCorners
        ? 'align_corners'
        : mode === 'bicubic' || mode === 'nearest-exact'
          ? 'half_pixel'
          : 'pytorch_half_pixel';
  const dims = output.shape.map((extent, axis) => (axis < 2 ? (x.dims[axis] ?? extent) : isDynamic(x.dims[axis]) ? null : extent));
  const attributes = {
    mode: string(nearest ? 'nearest' : mode === 'bicubic' ? 'cubic' : 'linear'),
    coordinate_transformation_mode: string(transformation),
    // 'nearest-exact' reads ⌊(dst + ½)·in/out⌋: half_pixel's (dst + ½)·in/out − ½ rounded half up
    ...(nearest ? { nearest_mode: string(mode === 'nearest' ? 'floor' : 'round_prefer_ceil') } : {}),
    ...(mode === 'bicubic' ? { cubic_coeff_a: float(-0.75) } : {}),
  };
  context.bind(output, context.node1('Resize', inputs, { type: output.dtype, dims }, attributes));
});
