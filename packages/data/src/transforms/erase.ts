import { checkBoolean, checkInteger, composite, describeValue, isTensor, readArguments, type Tensor } from '@dl/tensor';
import { imageSize } from './transform.js';

/** The options of `erase` (torchvision's keyword). */
export interface EraseOptions {
  /** Write into `image` itself and return it (torchvision's `inplace=True`); default false, a copy. */
  inplace?: boolean;
}

/**
 * Checks that `value` broadcasts to the erased region, as torch's `img[..., i:i+h, j:j+w] = v` needs:
 * its trailing dims each 1 or the region's, and no more dims than the region.
 */
function checkBroadcast(value: Tensor, region: readonly number[]): void {
  const offset = region.length - value.ndim;
  if (offset >= 0 && value.shape.every((size, dim) => size === 1 || size === region[offset + dim])) return;
  throw new Error(`erase: value of shape [${value.shape.join(', ')}] does not broadcast to the erased region [${region.join(', ')}]`);
}

/**
 * Sets the rectangle rows [top, top + height) × columns [left, left + width) of every plane to `value`
 * (torchvision's `erase(img, i, j, h, w, v, inplace=False)`): `value` is a number or a tensor that
 * broadcasts to the region ([C, h, w] noise, [C, 1, 1] one value per channel). The rectangle stops at
 * the image's border, as Python's slices do. An integer image truncates the values, as torch's
 * assignment casts. Without `inplace` the result is a copy (torchvision's `img.clone()`); with it the
 * input's buffer is written and the input returned.
 * @example
 * erase(image, 0, 0, 4, 4, 0);           // a copy with the top-left 4 × 4 block zeroed
 * erase(image, 0, 0, 4, 4, 0, true);     // the same, written into image (torchvision's inplace=True)
 * erase(image, 2, 2, 3, 3, randn([3, 3, 3]), { inplace: true });
 */
export function erase(
  image: Tensor,
  top: number,
  left: number,
  height: number,
  width: number,
  value: number | Tensor,
  ...rest: [inplace?: boolean] | [options?: EraseOptions]
): Tensor {
  const { inplace = false } = readArguments<EraseOptions>('erase', rest, ['inplace'], ['inplace']);
  checkBoolean('erase', 'inplace', inplace);
  const [imageHeight, imageWidth] = imageSize('erase', image);
  // torch would read a negative index from the end; here the rectangle is given from the top-left corner
  checkInteger('erase', 'top', top, 0);
  checkInteger('erase', 'left', left, 0);
  checkInteger('erase', 'height', height, 0);
  checkInteger('erase', 'width', width, 0);
  if (typeof value !== 'number' && !isTensor(value))
    throw new Error(`erase: value must be a number or a tensor, got ${describeValue(value)}`);
  // the clipped extent of img[..., top:top+height, left:left+width]
  const rows = Math.max(0, Math.min(imageHeight, top + height) - top);
  const columns = Math.max(0, Math.min(imageWidth, left + width) - left);
  const region = [...image.shape.slice(0, -2), rows, columns];
  if (isTensor(value)) checkBroadcast(value, region);
  const target = inplace ? image : image.clone();
  if (rows === 0 || columns === 0) return target;
  // the region is a view of target: writing it writes target (the view is released on return)
  composite(() => {
    const window = target.narrow(-2, top, rows).narrow(-1, left, columns);
    if (typeof value === 'number') window.fill_(value);
    else window.copy_(value);
  });
  return target;
}
