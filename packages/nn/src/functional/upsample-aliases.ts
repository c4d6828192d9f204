import { checkOptions, checkTensorArguments, describeValue, isPlainObject, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { interpolate, type InterpolateOptions } from './interpolate.js';

// torch.nn.functional's older resizing functions, each a call of interpolate with fixed options, as
// torch's (which warn that they are deprecated; these carry @deprecated for editors instead).

/** torch.nn.functional.upsample's keywords: `size` or `scaleFactor` (exactly one), the mode and `alignCorners`. */
export type UpsampleFunctionOptions = Pick<InterpolateOptions, 'size' | 'scaleFactor' | 'mode' | 'alignCorners'>;

/** The keywords of upsampleNearest and upsampleBilinear: `size` or `scaleFactor` (exactly one). */
export type UpsampleSizeOptions = Pick<InterpolateOptions, 'size' | 'scaleFactor'>;

/**
 * Resizes the spatial dims (torch.nn.functional.upsample): interpolate with the same options.
 * @deprecated As torch's: use `F.interpolate`.
 * @example
 * F.upsample(images, { scaleFactor: 2, mode: 'bilinear' }); // F.interpolate(images, { scaleFactor: 2, mode: 'bilinear' })
 */
export function upsample(input: Tensor, options: UpsampleFunctionOptions, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('upsample', ['input', 'options'], extra);
  checkTensorArguments('upsample', { input });
  // torch needs size or scale_factor: the options are not optional
  if (!isPlainObject(options as unknown))
    throw new Error(`upsample: expected the options { size } or { scaleFactor }, got ${describeValue(options)}`);
  checkOptions('upsample', options, ['size', 'scaleFactor', 'mode', 'alignCorners']);
  return interpolate(input, options);
}

/**
 * Nearest-neighbour resizing of [N, C, L], [N, C, H, W] or [N, C, D, H, W] (torch.nn.functional.upsample_nearest):
 * interpolate in mode 'nearest'.
 * @deprecated As torch's: use `F.interpolate(input, { ..., mode: 'nearest' })`.
 * @example
 * F.upsampleNearest(images, { scaleFactor: 2 }).shape; // [N, C, 2H, 2W]
 */
export function upsampleNearest(input: Tensor, options: UpsampleSizeOptions, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('upsampleNearest', ['input', 'options'], extra);
  checkOptions('upsampleNearest', options, ['size', 'scaleFactor']);
  return interpolate(input, { ...options, mode: 'nearest' });
}

/**
 * Bilinear resizing of [N, C, H, W] (torch.nn.functional.upsample_bilinear): interpolate in mode
 * 'bilinear' with alignCorners **true** (torch's choice for this alias, unlike interpolate's default):
 * the corner pixels stay where they are.
 * @deprecated As torch's: use `F.interpolate(input, { ..., mode: 'bilinear', alignCorners: true })`.
 * @example
 * F.upsampleBilinear(images, { size: [64, 64] });
 */
export function upsampleBilinear(input: Tensor, options: UpsampleSizeOptions, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('upsampleBilinear', ['input', 'options'], extra);
  checkOptions('upsampleBilinear', options, ['size', 'scaleFactor']);
  return interpolate(input, { ...options, mode: 'bilinear', alignCorners: true });
}
