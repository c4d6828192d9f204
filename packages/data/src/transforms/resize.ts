import type { Tensor } from '@dl/tensor';
import { imageSize, mapPlanes, Transform } from './transform.js';

/**
 * Bilinear resampling of every plane of [..., H, W] to [..., outHeight, outWidth], as
 * `torch.nn.functional.interpolate(mode='bilinear', align_corners=False)` (no antialiasing):
 * an output pixel centre y maps to source y_s = (y + 0.5) · H / outHeight − 0.5 (clamped at 0), and the
 * value blends rows ⌊y_s⌋ and ⌊y_s⌋ + 1 (clamped to the last) by the fractional part; columns alike.
 * @example
 * resizeBilinear(image, 14, 14); // [C, 28, 28] → [C, 14, 14]
 */
export function resizeBilinear(image: Tensor, outHeight: number, outWidth: number): Tensor {
  const [height, width] = imageSize('resize', image);
  const axis = (outSize: number, inSize: number) => {
    const scale = inSize / outSize;
    const low = new Int32Array(outSize);
    const high = new Int32Array(outSize);
    const weight = new Float64Array(outSize);
    for (let i = 0; i < outSize; i++) {
      const source = Math.max(0, (i + 0.5) * scale - 0.5);
      low[i] = Math.min(Math.floor(source), inSize - 1);
      high[i] = Math.min(low[i]! + 1, inSize - 1);
      weight[i] = source - low[i]!;
    }
    return { low, high, weight };
  };
  const rows = axis(outHeight, height);
  const columns = axis(outWidth, width);
  return mapPlanes(image, outHeight, outWidth, (source, target) => {
    for (let y = 0; y < outHeight; y++) {
      const top = rows.low[y]! * width;
      const bottom = rows.high[y]! * width;
      const wy = rows.weight[y]!;
      for (let x = 0; x < outWidth; x++) {
        const left = columns.low[x]!;
        const right = columns.high[x]!;
        const wx = columns.weight[x]!;
        const upper = source[top + left]! * (1 - wx) + source[top + right]! * wx;
        const lower = source[bottom + left]! * (1 - wx) + source[bottom + right]! * wx;
        target[y * outWidth + x] = upper * (1 - wy) + lower * wy;
      }
    }
  });
}

/**
 * Output size of torchvision's Resize: a pair is taken as is; one number is the new length of the
 * shorter side, the longer one scaled to keep the aspect ratio (truncated, as torchvision's int()).
 */
export function resizedSize(height: number, width: number, size: number | readonly [number, number]): [number, number] {
  if (typeof size !== 'number') return [size[0], size[1]];
  return height <= width ? [size, Math.floor((size * width) / height)] : [Math.floor((size * height) / width), size];
}

/**
 * Resizes images [C, H, W] or [N, C, H, W] bilinearly (torchvision's `Resize` on tensors with
 * antialias=False).
 * @example
 * new Resize([32, 32]).forward(image); // [3, 32, 32]
 * new Resize(256).forward(image);      // shorter side 256
 */
export class Resize extends Transform {
  constructor(readonly size: number | readonly [number, number]) {
    super();
  }

  forward(image: Tensor): Tensor {
    const [height, width] = imageSize('Resize', image);
    const [outHeight, outWidth] = resizedSize(height, width, this.size);
    return resizeBilinear(image, outHeight, outWidth);
  }
}
