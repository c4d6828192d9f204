import { checkBoolean, checkOptions, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { antialiasedTaps, resampleSeparable, type AxisTaps } from './separable-resample.js';
import { imageSize } from './transform.js';

/**
 * Keys' cubic convolution kernel with parameter a:
 *   |x| < 1: (a + 2)|x|³ − (a + 3)|x|² + 1;  1 ≤ |x| < 2: a|x|³ − 5a|x|² + 8a|x| − 4a;  else 0.
 */
function cubic(x: number, a: number): number {
  const d = Math.abs(x);
  if (d < 1) return ((a + 2) * d - (a + 3)) * d * d + 1;
  if (d < 2) return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a;
  return 0;
}

/**
 * One axis of torch's `upsample_bicubic2d(align_corners=False)`: output index i reads source point
 * x = s·(i + 0.5) − 0.5 (s = in/out, not clamped), the four pixels ⌊x⌋ − 1 … ⌊x⌋ + 2 (each clamped
 * to the image: the border is repeated) with weights cubic(t + 1), cubic(t), cubic(1 − t),
 * cubic(2 − t) for t = x − ⌊x⌋, a = −0.75.
 */
function bicubicTaps(inSize: number, outSize: number): AxisTaps {
  const scale = inSize / outSize;
  const indices: Int32Array[] = [];
  const weights: Float64Array[] = [];
  for (let i = 0; i < outSize; i++) {
    const source = scale * (i + 0.5) - 0.5;
    const floor = Math.floor(source);
    const t = source - floor;
    indices.push(Int32Array.from({ length: 4 }, (_, k) => Math.min(Math.max(floor - 1 + k, 0), inSize - 1)));
    weights.push(Float64Array.from([cubic(t + 1, -0.75), cubic(t, -0.75), cubic(1 - t, -0.75), cubic(2 - t, -0.75)]));
  }
  return { indices, weights };
}

/** Options of `resizeBicubic`. */
export interface ResizeBicubicOptions {
  /** Low-pass the image when shrinking it (torch's `interpolate(mode='bicubic', antialias=True)`). Default false. */
  antialias?: boolean;
}

/**
 * Bicubic resampling of every plane of [..., H, W] to [..., outHeight, outWidth], as torchvision 0.14's
 * resize on tensors (`torch.nn.functional.interpolate(mode='bicubic', align_corners=False)`): Keys'
 * cubic with a = −0.75 over the 4 × 4 nearest pixels, the border repeated; values may overshoot the
 * input's range, as torch's. With `antialias: true`, torch's `_upsample_bicubic2d_aa`: a separable
 * cubic filter with a = −0.5 whose support of 2 pixels is widened by the shrink factor, its weights
 * normalised. An int32 image is resampled in float and rounded back (torchvision's cast, round and cast).
 * @example
 * resizeBicubic(image, 14, 14); // [C, 28, 28] → [C, 14, 14]
 * resizeBicubic(image, 14, 14, { antialias: true }); // as torchvision's resize(BICUBIC, antialias=True)
 */
export function resizeBicubic(
  image: Tensor,
  outHeight: number,
  outWidth: number,
  options: ResizeBicubicOptions = {},
  ...extra: never[]
): Tensor {
  if (extra.length > 0) refuseExtraArguments('resizeBicubic', ['image', 'outHeight', 'outWidth', 'options'], extra);
  const { antialias = false } = checkOptions('resizeBicubic', options, ['antialias']);
  const [height, width] = imageSize('resizeBicubic', image);
  // the antialiased filter is PIL's cubic, a = −0.5 (torch's _upsample_bicubic2d_aa follows PIL, not Keys' −0.75)
  const taps = checkBoolean('resizeBicubic', 'antialias', antialias)
    ? (inSize: number, outSize: number) => antialiasedTaps(inSize, outSize, (x) => cubic(x, -0.5), 2)
    : bicubicTaps;
  return resampleSeparable(image, outHeight, outWidth, taps(height, outHeight), taps(width, outWidth));
}
