import { Upsample } from '@dl/nn';
import { string } from '../graph/graph-builder.js';
import { isDynamic } from '../trace/dimensions.js';
import { singleTensorMapping } from './module-mapping.js';

/**
 * Upsample (and UpsamplingNearest2d / UpsamplingBilinear2d) as ONNX Resize, with the coordinate rule
 * torch's kernels use: nearest reads ⌊dst · in/out⌋ ('asymmetric', nearest_mode 'floor'); linear
 * samples at (dst + ½)·in/out − ½ clamped at 0 ('pytorch_half_pixel') or dst·(in − 1)/(out − 1)
 * ('align_corners'). A scale factor becomes Resize's `scales` (ONNX then maps by 1/scale, as torch
 * does); a size becomes `sizes`, which in opset 17 fixes every axis, batch included.
 */
export const upsampleMapping = singleTensorMapping(Upsample, (context, module, input, output) => {
  const { scaleFactor, mode = 'nearest', alignCorners = false, recomputeScaleFactor = false } = module.options;
  const x = context.valueOf(input);
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
  const transformation = mode === 'nearest' ? 'asymmetric' : alignCorners ? 'align_corners' : 'pytorch_half_pixel';
  const dims = output.shape.map((extent, axis) => (axis < 2 ? (x.dims[axis] ?? extent) : isDynamic(x.dims[axis]) ? null : extent));
  const attributes = {
    mode: string(mode === 'nearest' ? 'nearest' : 'linear'),
    coordinate_transformation_mode: string(transformation),
    ...(mode === 'nearest' ? { nearest_mode: string('floor') } : {}),
  };
  context.bind(output, context.node1('Resize', inputs, { type: output.dtype, dims }, attributes));
});
