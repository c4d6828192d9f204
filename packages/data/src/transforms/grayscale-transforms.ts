import { describeValue, readArguments, type Tensor } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { convertToGrayscale, type GrayscaleConversionOptions } from './grayscale.js';
import { Transform } from './transform.js';

/**
 * The luma image (0.2989 R + 0.587 G + 0.114 B) with 1 or 3 channels (torchvision's
 * `rgb_to_grayscale`): 3 channels are the luma broadcast (an expanded view, as torchvision's
 * `expand`). A 1-channel image is copied and keeps its single channel whatever is asked, as in
 * torchvision (`expand` to the input's shape). `grayscale` is the same function.
 * @example
 * rgbToGrayscale(image, 3); // [3, H, W], every channel the luma
 * rgbToGrayscale(image, { numOutputChannels: 3 }); // torchvision's keyword
 */
export function rgbToGrayscale(image: Tensor, numOutputChannels?: 1 | 3): Tensor;
/** torchvision's keyword as an options object. */
export function rgbToGrayscale(image: Tensor, options: GrayscaleConversionOptions): Tensor;
export function rgbToGrayscale(image: Tensor, ...rest: unknown[]): Tensor {
  return convertToGrayscale('rgbToGrayscale', image, rest);
}

/** Options of `Grayscale`. */
export interface GrayscaleOptions {
  /** 1 or 3; default 1. */
  numOutputChannels?: 1 | 3;
}

/** Options of `RandomGrayscale`. */
export interface RandomGrayscaleOptions {
  /** Probability of converting; default 0.1. */
  p?: number;
  /** Default the global generator. */
  generator?: Generator;
}

/**
 * Converts images to grayscale (torchvision's `Grayscale`).
 * @example
 * new Grayscale({ numOutputChannels: 3 }).forward(image); // [3, H, W] for a pretrained RGB network
 * new Grayscale(3); // torchvision's positional num_output_channels
 */
export class Grayscale extends Transform {
  /** 1 or 3. Default 1. */
  readonly numOutputChannels: 1 | 3;
  /** The options as given (positionally or as an object). */
  readonly options: GrayscaleOptions;

  constructor(options?: GrayscaleOptions);
  /** torchvision's order: `Grayscale(num_output_channels)`. */
  constructor(numOutputChannels?: 1 | 3);
  constructor(...rest: unknown[]) {
    super();
    const options = readArguments<GrayscaleOptions>('Grayscale', rest, ['numOutputChannels'], ['numOutputChannels']);
    this.options = options;
    const channels = options.numOutputChannels ?? 1;
    if (channels !== 1 && channels !== 3) throw new Error(`Grayscale: numOutputChannels must be 1 or 3, got ${describeValue(channels)}`);
    this.numOutputChannels = channels;
  }

  forward(image: Tensor): Tensor {
    return rgbToGrayscale(image, this.numOutputChannels);
  }
}

/**
 * Converts images to grayscale with probability p, keeping their number of channels (torchvision's
 * `RandomGrayscale`).
 * @example
 * new RandomGrayscale({ p: 0.2, generator: new Generator(0) }).forward(image);
 * new RandomGrayscale(0.2); // torchvision's positional p
 */
export class RandomGrayscale extends Transform {
  /** The options as given (positionally or as an object). */
  readonly options: RandomGrayscaleOptions;

  constructor(options?: RandomGrayscaleOptions);
  /** torchvision's order: `RandomGrayscale(p)`, then the options. */
  constructor(p?: number, options?: Pick<RandomGrayscaleOptions, 'generator'>);
  constructor(...rest: unknown[]) {
    super();
    const options = readArguments<RandomGrayscaleOptions>('RandomGrayscale', rest, ['p'], ['p', 'generator']);
    this.options = options;
    const p = options.p ?? 0.1;
    if (!(p >= 0 && p <= 1)) throw new Error(`RandomGrayscale: p must be in [0, 1], got ${describeValue(options.p)}`);
  }

  forward(image: Tensor): Tensor {
    if (!(resolveGenerator(this.options.generator).random() < (this.options.p ?? 0.1))) return image;
    const channels = image.ndim >= 3 ? image.shape[image.ndim - 3]! : 0;
    return rgbToGrayscale(image, channels === 3 ? 3 : 1);
  }
}
