import { checkOptions, composite, type Tensor } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { crop, pad } from './crop.js';
import { imageSize, pairOf, Transform } from './transform.js';

export interface RandomCropOptions {
  /** Padding before cropping: one number for all sides, [horizontal, vertical], or [left, top, right, bottom]. */
  padding?: number | readonly [number, number] | readonly [number, number, number, number];
  /** Pad images smaller than the crop; default false. */
  padIfNeeded?: boolean;
  fill?: number;
  paddingMode?: 'constant' | 'reflect' | 'edge';
  generator?: Generator;
}

/**
 * A random h × w window, after optional padding (torchvision's `RandomCrop`): top uniform in
 * 0..H − h and left in 0..W − w. The CIFAR recipe is `new RandomCrop(32, { padding: 4 })`.
 * @example
 * new RandomCrop(28, { padding: 2, generator: new Generator(0) }).forward(image);
 */
export class RandomCrop extends Transform {
  readonly size: [number, number];

  constructor(
    size: number | readonly [number, number],
    readonly options: RandomCropOptions = {},
  ) {
    super();
    checkOptions('RandomCrop', options, ['padding', 'padIfNeeded', 'fill', 'paddingMode', 'generator']);
    this.size = pairOf(size);
  }

  forward(image: Tensor): Tensor {
    return composite(() => this.padAndCrop(image)); // the padded image is released when the call returns
  }

  private padAndCrop(image: Tensor): Tensor {
    const { padding, fill = 0, paddingMode = 'constant' } = this.options;
    let padded = image;
    if (padding !== undefined) {
      const sides: [number, number, number, number] =
        typeof padding === 'number'
          ? [padding, padding, padding, padding]
          : padding.length === 2
            ? [padding[0], padding[1], padding[0], padding[1]]
            : ([...padding] as [number, number, number, number]);
      padded = pad(padded, sides, { fill, mode: paddingMode });
    }
    const [cropHeight, cropWidth] = this.size;
    let [height, width] = imageSize('RandomCrop', padded);
    if (this.options.padIfNeeded && (height < cropHeight || width < cropWidth)) {
      const extraWidth = Math.max(0, cropWidth - width);
      const extraHeight = Math.max(0, cropHeight - height);
      padded = pad(padded, [extraWidth, extraHeight, extraWidth, extraHeight], { fill, mode: paddingMode });
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
