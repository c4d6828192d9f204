import { checkBoolean, composite, describeValue, readArguments, type Tensor } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { crop, pad } from './crop.js';
import { padSymmetric, paddingSides, type PaddingMode } from './pad-transform.js';
import { imageSize, pairOf, Transform } from './transform.js';

export interface RandomCropOptions {
  /** Padding before cropping: one number for all sides, [horizontal, vertical], or [left, top, right, bottom]. Default none. */
  padding?: number | readonly [number, number] | readonly [number, number, number, number] | null;
  /** Pad images smaller than the crop; default false. */
  padIfNeeded?: boolean;
  /** Value of the constant padding; default 0. */
  fill?: number;
  /** How the padding is filled: 'constant', 'edge', 'reflect' or 'symmetric'; default 'constant'. */
  paddingMode?: PaddingMode;
  /** Default the global generator. */
  generator?: Generator;
}

const cropPositionals = ['padding', 'padIfNeeded', 'fill', 'paddingMode'];

/** Pads by [left, top, right, bottom] in `mode`, as torchvision's `F.pad` (symmetric mirrors the edge too). */
function padWith(image: Tensor, sides: [number, number, number, number], fill: number, mode: PaddingMode): Tensor {
  return mode === 'symmetric' ? padSymmetric(image, sides) : pad(image, sides, { fill, mode });
}

/**
 * A random h × w window, after optional padding (torchvision's `RandomCrop`): top uniform in
 * 0..H − h and left in 0..W − w. The CIFAR recipe is `new RandomCrop(32, { padding: 4 })`.
 * @example
 * new RandomCrop(28, { padding: 2, generator: new Generator(0) }).forward(image);
 * new RandomCrop(28, 2); // torchvision's positional order: size, padding, pad_if_needed, fill, padding_mode
 */
export class RandomCrop extends Transform {
  readonly size: [number, number];
  /** The options as given (positionally or as an object). */
  readonly options: RandomCropOptions;

  constructor(size: number | readonly [number, number], options?: RandomCropOptions);
  /** torchvision's order: `RandomCrop(size, padding, pad_if_needed, fill, padding_mode)`, then the options. */
  constructor(
    size: number | readonly [number, number],
    padding?: RandomCropOptions['padding'],
    padIfNeeded?: boolean,
    fill?: number,
    paddingMode?: PaddingMode,
    options?: Pick<RandomCropOptions, 'generator'>,
  );
  constructor(size: number | readonly [number, number], ...rest: unknown[]) {
    super();
    const options = readArguments<RandomCropOptions>('RandomCrop', rest, cropPositionals, [...cropPositionals, 'generator']);
    this.options = options;
    this.size = pairOf(size);
    if (options.padding !== undefined && options.padding !== null) paddingSides('RandomCrop', options.padding);
    checkBoolean('RandomCrop', 'padIfNeeded', options.padIfNeeded ?? false);
    if (typeof (options.fill ?? 0) !== 'number') throw new Error(`RandomCrop: fill must be a number, got ${describeValue(options.fill)}`);
    const mode = options.paddingMode ?? 'constant';
    if (!['constant', 'edge', 'reflect', 'symmetric'].includes(mode))
      throw new Error(`RandomCrop: paddingMode must be 'constant', 'edge', 'reflect' or 'symmetric', got ${describeValue(mode)}`);
  }

  forward(image: Tensor): Tensor {
    return composite(() => this.padAndCrop(image)); // the padded image is released when the call returns
  }

  private padAndCrop(image: Tensor): Tensor {
    const { padding, fill = 0, paddingMode = 'constant' } = this.options;
    let padded = image;
    if (padding !== undefined && padding !== null) padded = padWith(padded, paddingSides('RandomCrop', padding), fill, paddingMode);
    const [cropHeight, cropWidth] = this.size;
    let [height, width] = imageSize('RandomCrop', padded);
    if (this.options.padIfNeeded && (height < cropHeight || width < cropWidth)) {
      const extraWidth = Math.max(0, cropWidth - width);
      const extraHeight = Math.max(0, cropHeight - height);
      padded = padWith(padded, [extraWidth, extraHeight, extraWidth, extraHeight], fill, paddingMode);
      [height, width] = imageSize('RandomCrop', padded);
    }
    if (height < cropHeight || width < cropWidth)
      throw new Error(`RandomCrop: required crop size (${cropHeight}, ${cropWidth}) is larger than input image size (${height}, ${width})`);
    const [topDraw, leftDraw] = resolveGenerator(this.options.generator).uniform(2);
    const top = Math.floor(topDraw! * (height - cropHeight + 1));
    const left = Math.floor(leftDraw! * (width - cropWidth + 1));
    return crop(padded, top, left, cropHeight, cropWidth);
  }
}
