import { formatShape } from '../core/shape.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { add } from './elementwise.js';
import { cat, pad } from './join.js';
import { matmul } from './linalg.js';
import { reshape, slice, squeeze, unsqueeze, transpose } from './views.js';
import { checkRank, foldPrimitive, pair, unfoldPrimitive, windowGeometry, type Pair } from './window.js';
import { conv2dInputGradient, conv2dPrimitive, fusedConvolution } from './convolution-primitives.js';
import { readArguments } from '../core/options.js';
import { checkLayerDtypes } from './same-dtype.js';
import { checkLive } from '../core/tensor-arguments.js';

export interface Conv2dOptions {
  stride?: Pair;
  /** Zero padding per side, or 'valid' (0) / 'same' (output size = input size; stride 1 only). */
  padding?: Pair | 'valid' | 'same';
  dilation?: Pair;
  groups?: number;
}

/** Stride, padding, output padding, dilation and groups of a transposed convolution. */
export interface ConvTranspose2dOptions {
  stride?: Pair;
  padding?: Pair;
  /** Added to one side of the output, to pick among the sizes a stride maps to one input size. */
  outputPadding?: Pair;
  dilation?: Pair;
  groups?: number;
}

/** Stride, padding, dilation and groups of a 1-d convolution. */
export interface Conv1dOptions {
  stride?: number;
  /** Zero padding per side, or 'valid' (0) / 'same' (output length = input length; stride 1 only). */
  padding?: number | 'valid' | 'same';
  dilation?: number;
  groups?: number;
}

/** Stride, padding, output padding, dilation and groups of a transposed 1-d convolution. */
export interface ConvTranspose1dOptions {
  stride?: number;
  padding?: number;
  outputPadding?: number;
  dilation?: number;
  groups?: number;
}

// torch.nn.functional's order after the weight, each positional or by keyword (readArguments)
const CONV_ARGUMENTS = ['bias', 'stride', 'padding', 'dilation', 'groups'];
const CONV_TRANSPOSE_ARGUMENTS = ['bias', 'stride', 'padding', 'outputPadding', 'groups', 'dilation'];

/** Runs `body` once per group on matching channel slices of input and weight, joining outputs on dim 1. */
function perGroup(groups: number, input: Tensor, weight: Tensor, body: (x: Tensor, w: Tensor) => Tensor, weightGroupDim = 0): Tensor {
  if (groups === 1) return body(input, weight);
  const inputPerGroup = input.shape[1]! / groups;
  const weightPerGroup = weight.shape[weightGroupDim]! / groups;
  const outputs: Tensor[] = [];
  for (let g = 0; g < groups; g++) {
    const x = slice(input, 1, g * inputPerGroup, (g + 1) * inputPerGroup);
    const w = slice(weight, weightGroupDim, g * weightPerGroup, (g + 1) * weightPerGroup);
    outputs.push(body(x, w));
  }
  return cat(outputs, 1);
}

/**
 * 2-D cross-correlation as torch.nn.functional.conv2d: input [N, C, H, W], weight [O, C/groups, kh, kw],
 * bias [O]. Computed as im2col then one matrix product: out[n] = W·unfold(x)[n] (on a backend with fused
 * convolution kernels, in one kernel per direction: ops/convolution-primitives.ts).
 */
