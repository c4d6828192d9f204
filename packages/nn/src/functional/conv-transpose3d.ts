import { checkInteger, checkSameDtype, composite, convTranspose2d, pad, stack, type Tensor, zerosLike, readArguments } from '@dl/tensor';
import { checkVolume, checkedTriple, type Triple } from './volumetric-geometry.js';

/** Stride, padding, output padding, dilation and groups of `convTranspose3d`. */
export interface ConvTranspose3dOptions {
  /** Step of the window, one number or [depth, height, width]. Default 1. */
  stride?: Triple;
  /** Size removed from each side of the output, per dim. Default 0. */
  padding?: Triple;
  /** Extra size added to one side of the output, per dim (smaller than the stride or the dilation). Default 0. */
  outputPadding?: Triple;
  /** Spacing between kernel cells. Default 1. */
  dilation?: Triple;
  /** Split channels into groups convolved separately. Default 1. */
  groups?: number;
}

/**
 * Transposed 3-D convolution as torch.nn.functional.conv_transpose3d: input [N, Cin, D, H, W] (or
 * unbatched [C, D, H, W]), weight [Cin, Cout/groups, kd, kh, kw], bias [Cout]; output
 * [N, Cout, D', H', W'] with D' = (D − 1)·s − 2p + d(k − 1) + outputPadding + 1 per dim.
 *
 * Composed from conv_transpose2d, so gradients and every device come with it: input depth z spreads
 * to output depths z·s + k·d − p, k < kd, so for each kernel depth k the depth slices, as one batch of
 * N·D images, go through the 2-d transposed convolution with weight[:, :, k]; those planes are then
 * placed s apart along depth (zeros between), shifted by k·d, summed over k, and cropped by p.
 * @example
 * F.convTranspose3d(randn([1, 4, 3, 5, 5]), randn([4, 2, 3, 3, 3]), null, { stride: 2, padding: 1 }).shape; // [1, 2, 5, 9, 9]
 */
export function convTranspose3d(input: Tensor, weight: Tensor, bias?: Tensor | null, options?: ConvTranspose3dOptions): Tensor;
/** torch's positional order (output padding and groups before dilation): `F.convTranspose3d(x, w, b, 2, 1, 1)`. */
export function convTranspose3d(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null | undefined,
  stride?: Triple,
  padding?: Triple,
  outputPadding?: Triple,
  groups?: number,
  dilation?: Triple,
): Tensor;
export function convTranspose3d(input: Tensor, weight: Tensor, ...rest: unknown[]): Tensor {
  const names = ['bias', 'stride', 'padding', 'outputPadding', 'groups', 'dilation'];
  const { bias = null, ...options } = readArguments<ConvTranspose3dOptions & { bias?: Tensor | null }>(
    'convTranspose3d',
    rest,
    names,
    names,
  );
  checkVolume('convTranspose3d', input);
  if (input.ndim === 4) return composite(() => convTranspose3d(input.unsqueeze(0), weight, bias, options).squeeze(0));
  if (weight.ndim !== 5)
    throw new Error(`convTranspose3d: expected a 5-D weight [Cin, Cout/groups, kd, kh, kw], got [${weight.shape.join(', ')}]`);
  checkSameDtype('convTranspose3d', bias ? { input, weight, bias } : { input, weight });
  const groups = checkInteger('convTranspose3d', 'groups', options.groups ?? 1);
  const [inChannels, , kernelDepth] = weight.shape as [number, number, number, number, number];
  if (input.shape[1] !== inChannels || inChannels % groups !== 0)
    throw new Error(
      `convTranspose3d: weight [${weight.shape.join(', ')}] with groups=${groups} expects input with ${inChannels} channels, got input [${input.shape.join(', ')}]`,
    );
  const stride = checkedTriple('convTranspose3d', 'stride', options.stride ?? 1, 1);
  const padding = checkedTriple('convTranspose3d', 'padding', options.padding ?? 0, 0);
  const outputPadding = checkedTriple('convTranspose3d', 'outputPadding', options.outputPadding ?? 0, 0);
  const dilation = checkedTriple('convTranspose3d', 'dilation', options.dilation ?? 1, 1);
  if (outputPadding.some((extra, axis) => extra >= Math.max(stride[axis]!, dilation[axis]!)))
    throw new Error(
      `convTranspose3d: outputPadding [${outputPadding.join(', ')}] must be smaller than either stride [${stride.join(', ')}] or dilation [${dilation.join(', ')}] in each dim`,
    );
  const [batch, , depth, height, width] = input.shape as [number, number, number, number, number];
  // the full output depth before the crop by p: every input depth's last tap, plus outputPadding
  const fullDepth = (depth - 1) * stride[0] + dilation[0] * (kernelDepth - 1) + 1 + outputPadding[0];
  const outputDepth = fullDepth - 2 * padding[0];
  if (outputDepth <= 0)
    throw new Error(`convTranspose3d: padding ${padding[0]} leaves no output depth for input [${input.shape.join(', ')}]`);
  return composite(() => {
    const images = input.transpose(1, 2).reshape([batch * depth, inChannels, height, width]);
    let sum: Tensor | null = null;
    for (let k = 0; k < kernelDepth; k++) {
      const planes = convTranspose2d(images, weight.narrow(2, k, 1).squeeze(2), null, {
        stride: [stride[1], stride[2]],
        padding: [padding[1], padding[2]],
        outputPadding: [outputPadding[1], outputPadding[2]],
        dilation: [dilation[1], dilation[2]],
        groups,
      });
      const [, channels, planeHeight, planeWidth] = planes.shape as [number, number, number, number];
      const depthFirst = planes.reshape([batch, depth, channels, planeHeight, planeWidth]);
      // s − 1 zero planes after each input depth: depth z lands at z·s, then the first (D − 1)·s + 1 stay
      const spread =
        stride[0] === 1
          ? depthFirst
          : stack([depthFirst, ...Array.from({ length: stride[0] - 1 }, () => zerosLike(depthFirst))], 2)
              .reshape([batch, depth * stride[0], channels, planeHeight, planeWidth])
              .narrow(1, 0, (depth - 1) * stride[0] + 1);
      const before = k * dilation[0];
      const placed = pad(spread, [0, 0, 0, 0, 0, 0, before, fullDepth - before - spread.shape[1]!]);
      sum = sum ? sum.add(placed) : placed;
    }
    const output = sum!.narrow(1, padding[0], outputDepth).transpose(1, 2);
    return bias ? output.add(bias.reshape([1, -1, 1, 1, 1])) : output;
  });
}
