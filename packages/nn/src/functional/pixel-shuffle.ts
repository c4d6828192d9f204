import { checkInteger, refuseExtraArguments, type Tensor } from '@dl/tensor';

/**
 * [*, C·r², H, W] → [*, C, H·r, W·r] (torch.nn.functional.pixel_shuffle, the sub-pixel convolution of
 * super-resolution): output[c, h·r + i, w·r + j] = input[c·r² + i·r + j, h, w].
 */
export function pixelShuffle(input: Tensor, upscaleFactor: number, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('pixelShuffle', ['input', 'upscaleFactor'], extra);
  const factor = checkInteger('pixelShuffle', 'upscaleFactor', upscaleFactor, 1);
  if (input.ndim < 3) throw new Error(`pixelShuffle: expected at least 3-D input [*, C, H, W], got [${input.shape.join(', ')}]`);
  const [channels, height, width] = input.shape.slice(-3) as [number, number, number];
  if (channels % (factor * factor) !== 0)
    throw new Error(`pixelShuffle: the channels (${channels}) must be divisible by the square of upscaleFactor (${factor * factor})`);
  const lead = input.shape.slice(0, -3);
  const outChannels = channels / (factor * factor);
  const axes = lead.map((_, index) => index);
  const at = lead.length;
  // [*, C, r, r, H, W] → [*, C, H, r, W, r]
  return input
    .reshape([...lead, outChannels, factor, factor, height, width])
    .permute([...axes, at, at + 3, at + 1, at + 4, at + 2])
    .reshape([...lead, outChannels, height * factor, width * factor]);
}

/** The inverse, [*, C, H·r, W·r] → [*, C·r², H, W] (torch.nn.functional.pixel_unshuffle). */
export function pixelUnshuffle(input: Tensor, downscaleFactor: number, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('pixelUnshuffle', ['input', 'downscaleFactor'], extra);
  const factor = checkInteger('pixelUnshuffle', 'downscaleFactor', downscaleFactor, 1);
  if (input.ndim < 3) throw new Error(`pixelUnshuffle: expected at least 3-D input [*, C, H, W], got [${input.shape.join(', ')}]`);
  const [channels, height, width] = input.shape.slice(-3) as [number, number, number];
  if (height % factor !== 0 || width % factor !== 0)
    throw new Error(`pixelUnshuffle: the height (${height}) and width (${width}) must be divisible by downscaleFactor (${factor})`);
  const lead = input.shape.slice(0, -3);
  const axes = lead.map((_, index) => index);
  const at = lead.length;
  // [*, C, H, r, W, r] → [*, C, r, r, H, W]
  return input
    .reshape([...lead, channels, height / factor, factor, width / factor, factor])
    .permute([...axes, at, at + 2, at + 4, at + 1, at + 3])
    .reshape([...lead, channels * factor * factor, height / factor, width / factor]);
}