export function conv2d(input: Tensor, weight: Tensor, bias?: Tensor | null, options?: Conv2dOptions): Tensor;
/** torch's positional order: `conv2d(x, w, b, 2, 1)` is F.conv2d(x, w, b, 2, 1), stride 2 and padding 1. */
export function conv2d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null | undefined,
  stride?: Pair,
  padding?: Conv2dOptions['padding'],
  dilation?: Pair,
  groups?: number,
): Tensor;
export function conv2d(input: Tensor, weight: Tensor, ...rest: unknown[]): Tensor {
  checkLive('conv2d', 'input', input);
  const { bias = null, ...options } = readArguments<Conv2dOptions & { bias?: Tensor | null }>(
    'conv2d',
    rest,
    CONV_ARGUMENTS,
    CONV_ARGUMENTS,
  );
  // an unbatched [C, H, W] input is a batch of one, as in torch
  if (input.ndim === 3) return composite(() => squeeze(conv2d(unsqueeze(input, 0), weight, bias, options), 0));
  checkRank('conv2d', input, 4);
  checkRank('conv2d', weight, 4);
  checkLayerDtypes('conv2d', input, weight, bias);
  const groups = options.groups ?? 1;
  const [outChannels, channelsPerGroup, kh, kw] = weight.shape as [number, number, number, number];
  if (input.shape[1] !== channelsPerGroup * groups || outChannels % groups !== 0)
    throw new Error(
      `conv2d: weight ${formatShape(weight.shape)} with groups=${groups} expects input with ${channelsPerGroup * groups} channels, got input ${formatShape(input.shape)}`,
    );
  return composite(() => {
    const dilation = pair(options.dilation ?? 1);
    const stride = pair(options.stride ?? 1);
    let padding: [number, number];
    let x = input;
    if (options.padding === 'same') {
      if (stride[0] !== 1 || stride[1] !== 1) throw new Error("conv2d: padding='same' is not supported for strided convolutions");
      // total padding d(k − 1) split left = ⌊total/2⌋, right = the rest (torch pads the extra on the right)
      const totals = [dilation[0] * (kh - 1), dilation[1] * (kw - 1)];
      const left = totals.map((total) => Math.floor(total / 2));
      const right = totals.map((total, axis) => total - left[axis]!);
      if (left[0] !== right[0] || left[1] !== right[1]) {
        x = pad(x, [left[1]!, right[1]!, left[0]!, right[0]!]);
        padding = [0, 0];
      } else padding = [left[0]!, left[1]!];
    } else padding = options.padding === 'valid' || options.padding === undefined ? [0, 0] : pair(options.padding);
    // a backend with fused convolution kernels adds the bias inside the kernel (one group only)
    const fuseBias = groups === 1 && fusedConvolution(x, weight, bias) !== undefined;
    const output = perGroup(groups, x, weight, (xs, w) => {
      const geometry = windowGeometry('conv2d', xs.shape, { kernel: [kh, kw], stride, padding, dilation });
      if (fusedConvolution(xs, w)) return conv2dPrimitive(xs, w, fuseBias ? (bias ?? null) : null, geometry);
      const columns = unfoldPrimitive(xs, geometry); // [N, C·kh·kw, L]
      const filters = reshape(w, [1, w.shape[0]!, -1]); // [1, O, C·kh·kw]
      const product = matmul(filters, columns); // [N, O, L]
      return reshape(product, [xs.shape[0]!, w.shape[0]!, geometry.outputHeight, geometry.outputWidth]);
    });
    return bias && !fuseBias ? add(output, reshape(bias, [1, -1, 1, 1])) : output;
  });
}

/** 1-D convolution: [N, C, L] with weight [O, C/groups, k], via conv2d on a height-1 image. */
export function conv1d(input: Tensor, weight: Tensor, bias?: Tensor | null, options?: Conv1dOptions): Tensor;
/** torch's positional order: `conv1d(x, w, b, 2, 1)`, stride 2 and padding 1. */
export function conv1d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null | undefined,
  stride?: number,
  padding?: Conv1dOptions['padding'],
  dilation?: number,
  groups?: number,
): Tensor;
export function conv1d(input: Tensor, weight: Tensor, ...rest: unknown[]): Tensor {
  checkLive('conv1d', 'input', input);
  const { bias = null, ...options } = readArguments<Conv1dOptions & { bias?: Tensor | null }>(
    'conv1d',
    rest,
    CONV_ARGUMENTS,
    CONV_ARGUMENTS,
  );
  if (input.ndim === 2) return composite(() => squeeze(conv1d(unsqueeze(input, 0), weight, bias, options), 0));
  checkRank('conv1d', input, 3);
  checkRank('conv1d', weight, 3);
  checkLayerDtypes('conv1d', input, weight, bias);
  const padding = typeof options.padding === 'number' ? ([0, options.padding] as const) : options.padding;
  // a convolution over [N, C, 1, L]
  return composite(() => {
    const result = conv2d(unsqueeze(input, 2), unsqueeze(weight, 2), bias, {
      stride: [1, options.stride ?? 1],
      padding,
      dilation: [1, options.dilation ?? 1],
      groups: options.groups,
    });
    return squeeze(result, 2);
  });
}

/**
 * Transposed 1-D convolution (torch.nn.functional.conv_transpose1d): input [N, Cin, L] (or [Cin, L]),
 * weight [Cin, Cout/groups, k]; output length (L − 1)·s − 2p + d(k − 1) + outputPadding + 1. The 2-d
 * form on [N, Cin, 1, L] with a 1 × k kernel.
 */
export function convTranspose1d(input: Tensor, weight: Tensor, bias?: Tensor | null, options?: ConvTranspose1dOptions): Tensor;
/** torch's positional order (output padding and groups before dilation): `convTranspose1d(x, w, b, 2, 1, 1)`. */
export function convTranspose1d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null | undefined,
  stride?: number,
  padding?: number,
  outputPadding?: number,
  groups?: number,
  dilation?: number,
): Tensor;
export function convTranspose1d(input: Tensor, weight: Tensor, ...rest: unknown[]): Tensor {
  checkLive('convTranspose1d', 'input', input);
  const { bias = null, ...options } = readArguments<ConvTranspose1dOptions & { bias?: Tensor | null }>(
    'convTranspose1d',
    rest,
    CONV_TRANSPOSE_ARGUMENTS,
    CONV_TRANSPOSE_ARGUMENTS,
  );
  if (input.ndim === 2) return composite(() => squeeze(convTranspose1d(unsqueeze(input, 0), weight, bias, options), 0));
  checkRank('convTranspose1d', input, 3);
  checkRank('convTranspose1d', weight, 3);
  checkLayerDtypes('convTranspose1d', input, weight, bias);
  return composite(() => {
    const result = convTranspose2d(unsqueeze(input, 2), unsqueeze(weight, 2), bias, {
      stride: [1, options.stride ?? 1],
      padding: [0, options.padding ?? 0],
      outputPadding: [0, options.outputPadding ?? 0],
      dilation: [1, options.dilation ?? 1],
      groups: options.groups,
    });
    return squeeze(result, 2);
  });
}

