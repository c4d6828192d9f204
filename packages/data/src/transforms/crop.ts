import { checkOptions, describeValue, readArguments, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { type Padding, paddingSides } from './padding-sides.js';
import { cropSize, imageSize, mapPlanes, roundHalfEven, Transform } from './transform.js';

/**
 * The window [top, top + height) × [left, left + width) of every plane; parts outside the image read
 * `fill` (so a crop larger than the image pads, as torchvision's `crop`).
 * @example
 * crop(image, 2, 2, 24, 24); // [C, 24, 24]
 */
export function crop(image: Tensor, top: number, left: number, height: number, width: number, fill = 0, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('crop', ['image', 'top', 'left', 'height', 'width', 'fill'], extra);
  const [inHeight, inWidth] = imageSize('crop', image);
  return mapPlanes(image, height, width, (source, target) => {
    for (let y = 0; y < height; y++) {
      const sourceY = top + y;
      for (let x = 0; x < width; x++) {
        const sourceX = left + x;
        const inside = sourceY >= 0 && sourceY < inHeight && sourceX >= 0 && sourceX < inWidth;
        target[y * width + x] = inside ? source[sourceY * inWidth + sourceX]! : fill;
      }
    }
  });
}

/**
 * Pads the last two dims: [left, top, right, bottom] (torchvision's order), [horizontal, vertical] or one
 * number for every side, with a constant, or by reflecting (mirror without the edge) or replicating the edge.
 * @example
 * pad(image, [4, 4, 4, 4]); // [C, H + 8, W + 8]
 * pad(image, 4);            // the same
 */
export function pad(
  image: Tensor,
  padding: Padding,
  options: { fill?: number; mode?: 'constant' | 'reflect' | 'edge' } = {},
  ...extra: never[]
): Tensor {
  if (extra.length > 0) refuseExtraArguments('pad', ['image', 'padding', 'options'], extra);
  checkOptions('pad', options, ['fill', 'mode']);
  const [left, top, right, bottom] = paddingSides('pad', padding);
  const [height, width] = imageSize('pad', image);
  const mode = options.mode ?? 'constant';
  // torch's constant padding casts the fill to the image's dtype: an int32 image truncates it
  const fill = image.dtype === 'int32' ? Math.trunc(options.fill ?? 0) : (options.fill ?? 0);
  const outHeight = height + top + bottom;
  const outWidth = width + left + right;
  const resolve = (index: number, size: number): number => {
    if (index >= 0 && index < size) return index;
    if (mode === 'edge') return Math.min(size - 1, Math.max(0, index));
    if (mode === 'reflect') {
      const period = 2 * (size - 1);
      const folded = ((index % period) + period) % period;
      return folded < size ? folded : period - folded;
    }
    return -1;
  };
  return mapPlanes(image, outHeight, outWidth, (source, target) => {
    for (let y = 0; y < outHeight; y++) {
      const sourceY = resolve(y - top, height);
      for (let x = 0; x < outWidth; x++) {
        const sourceX = resolve(x - left, width);
        target[y * outWidth + x] = sourceY < 0 || sourceX < 0 ? fill : source[sourceY * width + sourceX]!;
      }
    }
  });
}

/**
 * The central h × w window (torchvision's `CenterCrop`): top = round((H − h) / 2), left = round((W − w) / 2)
 * with Python's rounding. A crop larger than the image is padded with zeros as torchvision does: by
 * ⌊d/2⌋ before and ⌈d/2⌉ after along each axis where it is d larger, the padded image then cropped
 * centrally.
 * @example
 * new CenterCrop(24).forward(image); // [C, 24, 24]
 */
export class CenterCrop extends Transform {
  readonly size: [number, number];

  constructor(size: number | readonly [number, number]);
  constructor(size: number | readonly [number, number], ...rest: unknown[]) {
    super();
    readArguments('CenterCrop', rest, [], []); // torchvision's CenterCrop(size) takes nothing else
    this.size = cropSize('CenterCrop', size);
  }

  forward(image: Tensor): Tensor {
    const [height, width] = imageSize('CenterCrop', image);
    const [cropHeight, cropWidth] = this.size;
    // offset of the window in the padded image, minus the padding before the image
    const offset = (size: number, cropped: number) =>
      roundHalfEven((Math.max(size, cropped) - cropped) / 2) - Math.floor(Math.max(0, cropped - size) / 2);
    return crop(image, offset(height, cropHeight), offset(width, cropWidth), cropHeight, cropWidth);
  }
}
