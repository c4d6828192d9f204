import { checkInteger, checkSameDtype, composite, conv2d, pad, slice, stack, type Tensor, readArguments } from '@dl/tensor';
import { checkVolume, checkedTriple, windowExtents, type Triple } from './volumetric-geometry.js';

/** Stride, padding, dilation and groups of `conv3d`. */
export interface Conv3dOptions {
  /** Step of the window, one number or [depth, height, width]. Default 1. */
  stride?: Triple;
  /** Zero padding per side, or 'valid' (none) / 'same' (output size = input size; stride 1 only). Default 0. */
  padding?: Triple | 'valid' | 'same';
  /** Spacing between kernel cells. Default 1. */
  dilation?: Triple;
  /** Split channels into groups convolved separately. Default 1. */
  groups?: number;
}

/**
 * 3-D cross-correlation as torch.nn.functional.conv3d: input [N, C, D, H, W] (or unbatched
 * [C, D, H, W]), weight [O, C/groups, kd, kh, kw], bias [O]; output [N, O, D', H', W'] with
 * D' = ⌊(D + 2p − d(k − 1) − 1)/s⌋ + 1 per dim.
 *
 * Composed from conv2d, so gradients and every device come with it: the depth windows are gathered
 * first, out[n, o, z] = Σ_{c, k} W[o, c, k] ⋆ x[n, c, z·s + k·d] (⋆ the 2-d correlation over H, W), so
 * stacking the kd input slices x[:, c, z·s + k·d] as channels c·kd + k of a batch of N·D' images and
 * reading the weight as [O, C/groups·kd, kh, kw] makes the whole sum one conv2d (groups carry over, as
 * each group's channels stay contiguous).
 * @example
 * F.conv3d(randn([2, 3, 8, 8, 8]), randn([4, 3, 3, 3, 3]), null, { padding: 1 }).shape; // [2, 4, 8, 8, 8]
 */
export function conv3d(input: Tensor, weight: Tensor, bias?: Tensor | null, options?: Conv3dOptions): Tensor;
/** torch's positional order: `F.conv3d(x, w, b, 2, 1)`, stride 2 and padding 1. */
export function conv3d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null | undefined,
  stride?: Triple,
  padding?: Conv3dOptions['padding'],
  dilation?: Triple,
  groups?: number,
): Tensor;
export function conv3d(input: Tensor, weight: Tensor, ...rest: unknown[]): Tensor {
  const names = ['bias', 'stride', 'padding', 'dilation', 'groups'];
  const { bias = null, ...options } = readArguments<Conv3dOptions & { bias?: Tensor | null }>('conv3d', rest, names, names);
  checkVolume('conv3d', input);
  if (input.ndim === 4) return composite(() => conv3d(input.unsqueeze(0), weight, bias, options).squeeze(0));
  if (weight.ndim !== 5) throw new Error(`conv3d: expected a 5-D weight [O, C/groups, kd, kh, kw], got [${weight.shape.join(', ')}]`);
  checkSameDtype('conv3d', bias ? { input, weight, bias } : { input, weight });
  const groups = checkInteger('conv3d', 'groups', options.groups ?? 1);
  const [outChannels, channelsPerGroup, ...kernel] = weight.shape as [number, number, number, number, number];
  if (input.shape[1] !== channelsPerGroup * groups || outChannels % groups !== 0)
    throw new Error(
      `conv3d: weight [${weight.shape.join(', ')}] with groups=${groups} expects input with ${channelsPerGroup * groups} channels, got input [${input.shape.join(', ')}]`,
    );
  const stride = checkedTriple('conv3d', 'stride', options.stride ?? 1, 1);
  const dilation = checkedTriple('conv3d', 'dilation', options.dilation ?? 1, 1);
  let depthPadding: [number, number];
  let planePadding: [number, number] | 'same';
  let outputDepth: number;
  if (options.padding === 'same') {
    if (stride.some((step) => step !== 1)) throw new Error("conv3d: padding='same' is not supported for strided convolutions");
    // total d(k − 1), split left = ⌊total/2⌋ and right = the rest, as torch (and conv2d for H and W)
    const total = dilation[0] * (kernel[0] - 1);
    depthPadding = [Math.floor(total / 2), total - Math.floor(total / 2)];
    planePadding = 'same';
    outputDepth = input.shape[2]!;
  } else {
    const padding = options.padding === 'valid' ? [0, 0, 0] : checkedTriple('conv3d', 'padding', options.padding ?? 0, 0);
    depthPadding = [padding[0]!, padding[0]!];
    planePadding = [padding[1]!, padding[2]!];
    [outputDepth] = windowExtents('conv3d', input, kernel, stride, padding, dilation);
  }
  const [kernelDepth, kernelHeight, kernelWidth] = kernel;
  const [batch, channels, , height, width] = input.shape as [number, number, number, number, number];
  return composite(() => {
    // depth first ([N, D, C, H, W], a view) so that each depth slice is already a batch of N·D' images
    const padded = depthPadding[0] + depthPadding[1] > 0 ? pad(input, [0, 0, 0, 0, ...depthPadding]) : input;
    const depthFirst = padded.transpose(1, 2);
    const span = (outputDepth - 1) * stride[0] + 1;
    const slices = Array.from({ length: kernelDepth }, (_, k) => slice(depthFirst, 1, k * dilation[0], k * dilation[0] + span, stride[0]));
    // [N, D', C, kd, H, W] → channels c·kd + k, matching the weight's [C/groups, kd] read as one dim
    const columns = stack(slices, 3).reshape([batch * outputDepth, channels * kernelDepth, height, width]);
    const filters = weight.reshape([outChannels, channelsPerGroup * kernelDepth, kernelHeight, kernelWidth]);
    const planes = conv2d(columns, filters, bias, {
      stride: [stride[1], stride[2]],
      padding: planePadding,
      dilation: [dilation[1], dilation[2]],
      groups,
    });
    const [, , outputHeight, outputWidth] = planes.shape as [number, number, number, number];
    return planes.reshape([batch, outputDepth, outChannels, outputHeight, outputWidth]).transpose(1, 2);
  });
}
