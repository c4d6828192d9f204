import { checkBoolean, composite, describeValue, readArguments, tensor, type Tensor } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { checkOrderedRange } from './parameter-ranges.js';
import { imageSize, mapPlanes, roundHalfEven, Transform } from './transform.js';

export interface RandomErasingOptions {
  /** Probability of erasing; default 0.5. */
  p?: number;
  /** Range of the erased area as a fraction of the image; default [0.02, 0.33]. */
  scale?: readonly [number, number];
  /** Range of the erased aspect ratio h/w, drawn log-uniformly; default [0.3, 3.3]. */
  ratio?: readonly [number, number];
  /**
   * What is written into the rectangle: one number, one per channel, or 'random' (standard normal
   * values, one per erased pixel and channel, drawn from the generator); default 0.
   */
  value?: number | readonly number[] | 'random';
  /** Erase in the input tensor's buffer and return that tensor (torchvision's `inplace=True`). Default false. */
  inplace?: boolean;
  /** Default the global generator. */
  generator?: Generator;
}

const erasingPositionals = ['p', 'scale', 'ratio', 'value', 'inplace'];

/** Checks a [min, max] pair of numbers, each satisfying `valid`. */
function checkRange(name: string, value: unknown, valid: (x: number) => boolean, rule: string): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length !== 2 || !value.every((x) => typeof x === 'number' && valid(x)))
    throw new Error(`RandomErasing: ${name} must be a [min, max] pair of numbers ${rule}, got ${describeValue(value)}`);
  checkOrderedRange('RandomErasing', name, value);
}

/**
 * Erases a random rectangle (torchvision's `RandomErasing`, Zhong et al. 2017): with probability p,
 * up to 10 tries of area ~ U(scale)·H·W and ratio ~ exp(U(log ratio)), h = round(√(area·ratio)),
 * w = round(√(area/ratio)), until h < H and w < W; the rectangle gets `value` (per channel, or normal
 * noise for 'random'). With `inplace` the input's buffer is written and the input returned.
 * @example
 * new RandomErasing({ p: 1, generator: new Generator(0) }).forward(image);
 * new RandomErasing(0.5, [0.02, 0.2]); // torchvision's positional order: p, scale, ratio, value, inplace
 */
export class RandomErasing extends Transform {
  /** The options as given (positionally or as an object). */
  readonly options: RandomErasingOptions;

  constructor(options?: RandomErasingOptions);
  /** torchvision's order: `RandomErasing(p, scale, ratio, value, inplace)`, then the options. */
  constructor(
    p?: number,
    scale?: readonly [number, number],
    ratio?: readonly [number, number],
    value?: number | readonly number[] | 'random',
    inplace?: boolean,
    options?: Pick<RandomErasingOptions, 'generator'>,
  );
  constructor(...rest: unknown[]) {
    super();
    const options = readArguments<RandomErasingOptions>('RandomErasing', rest, erasingPositionals, [...erasingPositionals, 'generator']);
    this.options = options;
    const { p = 0.5, value = 0 } = options;
    if (!(typeof p === 'number' && p >= 0 && p <= 1))
      throw new Error(`RandomErasing: p (the probability of erasing) must be in [0, 1], got ${describeValue(p)}`);
    checkRange('scale', options.scale, (s) => s >= 0 && s <= 1, 'in [0, 1]');
    checkRange('ratio', options.ratio, (r) => r > 0, 'that are positive');
    if (
      typeof value !== 'number' &&
      value !== 'random' &&
      !(Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number'))
    )
      throw new Error(
        `RandomErasing: value must be a number, a list of numbers (one per channel) or 'random', got ${describeValue(value)}`,
      );
    checkBoolean('RandomErasing', 'inplace', options.inplace ?? false);
  }

  forward(image: Tensor): Tensor {
    const generator = resolveGenerator(this.options.generator);
    if (generator.random() >= (this.options.p ?? 0.5)) return image;
    const [height, width] = imageSize('RandomErasing', image);
    const channels = image.ndim >= 3 ? image.shape[image.ndim - 3]! : 1;
    const value = this.options.value ?? 0;
    if (Array.isArray(value) && value.length !== 1 && value.length !== channels)
      throw new Error(`RandomErasing: value has ${value.length} numbers for ${channels} channels; give one, ${channels} or 'random'`);
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
      // torchvision's v: [C, h, w] normal noise for 'random' (after the draws of the rectangle here), else one value per channel
      const fill =
        value === 'random'
          ? generator.normal(channels * eraseHeight * eraseWidth)
          : typeof value === 'number'
            ? [value]
            : (value as readonly number[]);
      const erased = () => eraseWith(image, top, left, eraseHeight, eraseWidth, fill, value === 'random', channels);
      if (!this.options.inplace) return erased();
      // torchvision's img[..., i:i+h, j:j+w] = v on the input itself; the erased copy is released when the call returns
      return composite(() => image.copy_(erased()));
    }
    return image;
  }
}

/**
 * `image` with the rectangle [top, top + h) × [left, left + w) of every plane set from `values`: one
 * number per channel (a single one for all), or with `noise` a [C, h, w] block shared by the images of
 * a batch (torchvision's v broadcast over the batch).
 */
function eraseWith(
  image: Tensor,
  top: number,
  left: number,
  height: number,
  width: number,
  values: ArrayLike<number>,
  noise: boolean,
  channels: number,
): Tensor {
  const [inHeight, inWidth] = imageSize('erase', image);
  const result = mapPlanes(image, inHeight, inWidth, (source, target, plane) => {
    target.set(source);
    const channel = plane % channels;
    for (let y = top; y < Math.min(inHeight, top + height); y++)
      for (let x = left; x < Math.min(inWidth, left + width); x++)
        target[y * inWidth + x] = noise
          ? values[(channel * height + (y - top)) * width + (x - left)]!
          : values[values.length === 1 ? 0 : channel]!;
  });
  if (image.dtype === result.dtype) return result;
  const cast = tensor(result, { dtype: image.dtype });
  result.dispose();
  return cast;
}
