import { checkOptions, composite, type Tensor } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { crop } from './crop.js';
import { resizeBilinear } from './resize.js';
import { imageSize, pairOf, roundHalfEven, Transform } from './transform.js';

export interface RandomResizedCropOptions {
  /** Range of the crop's area as a fraction of the image; default [0.08, 1]. */
  scale?: [number, number];
  /** Range of the crop's aspect ratio w/h, drawn log-uniformly; default [3/4, 4/3]. */
  ratio?: [number, number];
  generator?: Generator;
}

/**
 * A random crop of random area and aspect ratio, resized to `size` (torchvision's `RandomResizedCrop`,
 * same parameter search): up to 10 tries of area ~ U(scale)·H·W, ratio ~ exp(U(log ratio)),
 * w = round(√(area·ratio)), h = round(√(area/ratio)) until it fits; else a central crop clamped to the
 * ratio range. Resizing is bilinear.
 * @example
 * new RandomResizedCrop(224, { generator: new Generator(0) }).forward(image); // [3, 224, 224]
 */
export class RandomResizedCrop extends Transform {
  readonly size: [number, number];

  constructor(
    size: number | readonly [number, number],
    readonly options: RandomResizedCropOptions = {},
  ) {
    super();
    checkOptions('RandomResizedCrop', options, ['scale', 'ratio', 'generator']);
    this.size = pairOf(size);
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
    return composite(() => resizeBilinear(crop(image, top, left, cropHeight, cropWidth), this.size[0], this.size[1]));
  }
}
