import { describeValue, type Tensor } from '@dl/tensor';
import { imageSize, mapPlanes, roundHalfEven } from './transform.js';

/** How a geometric transform reads between pixels (torchvision's `InterpolationMode.NEAREST` / `BILINEAR`). */
export type Interpolation = 'nearest' | 'bilinear';

/** The value of pixels that come from outside the image: one number, or one per channel. */
export type Fill = number | readonly number[];

/**
 * The rounding of torchvision's sampling grid: it builds the grid in the image's dtype, so a float32
 * image rounds every step to float32 (`Math.fround`) and a float64 one keeps float64.
 */
export function gridPrecision(image: Tensor): (value: number) => number {
  return image.dtype === 'float64' ? (value) => value : Math.fround;
}

/** Checks an interpolation option: nearest or bilinear. */
export function checkInterpolation(operation: string, interpolation: unknown): Interpolation {
  if (interpolation === 'nearest' || interpolation === 'bilinear') return interpolation;
  throw new Error(`${operation}: interpolation must be 'nearest' or 'bilinear', got ${describeValue(interpolation)}`);
}

/** The fill of each channel: a number for all, or a list of 1 or C numbers (torchvision's rule). */
function channelFills(operation: string, fill: Fill, channels: number): number[] {
  const values = typeof fill === 'number' ? [fill] : [...fill];
  if (!values.every((value) => typeof value === 'number') || (values.length !== 1 && values.length !== channels))
    throw new Error(`${operation}: fill must be one number or ${channels} numbers (one per channel), got ${describeValue(fill)}`);
  return values.length === 1 ? Array.from({ length: channels }, () => values[0]!) : values;
}

/**
 * Samples every plane of [..., H, W] on a grid of normalized source coordinates (x, y in [−1, 1] over
 * the image), as torchvision's `_apply_grid_transform`: `grid_sample(align_corners=False,
 * padding_mode='zeros')`, which maps x to the pixel coordinate (x + 1)·W/2 − 0.5. Nearest rounds half
 * to even (nearbyint); bilinear weighs the four neighbours, those outside counting 0.
 * With a `fill` (what the random transforms always pass), torchvision also samples a mask of ones:
 * nearest writes `fill` where the mask is 0, bilinear blends v·mask + (1 − mask)·fill, so the border
 * pixels fade to `fill`. Without one (the functional forms' default `fill=None`) outside reads 0.
 * The grid has `outputSize` [h, w] points (default the image's size: rotate's `expand` makes it larger).
 */
export function sampleGrid(
  operation: string,
  image: Tensor,
  gridX: Float64Array,
  gridY: Float64Array,
  interpolation: Interpolation,
  fill?: Fill,
  outputSize?: readonly [number, number],
): Tensor {
  const [height, width] = imageSize(operation, image);
  const [outHeight, outWidth] = outputSize ?? [height, width];
  const channels = image.ndim >= 3 ? image.shape[image.ndim - 3]! : 1;
  const fills = fill === undefined ? null : channelFills(operation, fill, channels);
  const round = gridPrecision(image);
  const halfWidth = round(width / 2);
  const halfHeight = round(height / 2);
  // pixel coordinates of each output pixel's source, computed once for all planes
  const sourceX = gridX.map((x) => round(round(round(x + 1) * halfWidth) - 0.5));
  const sourceY = gridY.map((y) => round(round(round(y + 1) * halfHeight) - 0.5));
  const inside = (x: number, y: number) => x >= 0 && x < width && y >= 0 && y < height;
  return mapPlanes(image, outHeight, outWidth, (source, target, plane) => {
    const planeFill = fills ? fills[plane % channels]! : 0;
    for (let i = 0; i < target.length; i++) {
      const x = sourceX[i]!;
      const y = sourceY[i]!;
      if (interpolation === 'nearest') {
        const nearestX = roundHalfEven(x);
        const nearestY = roundHalfEven(y);
        target[i] = inside(nearestX, nearestY) ? source[nearestY * width + nearestX]! : planeFill;
        continue;
      }
      const left = Math.floor(x);
      const top = Math.floor(y);
      let value = 0;
      let mask = 0; // the bilinear sample of an image of ones
      const corner = (cornerX: number, cornerY: number, weight: number) => {
        if (!inside(cornerX, cornerY)) return;
        value += weight * source[cornerY * width + cornerX]!;
        mask += weight;
      };
      const fractionX = x - left;
      const fractionY = y - top;
      corner(left, top, (1 - fractionX) * (1 - fractionY));
      corner(left + 1, top, fractionX * (1 - fractionY));
      corner(left, top + 1, (1 - fractionX) * fractionY);
      corner(left + 1, top + 1, fractionX * fractionY);
      target[i] = fills ? value * mask + (1 - mask) * planeFill : value;
    }
  });
}