/**
 * Transposed convolution (the adjoint of conv2d), as torch.nn.functional.conv_transpose2d:
 * input [N, Cin, H, W], weight [Cin, Cout/groups, kh, kw]; output size
 * (H − 1)·s − 2p + d(k − 1) + outputPadding + 1. Computed as Wᵀ·x then col2im.
 */
export function convTranspose2d(input: Tensor, weight: Tensor, bias?: Tensor | null, options?: ConvTranspose2dOptions): Tensor;
/** torch's positional order (output padding and groups before dilation): `convTranspose2d(x, w, b, 2, 1, 1)`. */
export function convTranspose2d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null | undefined,
  stride?: Pair,
  padding?: Pair,
  outputPadding?: Pair,
  groups?: number,
  dilation?: Pair,
): Tensor;
export function convTranspose2d(input: Tensor, weight: Tensor, ...rest: unknown[]): Tensor {
  checkLive('convTranspose2d', 'input', input);
  const { bias = null, ...options } = readArguments<ConvTranspose2dOptions & { bias?: Tensor | null }>(
    'convTranspose2d',
    rest,
    CONV_TRANSPOSE_ARGUMENTS,
    CONV_TRANSPOSE_ARGUMENTS,
  );
  if (input.ndim === 3) return composite(() => squeeze(convTranspose2d(unsqueeze(input, 0), weight, bias, options), 0));
  checkRank('convTranspose2d', input, 4);
  checkRank('convTranspose2d', weight, 4);
  checkLayerDtypes('convTranspose2d', input, weight, bias);
  const groups = options.groups ?? 1;
  const [inChannels, outPerGroup, kh, kw] = weight.shape as [number, number, number, number];
  if (input.shape[1] !== inChannels || inChannels % groups !== 0)
    throw new Error(
      `convTranspose2d: weight ${formatShape(weight.shape)} expects input with ${inChannels} channels, got ${formatShape(input.shape)}`,
    );
  const stride = pair(options.stride ?? 1);
  const padding = pair(options.padding ?? 0);
  const dilation = pair(options.dilation ?? 1);
  const outputPadding = pair(options.outputPadding ?? 0);
  if (outputPadding[0] >= Math.max(stride[0], dilation[0]) || outputPadding[1] >= Math.max(stride[1], dilation[1]))
    throw new Error(`convTranspose2d: outputPadding ${formatShape(outputPadding)} must be smaller than either stride or dilation`);
  const [batch, , height, width] = input.shape as [number, number, number, number];
  // Rows past (H − 1)·s + d(k − 1) receive no input. An outputPadding below the stride only rounds the
  // window geometry, which absorbs it; one at or above the stride (torch allows it below the dilation)
  // would not fit it, so those rows are left out of the geometry and added as zeros.
  const trailing = [outputPadding[0] >= stride[0] ? outputPadding[0] : 0, outputPadding[1] >= stride[1] ? outputPadding[1] : 0];
  const outputHeight = (height - 1) * stride[0] - 2 * padding[0] + dilation[0] * (kh - 1) + outputPadding[0] + 1 - trailing[0]!;
  const outputWidth = (width - 1) * stride[1] - 2 * padding[1] + dilation[1] * (kw - 1) + outputPadding[1] + 1 - trailing[1]!;
  return composite(() => {
    const computed = perGroup(groups, input, weight, (xs, w) => {
      const geometry = windowGeometry('convTranspose2d', [batch, outPerGroup, outputHeight, outputWidth], {
        kernel: [kh, kw],
        stride,
        padding,
        dilation,
      });
      if (geometry.outputHeight !== height || geometry.outputWidth !== width)
        throw new Error(`convTranspose2d: inconsistent geometry for input ${formatShape(input.shape)}`);
      // the adjoint of conv2d with this weight: exactly conv2d's input gradient
      if (fusedConvolution(xs, w)) return conv2dInputGradient(xs, w, geometry);
      const filters = transpose(reshape(w, [1, w.shape[0]!, -1]), 1, 2); // [1, Cout·kh·kw, Cin]
      const columns = matmul(filters, reshape(xs, [batch, xs.shape[1]!, height * width])); // [N, Cout·kh·kw, H·W]
      return foldPrimitive(columns, geometry);
    });
    const output = trailing[0]! + trailing[1]! > 0 ? pad(computed, [0, trailing[1]!, 0, trailing[0]!]) : computed;
    return bias ? add(output, reshape(bias, [1, -1, 1, 1])) : output;
  });
}
