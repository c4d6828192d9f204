import { checkOptions, type Tensor } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { Transform } from './transform.js';

/**
 * Mirrors images left–right with probability p (torchvision's `RandomHorizontalFlip`).
 * @example
 * new RandomHorizontalFlip({ p: 0.5, generator: new Generator(0) }).forward(image);
 */
export class RandomHorizontalFlip extends Transform {
  constructor(readonly options: { p?: number; generator?: Generator } = {}) {
    super();
    checkOptions('RandomHorizontalFlip', options, ['p', 'generator']);
  }

  forward(image: Tensor): Tensor {
    return resolveGenerator(this.options.generator).random() < (this.options.p ?? 0.5) ? image.flip(-1) : image;
  }
}

/**
 * Mirrors images top–bottom with probability p (torchvision's `RandomVerticalFlip`).
 * @example
 * new RandomVerticalFlip({ p: 1 }).forward(image); // always flipped
 */
export class RandomVerticalFlip extends Transform {
  constructor(readonly options: { p?: number; generator?: Generator } = {}) {
    super();
    checkOptions('RandomVerticalFlip', options, ['p', 'generator']);
  }

  forward(image: Tensor): Tensor {
    return resolveGenerator(this.options.generator).random() < (this.options.p ?? 0.5) ? image.flip(-2) : image;
  }
}
