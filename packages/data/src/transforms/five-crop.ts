import { checkBoolean, composite, readArguments, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { CenterCrop, crop } from './crop.js';
import { cropSize, imageSize, pairOf, Transform } from './transform.js';

/**
 * The four corner crops and the central crop of size [h, w], in torchvision's order: top-left,
 * top-right, bottom-left, bottom-right, centre (torchvision's `five_crop`).
 * @example
 * const [topLeft, topRight, bottomLeft, bottomRight, centre] = fiveCrop(image, 24);
 */
export function fiveCrop(image: Tensor, size: number | readonly [number, number], ...extra: never[]): Tensor[] {
  if (extra.length > 0) refuseExtraArguments('fiveCrop', ['image', 'size'], extra);
  const [cropHeight, cropWidth] = cropSize('fiveCrop', size);
  const [height, width] = imageSize('fiveCrop', image);
  if (cropHeight > height || cropWidth > width)
    throw new Error(`fiveCrop: requested crop size [${cropHeight}, ${cropWidth}] is bigger than input size [${height}, ${width}]`);
  const bottom = height - cropHeight;
  const right = width - cropWidth;
  return [
    crop(image, 0, 0, cropHeight, cropWidth),
    crop(image, 0, right, cropHeight, cropWidth),
    crop(image, bottom, 0, cropHeight, cropWidth),
    crop(image, bottom, right, cropHeight, cropWidth),
    new CenterCrop([cropHeight, cropWidth]).forward(image),
  ];
}

/**
 * The five crops of the image, then the five crops of its mirror (left–right, or top–bottom with
 * `verticalFlip`) (torchvision's `ten_crop`).
 * @example
 * tenCrop(image, 24).length; // 10
 */
export function tenCrop(image: Tensor, size: number | readonly [number, number], verticalFlip = false, ...extra: never[]): Tensor[] {
  if (extra.length > 0) refuseExtraArguments('tenCrop', ['image', 'size', 'verticalFlip'], extra);
  cropSize('tenCrop', size);
  imageSize('tenCrop', image);
  checkBoolean('tenCrop', 'verticalFlip', verticalFlip);
  // the mirrored image is released when the call returns
  return composite(() => [...fiveCrop(image, size), ...fiveCrop(image.flip(verticalFlip ? image.ndim - 2 : image.ndim - 1), size)]);
}

/**
 * Returns the five crops as an array (torchvision's `FiveCrop`, which returns a tuple); stack them
 * for a batch: `stack(new FiveCrop(24).forward(image))`.
 * @example
 * new FiveCrop(24).forward(image); // five [C, 24, 24] tensors
 */
export class FiveCrop extends Transform<Tensor, Tensor[]> {
  /** Crop size [h, w]. */
  readonly size: [number, number];

  constructor(size: number | readonly [number, number]);
  constructor(size: number | readonly [number, number], ...rest: unknown[]) {
    super();
    readArguments('FiveCrop', rest, [], []); // torchvision's FiveCrop(size) takes nothing else
    this.size = pairOf(size);
  }

  forward(image: Tensor): Tensor[] {
    return fiveCrop(image, this.size);
  }
}

/** Options of `TenCrop`. */
export interface TenCropOptions {
  /** Mirror top–bottom instead of left–right. Default false. */
  verticalFlip?: boolean;
}

/**
 * Returns the ten crops as an array (torchvision's `TenCrop`).
 * @example
 * new TenCrop(24, { verticalFlip: true }).forward(image); // ten [C, 24, 24] tensors
 * new TenCrop(24, true); // torchvision's positional order: size, vertical_flip
 */
export class TenCrop extends Transform<Tensor, Tensor[]> {
  /** Crop size [h, w]. */
  readonly size: [number, number];
  /** The options as given (positionally or as an object). */
  readonly options: TenCropOptions;

  constructor(size: number | readonly [number, number], options?: TenCropOptions);
  /** torchvision's order: `TenCrop(size, vertical_flip)`. */
  constructor(size: number | readonly [number, number], verticalFlip?: boolean);
  constructor(size: number | readonly [number, number], ...rest: unknown[]) {
    super();
    this.options = readArguments<TenCropOptions>('TenCrop', rest, ['verticalFlip'], ['verticalFlip']);
    checkBoolean('TenCrop', 'verticalFlip', this.options.verticalFlip ?? false);
    this.size = pairOf(size);
  }

  forward(image: Tensor): Tensor[] {
    return tenCrop(image, this.size, this.options.verticalFlip ?? false);
  }
}
