import type { Tensor } from '@dl/tensor';
import { imageSize, mapPlanes } from './transform.js';

/** For each output index along one axis: the source indices it reads and their weights. */
export interface AxisTaps {
  indices: Int32Array[];
  weights: Float64Array[];
}

/**
 * One axis of torch's antialiased resampling (`_upsample_bilinear2d_aa`, `_upsample_bicubic2d_aa`,
 * PIL's filters): with s = in/out, the filter is widened to support r = halfWidth · max(s, 1); output
 * index i is centred on c = s·(i + 0.5) and averages the source pixels j in [⌊c − r + 0.5⌋,
 * ⌊c + r + 0.5⌋) (clipped to the image) with weights filter((j − c + 0.5) / max(s, 1)), normalised
 * to sum 1 (so pixels cut off at the border give their weight to the others).
 */
export function antialiasedTaps(inSize: number, outSize: number, filter: (x: number) => number, halfWidth: number): AxisTaps {
  const scale = inSize / outSize;
  const widening = Math.max(scale, 1);
  const support = halfWidth * widening;
  const indices: Int32Array[] = [];
  const weights: Float64Array[] = [];
  for (let i = 0; i < outSize; i++) {
    const center = scale * (i + 0.5);
    // torch truncates toward zero (a C++ cast) before clipping
    const low = Math.max(Math.trunc(center - support + 0.5), 0);
    const high = Math.min(Math.trunc(center + support + 0.5), inSize);
    const count = Math.max(0, high - low);
    const row = new Float64Array(count);
    let total = 0;
    for (let j = 0; j < count; j++) {
      row[j] = filter((j + low - center + 0.5) / widening);
      total += row[j]!;
    }
    if (total !== 0) for (let j = 0; j < count; j++) row[j] = row[j]! / total;
    indices.push(Int32Array.from({ length: count }, (_, j) => low + j));
    weights.push(row);
  }
  return { indices, weights };
}

/**
 * Resamples every plane of [..., H, W] to outHeight × outWidth with per-axis taps: the width pass
 * (each row to outWidth columns), then the height pass, as torch's separable kernels. Sums are taken
 * in float64 (torch's in the image's dtype: float32 results agree to its rounding). An int32 image
 * comes back rounded, as torchvision's resize.
 */
export function resampleSeparable(image: Tensor, outHeight: number, outWidth: number, rows: AxisTaps, columns: AxisTaps): Tensor {
  const [height, width] = imageSize('resize', image);
  const between = new Float64Array(height * outWidth);
  return mapPlanes(image, outHeight, outWidth, (source, target) => {
    for (let y = 0; y < height; y++)
      for (let x = 0; x < outWidth; x++) {
        const indices = columns.indices[x]!;
        const weights = columns.weights[x]!;
        let sum = 0;
        for (let j = 0; j < indices.length; j++) sum += source[y * width + indices[j]!]! * weights[j]!;
        between[y * outWidth + x] = sum;
      }
    for (let y = 0; y < outHeight; y++) {
      const indices = rows.indices[y]!;
      const weights = rows.weights[y]!;
      for (let x = 0; x < outWidth; x++) {
        let sum = 0;
        for (let j = 0; j < indices.length; j++) sum += between[indices[j]! * outWidth + x]! * weights[j]!;
        target[y * outWidth + x] = sum;
      }
    }
  });
}
