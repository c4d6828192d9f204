import { checkBoolean, composite, describeValue, readArguments, type Tensor } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { checkOrderedRange } from './parameter-ranges.js';
import { crop } from './crop.js';
import { checkAntialias, checkResizeInterpolation, resizeTo, type ResizeInterpolation } from './resize.js';
import { imageSize, pairOf, roundHalfEven, Transform } from './transform.js';

export interface RandomResizedCropOptions {
  /** Range of the crop's area as a fraction of the image; default [0.08, 1]. */
  scale?: readonly [number, number];
  /** Range of the crop's aspect ratio w/h, drawn log-uniformly; default [3/4, 4/3]. */
  ratio?: readonly [number, number];
  /** How the crop is resized: 'bilinear', 'nearest' or 'bicubic' (torchvision's PIL-only modes throw). Default 'bilinear'. */
  interpolation?: ResizeInterpolation;
  /** Antialias when shrinking (bilinear or bicubic, as `Resize`). Default false (torchvision 0.14's None on tensors). */
  antialias?: boolean | null;
  /** Default the global generator. */
  generator?: Generator;
}

const resizedCropPositionals = ['scale', 'ratio', 'interpolation', 'antialias'];

/** Checks a [min, max] range of non-negative (or positive) numbers. */
function checkRange(name: string, value: unknown, positive: boolean): void {
  if (value === undefined) return;
  const valid = (bound: unknown) => typeof bound === 'number' && (positive ? bound > 0 : bound >= 0);
  if (!Array.isArray(value) || value.length !== 2 || !value.every(valid))
    throw new Error(
      `RandomResizedCrop: ${name} must be a [min, max] pair of ${positive ? 'positive' : 'non-negative'} numbers, got ${describeValue(value)}`,
    );
  checkOrderedRange('RandomResizedCrop', name, value);
}

/**
 * A random crop of random area and aspect ratio, resized to `size` (torchvision's `RandomResizedCrop`,
 * same parameter search): up to 10 tries of area ~ U(scale)·H·W, ratio ~ exp(U(log ratio)),
 * w = round(√(area·ratio)), h = round(√(area/ratio)) until it fits; else a central crop clamped to the
 * ratio range. Resizing is bilinear by default (or nearest, or bicubic).
 * @example
 * new RandomResizedCrop(224, { generator: new Generator(0) }).forward(image); // [3, 224, 224]
 * new RandomResizedCrop(224, [0.5, 1]); // torchvision's positional order: size, scale, ratio, interpolation, antialias
 */
export class RandomResizedCrop extends Transform {
  readonly size: [number, number];
  /** The options as given (positionally or as an object). */
  readonly options: RandomResizedCropOptions;
  /** Default 'bilinear'. */
  readonly interpolation: ResizeInterpolation;
  /** Default false. */
  readonly antialias: boolean;

  constructor(size: number | readonly [number, number], options?: RandomResizedCropOptions);
  /** torchvision's order: `RandomResizedCrop(size, scale, ratio, interpolation, antialias)`, then the options. */
  constructor(
    size: number | readonly [number, number],
    scale?: readonly [number, number],
    ratio?: readonly [number, number],
    interpolation?: ResizeInterpolation,
    antialias?: boolean | null,
    options?: Pick<RandomResizedCropOptions, 'generator'>,
  );
  constructor(size: number | readonly [number, number], ...rest: unknown[]) {
    super();
    const options = readArguments<RandomResizedCropOptions>('RandomResizedCrop', rest, resizedCropPositionals, [
      ...resizedCropPositionals,
      'generator',
    ]);
    this.options = options;
    this.size = pairOf(size);
    checkRange('scale', options.scale, false);
    checkRange('ratio', options.ratio, true);
    this.interpolation = checkResizeInterpolation('RandomResizedCrop', options.interpolation ?? 'bilinear');
    this.antialias = checkBoolean('RandomResizedCrop', 'antialias', options.antialias ?? false);
    checkAntialias('RandomResizedCrop', this.antialias, this.interpolation);
  }

  /** [top, left, height, width] of the crop for an image of this size. */
  parameters(height: number, width: number): [number, number, number, number] {
    const [minScale, maxScale] = this.options.scale ?? [0.08, 1];
    const [minRatio, maxRatio] = this.options.ratio ?? [3 / 4, 4 / 3];
    const generator = resolveGenerator(this.options.generator);
    const area = height * width;
    for (let attempt = 0; attempt < 10; attempt++) {
      const [scaleDraw, ratioDraw, topDraw, leftDraw] = generator.uniform(4);
      const targetArea = area * (minScale + (maxScale - minScale) * scaleDraw!);
      const aspect = Math.exp(Math.log(minRatio) + (Math.log(maxRatio) - Math.log(minRatio)) * ratioDraw!);
      const cropWidth = roundHalfEven(Math.sqrt(targetArea * aspect));
      const cropHeight = roundHalfEven(Math.sqrt(targetArea / aspect));
      if (cropWidth > 0 && cropWidth <= width && cropHeight > 0 && cropHeight <= height)
        return [Math.floor(topDraw! * (height - cropHeight + 1)), Math.floor(leftDraw! * (width - cropWidth + 1)), cropHeight, cropWidth];
    }
    const inRatio = width / height;
    let [cropHeight, cropWidth] = [height, width];
    if (inRatio < minRatio) cropHeight = roundHalfEven(width / minRatio);
    else if (inRatio > maxRatio) cropWidth = roundHalfEven(height * maxRatio);
    return [Math.floor((height - cropHeight) / 2), Math.floor((width - cropWidth) / 2), cropHeight, cropWidth];
  }

  forward(image: Tensor): Tensor {
    const [height, width] = imageSize('RandomResizedCrop', image);
    const [top, left, cropHeight, cropWidth] = this.parameters(height, width);
    // the crop is released when the call returns
    return composite(() =>
      resizeTo(crop(image, top, left, cropHeight, cropWidth), this.size[0], this.size[1], this.interpolation, this.antialias),
    );
  }
}
