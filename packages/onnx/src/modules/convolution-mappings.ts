import { Conv1d, Conv2d, ConvTranspose2d, ConvTranspose1d } from '@dl/nn';
import type { Tensor } from '@dl/tensor';
import { int, ints } from '../graph/graph-builder.js';
import { spatialDims } from '../trace/dimensions.js';
import type { TraceContext } from '../trace/trace-context.js';
import { singleTensorMapping } from './module-mapping.js';

/**
 * ONNX pads [begin₀, begin₁, ..., end₀, end₁, ...]. 'same' pads dilation·(k − 1) in total, the odd
 * one at the end (as PyTorch); 'valid' pads nothing.
 */
export function convolutionPads(
  padding: readonly number[] | 'same' | 'valid',
  kernel: readonly number[],
  dilation: readonly number[],
): number[] {
  if (padding === 'valid') return kernel.flatMap(() => [0]).concat(kernel.map(() => 0));
  if (padding === 'same') {
    const totals = kernel.map((size, axis) => dilation[axis]! * (size - 1));
    return [...totals.map((total) => Math.floor(total / 2)), ...totals.map((total) => total - Math.floor(total / 2))];
  }
  return [...padding, ...padding];
}

function emitConvolution(
  context: TraceContext,
  input: Tensor,
  output: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  geometry: { kernel: number[]; stride: number[]; padding: readonly number[] | 'same' | 'valid'; dilation: number[]; groups: number },
): void {
  const x = context.valueOf(input);
  const inputs = [x, context.valueOf(weight), ...(bias ? [context.valueOf(bias)] : [])];
  const value = context.node1(
    'Conv',
    inputs,
    { type: output.dtype, dims: spatialDims(x.dims, output.shape, false) },
    {
      kernel_shape: ints(geometry.kernel),
      strides: ints(geometry.stride),
      pads: ints(convolutionPads(geometry.padding, geometry.kernel, geometry.dilation)),
      dilations: ints(geometry.dilation),
      group: int(geometry.groups),
    },
  );
  context.bind(output, value);
}

export const conv2dMapping = singleTensorMapping(Conv2d, (context, module, input, output) => {
  if (input.ndim !== 4) throw context.error('Conv2d', 'an unbatched [C, H, W] input is not exported; add the batch axis');
  emitConvolution(context, input, output, module.weight, module.bias, {
    kernel: module.kernelSize,
    stride: module.stride,
    padding: module.padding,
    dilation: module.dilation,
    groups: module.groups,
  });
});

export const conv1dMapping = singleTensorMapping(Conv1d, (context, module, input, output) => {
  if (input.ndim !== 3) throw context.error('Conv1d', 'an unbatched [C, L] input is not exported; add the batch axis');
  const padding = module.padding === 'same' || module.padding === 'valid' ? module.padding : [module.padding];
  emitConvolution(context, input, output, module.weight, module.bias, {
    kernel: [module.kernelSize],
    stride: [module.stride],
    padding,
    dilation: [module.dilation],
    groups: module.groups,
  });
});

/** The settings of a transposed convolution, one entry per spatial dim. */
interface TransposedSettings {
  kernel: readonly number[];
  stride: readonly number[];
  padding: readonly number[];
  outputPadding: readonly number[];
  dilation: readonly number[];
}

/**
 * ONNX ConvTranspose: both frameworks store the weight [Cin, Cout/groups, *k] and give
 * out = stride·(in − 1) + dilation·(k − 1) + 1 − 2·padding + outputPadding along each spatial dim.
 */
function emitTransposed(
  context: TraceContext,
  input: Tensor,
  output: Tensor,
  layer: { weight: Tensor; bias: Tensor | null; groups: number },
  settings: TransposedSettings,
): void {
  const x = context.valueOf(input);
  const inputs = [x, context.valueOf(layer.weight), ...(layer.bias ? [context.valueOf(layer.bias)] : [])];
  const value = context.node1(
    'ConvTranspose',
    inputs,
    { type: output.dtype, dims: spatialDims(x.dims, output.shape, false) },
    {
      kernel_shape: ints(settings.kernel),
      strides: ints(settings.stride),
      pads: ints([...settings.padding, ...settings.padding]),
      output_padding: ints(settings.outputPadding),
      dilations: ints(settings.dilation),
      group: int(layer.groups),
    },
  );
  context.bind(output, value);
}

/** ConvTranspose2d as ConvTranspose. */
export const convTranspose2dMapping = singleTensorMapping(ConvTranspose2d, (context, module, input, output) => {
  if (input.ndim !== 4) throw context.error('ConvTranspose2d', 'an unbatched [C, H, W] input is not exported; add the batch axis');
  emitTransposed(context, input, output, module, {
    kernel: module.kernelSize,
    stride: module.stride,
    padding: module.padding,
    outputPadding: module.outputPadding,
    dilation: module.dilation,
  });
});

/** ConvTranspose1d as ConvTranspose with a one-element kernel. */
export const convTranspose1dMapping = singleTensorMapping(ConvTranspose1d, (context, module, input, output) => {
  if (input.ndim !== 3) throw context.error('ConvTranspose1d', 'an unbatched [C, L] input is not exported; add the batch axis');
  emitTransposed(context, input, output, module, {
    kernel: [module.kernelSize],
    stride: [module.stride],
    padding: [module.padding],
    outputPadding: [module.outputPadding],
    dilation: [module.dilation],
  });
});
