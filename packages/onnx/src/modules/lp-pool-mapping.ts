import { LPPool1d, LPPool2d } from '@dl/nn';
import type { Tensor } from '@dl/tensor';
import { int, ints, type GraphValue } from '../graph/graph-builder.js';
import { isDynamic, spatialDims } from '../trace/dimensions.js';
import type { TraceContext } from '../trace/trace-context.js';
import type { ModuleMapping } from './module-mapping.js';

/** One LP pooling layer's windows, one entry per spatial axis. */
interface Windows {
  kernel: number[];
  stride: number[];
}

function windowsOf(module: LPPool1d | LPPool2d): Windows {
  const pair = (size: number | readonly number[]) => (typeof size === 'number' ? [size, size] : [...size]);
  if (module instanceof LPPool1d) return { kernel: [module.kernelSize], stride: [module.stride ?? module.kernelSize] };
  const kernel = pair(module.kernelSize);
  return { kernel, stride: module.stride == null ? kernel : pair(module.stride) };
}

/**
 * ONNX LpPool computes (Σ |x|^p)^(1/p) over each window. torch's lp_pool1d/2d (and @dl's) compute
 * (kernel cells · avg_pool(x^p))^(1/p), where its sign(f)·relu(|f|) of the average f is f itself. The
 * two agree when p is an even positive integer (x^p = |x|^p, and LpPool's p is an integer) and every
 * window lies inside the input, so that kernel cells · average is the window's sum. With ceil mode the
 * last window may hang over the end: torch averages its real cells and still multiplies by the full
 * kernel size, which LpPool does not. An odd or fractional p differs for negative inputs (torch gives
 * a negative sum, or NaN where 1/p of a negative sum is not real; LpPool the norm of |x|).
 */
function isLpPool(normType: number, ceilMode: boolean): boolean {
  return !ceilMode && Number.isInteger(normType) && normType > 0 && normType % 2 === 0;
}

/**
 * LPPool1d and LPPool2d: ONNX LpPool where it computes torch's value (see isLpPool), torch's own
 * formula otherwise: Pow(x, p), AveragePool (no padding; with ceil mode a window over the end is
 * averaged over its real cells, count_include_pad = 0), Mul by the kernel's cell count, Pow(·, 1/p).
 */
function emitLpPool(context: TraceContext, module: LPPool1d | LPPool2d, input: Tensor, output: Tensor): void {
  const name = module.constructor.name;
  const spatial = module instanceof LPPool1d ? 1 : 2;
  if (input.ndim !== spatial + 2)
    throw context.error(name, `an unbatched ${spatial === 1 ? '[C, L]' : '[C, H, W]'} input is not exported; add the batch axis`);
  if (output.dtype !== 'float32' && output.dtype !== 'float64') throw context.error(name, `a ${output.dtype} input is not exported`);
  const { kernel, stride } = windowsOf(module);
  const x = context.valueOf(input);
  const dims = spatialDims(x.dims, output.shape, true);
  const type = output.dtype;
  input.shape.slice(2).forEach((extent, axis) => {
    // ONNX's ceil-mode output size, ⌈(n − k)/s⌉ + 1, keeps a last window that starts past the input,
    // which torch drops
    if (
      module.ceilMode &&
      !isDynamic(x.dims[axis + 2]) &&
      Math.ceil((extent - kernel[axis]!) / stride[axis]!) + 1 !== output.shape[axis + 2]
    )
      throw context.error(name, `with ceilMode, the last window along spatial axis ${axis} starts past the input; ONNX would keep it`);
  });
  const windows = { kernel_shape: ints(kernel), strides: ints(stride), pads: ints([...kernel.map(() => 0), ...kernel.map(() => 0)]) };
  if (isLpPool(module.normType, module.ceilMode)) {
    context.bind(output, context.node1('LpPool', [x], { type, dims }, { ...windows, p: int(module.normType) }));
    return;
  }
  const scalar = (value: number): GraphValue => context.builder.floatConstant([value], type, []);
  const powered = context.node1('Pow', [x, scalar(module.normType)], { type, dims: x.dims });
  const averages = context.node1(
    'AveragePool',
    [powered],
    { type, dims },
    { ...windows, ceil_mode: int(module.ceilMode ? 1 : 0), count_include_pad: int(0) },
  );
  const cells = kernel.reduce((product, extent) => product * extent, 1);
  const sums = context.node1('Mul', [averages, scalar(cells)], { type, dims });
  context.bind(output, context.node1('Pow', [sums, scalar(1 / module.normType)], { type, dims }));
}

export const lpPoolMapping: ModuleMapping = {
  matches: (module) => module instanceof LPPool1d || module instanceof LPPool2d,
  emit: (context, module, inputs, output) => emitLpPool(context, module as LPPool1d | LPPool2d, inputs[0] as Tensor, output as Tensor),
};
