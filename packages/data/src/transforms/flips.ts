import { readArguments, type Tensor } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { Transform } from './transform.js';

/** Options of `RandomHorizontalFlip` and `RandomVerticalFlip`. */
export interface FlipOptions {
  /** Probability of flipping. Default 0.5. */
  p?: number;
  /** Default the global generator. */
  generator?: Generator;
}

const flipKeys = ['p', 'generator'];

/**
 * Mirrors images left–right with probability p (torchvision's `RandomHorizontalFlip`).
 * @example
 * new RandomHorizontalFlip({ p: 0.5, generator: new Generator(0) }).forward(image);
 * new RandomHorizontalFlip(0.3); // torchvision's positional p
 */
export class RandomHorizontalFlip extends Transform {
  /** The options as given (positionally or as an object). */
  readonly options: FlipOptions;

  constructor(options?: FlipOptions);
  /** torchvision's order: `RandomHorizontalFlip(p)`, then the options. */
  constructor(p?: number, options?: Pick<FlipOptions, 'generator'>);
  constructor(...rest: unknown[]) {
    super();
    this.options = readArguments<FlipOptions>('RandomHorizontalFlip', rest, ['p'], flipKeys);
  }

  forward(image: Tensor): Tensor {
    return resolveGenerator(this.options.generator).random() < (this.options.p ?? 0.5) ? image.flip(-1) : image;
  }
}

/**
 * Mirrors images top–bottom with probability p (torchvision's `RandomVerticalFlip`).
 * @example
 * new RandomVerticalFlip({ p: 1 }).forward(image); // always flipped
 * new RandomVerticalFlip(0.3); // torchvision's positional p
 */
export class RandomVerticalFlip extends Transform {
  /** The options as given (positionally or as an object). */
  readonly options: FlipOptions;

  constructor(options?: FlipOptions);
  /** torchvision's order: `RandomVerticalFlip(p)`, then the options. */
  constructor(p?: number, options?: Pick<FlipOptions, 'generator'>);
  constructor(...rest: unknown[]) {
    super();
    this.options = readArguments<FlipOptions>('RandomVerticalFlip', rest, ['p'], flipKeys);
  }

  forward(image: Tensor): Tensor {
    return resolveGenerator(this.options.generator).random() < (this.options.p ?? 0.5) ? image.flip(-2) : image;
  }
}
