import { checkOptions, tensor, type Tensor } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { imageSize, mapPlanes, roundHalfEven, Transform } from './transform.js';

export interface RandomErasingOptions {
  /** Probability of erasing; default 0.5. */
  p?: number;
  /** Range of the erased area as a fraction of the image; default [0.02, 0.33]. */
  scale?: [number, number];
  /** Range of the erased aspect ratio h/w, drawn log-uniformly; default [0.3, 3.3]. */
  ratio?: [number, number];
  /** Value written into the rectangle; default 0. */
  value?: number;
  generator?: Generator;
}

/**
 * Erases a random rectangle (torchvision's `RandomErasing`, Zhong et al. 2017): with probability p,
 * up to 10 tries of area ~ U(scale)·H·W and ratio ~ exp(U(log ratio)), h = round(√(area·ratio)),
 * w = round(√(area/ratio)), until h < H and w < W; the rectangle gets `value`.
 * @example
 * new RandomErasing({ p: 1, generator: new Generator(0) }).forward(image);
 */
export class RandomErasing extends Transform {
  constructor(readonly options: RandomErasingOptions = {}) {
    super();
    checkOptions('RandomErasing', options, ['p', 'scale', 'ratio', 'value', 'generator']);
  }

  forward(image: Tensor): Tensor {
    const generator = resolveGenerator(this.options.generator);
    if (generator.random() >= (this.options.p ?? 0.5)) return image;
    const [height, width] = imageSize('RandomErasing', image);
    const [minScale, maxScale] = this.options.scale ?? [0.02, 0.33];
    const [minRatio, maxRatio] = this.options.ratio ?? [0.3, 3.3];
    for (let attempt = 0; attempt < 10; attempt++) {
      const [scaleDraw, ratioDraw, topDraw, leftDraw] = generator.uniform(4);
      const area = height * width * (minScale + (maxScale - minScale) * scaleDraw!);
      const aspect = Math.exp(Math.log(minRatio) + (Math.log(maxRatio) - Math.log(minRatio)) * ratioDraw!);
      const eraseHeight = roundHalfEven(Math.sqrt(area * aspect));
      const eraseWidth = roundHalfEven(Math.sqrt(area / aspect));
      if (!(eraseHeight < height && eraseWidth < width)) continue;
      const top = Math.floor(topDraw! * (height - eraseHeight + 1));
      const left = Math.floor(leftDraw! * (width - eraseWidth + 1));
      return erase(image, top, left, eraseHeight, eraseWidth, this.options.value ?? 0);
    }
    return image;
  }
}

/**
 * `value` in the rectangle [top, top + h) × [left, left + w) of every plane (torchvision's `erase`).
 * @example
 * erase(image, 0, 0, 4, 4, 0);
 */
export function erase(image: Tensor, top: number, left: number, height: number, width: number, value: number): Tensor {
  const [inHeight, inWidth] = imageSize('erase', image);
  const result = mapPlanes(image, inHeight, inWidth, (source, target) => {
    target.set(source);
    for (let y = top; y < Math.min(inHeight, top + height); y++)
      target.fill(value, y * inWidth + left, y * inWidth + Math.min(inWidth, left + width));
  });
  return image.dtype === result.dtype ? result : tensor(result, { dtype: image.dtype });
}
