import { Upsample } from '@dl/nn';
import { type Dimension, float, type GraphValue, ints, string } from '../graph/graph-builder.js';
import type { TraceContext } from '../trace/trace-context.js';
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
  const factors =
    scaleFactor !== undefined && !recomputeScaleFactor
      ? typeof scaleFactor === 'number'
        ? new Array<number>(spatial).fill(scaleFactor)
        : [...scaleFactor]
      : undefined;
  if (factors === undefined && x.dims.slice(0, 2).some(isDynamic))
    throw context.error(
      'Upsample',
      'a size (or a recomputed scale factor) with a dynamic batch or channel axis needs Resize’s `axes` (opset 18); give scaleFactor',
    );
  const nearest = mode === 'nearest' || mode === 'nearest-exact';
  const transformation =
    mode === 'nearest'
      ? 'asymmetric'
      : alignCorners
        ? 'align_corners'
        : mode === 'bicubic' || mode === 'nearest-exact'
          ? 'half_pixel'
          : 'pytorch_half_pixel';
  const attributes = (coordinates: string) => ({
    mode: string(nearest ? 'nearest' : mode === 'bicubic' ? 'cubic' : 'linear'),
    coordinate_transformation_mode: string(coordinates),
    // 'nearest-exact' reads ⌊(dst + ½)·in/out⌋: half_pixel's (dst + ½)·in/out − ½ rounded half up
    ...(nearest ? { nearest_mode: string(mode === 'nearest' ? 'floor' : 'round_prefer_ceil') } : {}),
    ...(mode === 'bicubic' ? { cubic_coeff_a: float(-0.75) } : {}),
  });
  const outputDims = output.shape.map((extent, axis) => (axis < 2 ? (x.dims[axis] ?? extent) : isDynamic(x.dims[axis]) ? null : extent));
  const sampledOnce = transformation === 'pytorch_half_pixel' ? axesSampledOnce(x.dims, output.shape, factors) : [];
  const resizeAxes = (from: GraphValue, axes: number[], coordinates: string): GraphValue => {
    const resized = (axis: number) => axis >= 2 && axes.includes(axis - 2);
    const dims = from.dims.map((extent, axis) => (resized(axis) ? outputDims[axis]! : extent));
    const target = factors
      ? [
          null,
          context.builder.floatConstant(
            output.shape.map((_, axis) => (resized(axis) ? factors[axis - 2]! : 1)),
            'float32',
            [input.ndim],
          ),
        ]
      : [null, null, context.int64s(sizes(context, from.dims, output.shape, resized))];
    return context.node1('Resize', [from, ...target], { type: output.dtype, dims }, attributes(coordinates));
  };
  const allAxes = Array.from({ length: spatial }, (_, axis) => axis);
  if (sampledOnce.length === 0) return context.bind(output, resizeAxes(x, allAxes, transformation));
  // torch samples an output axis of length 1 at in/2 − ½ (with a scale factor s, ½/s − ½), where
  // pytorch_half_pixel reads 0; half_pixel reads (0 + ½)·in/1 − ½, never negative there, so its lack of
  // pytorch_half_pixel's clamp at 0 does not matter: those axes are resized first with half_pixel, the
  // others after with pytorch_half_pixel
  const others = allAxes.filter((axis) => !sampledOnce.includes(axis));
  const once = resizeAxes(x, sampledOnce, 'half_pixel');
  context.bind(output, others.length === 0 ? once : resizeAxes(once, others, transformation));
});

/**
 * The spatial axes (0 for the first after the channels) that a linear resize may shrink to length 1
 * from a longer axis: a static output of extent 1, or a dynamic input axis with a scale factor below 1
 * (⌊in·s⌋ is 1 for some in ≥ 2). An axis of input length 1 reads its one element whatever the coordinate.
 */
function axesSampledOnce(
  inputDims: readonly Dimension[],
  outputShape: readonly number[],
  factors: readonly number[] | undefined,
): number[] {
  const axes: number[] = [];
  for (let axis = 2; axis < outputShape.length; axis++) {
    const dynamic = isDynamic(inputDims[axis]);
    const shrinksToOne = dynamic ? factors !== undefined && factors[axis - 2]! < 1 : outputShape[axis] === 1 && inputDims[axis] !== 1;
    if (shrinksToOne) axes.push(axis - 2);
  }
  return axes;
}

/**
 * Resize's `sizes`, which opset 17 needs on every axis: the requested size on the resized axes, the
 * input's extent on the others (for the first of two Resizes), which must then be static.
 */
function sizes(
  context: TraceContext,
  inputDims: readonly Dimension[],
  outputShape: readonly number[],
  resized: (axis: number) => boolean,
): number[] {
  return outputShape.map((extent, axis) => {
    if (resized(axis) || axis < 2) return extent;
    const given = inputDims[axis];
    if (typeof given === 'number') return given;
    throw context.error(
      'Upsample',
      `a linear resize to size [${outputShape.slice(2)}] samples its axes of length 1 in a first Resize, which would keep the dynamic axis ${axis}: that needs Resize's \`axes\` (opset 18); give scaleFactor or a static input`,
    );
  });
}
