import { composite, describeValue, readArguments, refuseExtraArguments, type Tensor, checkTensorArguments } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { grayscale, isFloatImage } from './grayscale.js';
import { adjustHue } from './hue.js';
import { Transform } from './transform.js';

/**
 * factor · image + (1 − factor) · other, clamped to [0, 1] for a float image, or to [0, 255] and
 * truncated back to the image's integer dtype (torchvision's _blend).
 */
function blend(image: Tensor, other: Tensor | number, factor: number): Tensor {
  const floating = isFloatImage(image);
  const blended = image
    .mul(factor)
    .add(typeof other === 'number' ? other * (1 - factor) : other.mul(1 - factor))
    .clamp(0, floating ? 1 : 255);
  return floating ? blended : blended.to(image.dtype);
}

/** Checks an adjustment's factor (≥ 0) and image ([..., 1 or 3, H, W]), as torchvision's adjust_* functions. */
function checkAdjustment(operation: string, name: string, image: Tensor, factor: number): void {
  checkTensorArguments(operation, { image });
  if (!(typeof factor === 'number' && factor >= 0)) throw new Error(`${operation}: ${name} (${String(factor)}) is not non-negative`);
  const channels = image.ndim >= 3 ? image.shape[image.ndim - 3]! : 0;
  if (channels !== 1 && channels !== 3)
    throw new Error(`${operation}: expects an image [..., C, H, W] with 1 or 3 channels, got shape [${image.shape.join(', ')}]`);
}

// Each adjustment is a composite: its products, grey image and unclamped sum are released when it returns.

/** Brightness: image · factor, clamped (torchvision's adjust_brightness). */
export function adjustBrightness(image: Tensor, factor: number, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('adjustBrightness', ['image', 'factor'], extra);
  checkAdjustment('adjustBrightness', 'brightnessFactor', image, factor);
  return composite(() => blend(image, 0, factor));
}

/**
 * Contrast: blend with the mean grey level of each image, taken in float (torchvision's
 * adjust_contrast).
 */
export function adjustContrast(image: Tensor, factor: number, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('adjustContrast', ['image', 'factor'], extra);
  checkAdjustment('adjustContrast', 'contrastFactor', image, factor);
  const dims = [image.ndim - 3, image.ndim - 2, image.ndim - 1];
  return composite(() => {
    const grey = grayscale(image);
    return blend(image, (isFloatImage(grey) ? grey : grey.float()).mean(dims, true), factor);
  });
}

/**
 * Saturation: blend with the grayscale image (torchvision's adjust_saturation). A one-channel image
 * is returned as it is, as torchvision (to match PIL).
 */
export function adjustSaturation(image: Tensor, factor: number, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('adjustSaturation', ['image', 'factor'], extra);
  checkAdjustment('adjustSaturation', 'saturationFactor', image, factor);
  if (image.shape[image.ndim - 3] === 1) return image;
  return composite(() => blend(image, grayscale(image), factor));
}

type Range = number | [number, number];

/** The options of `ColorJitter`: each a spread v (one number) or a [min, max] range of factors. */
export interface ColorJitterOptions {
  /** Brightness factor uniform in [max(0, 1 − v), 1 + v] or [min, max]; default 0 (none). */
  brightness?: Range;
  /** Contrast factor, as brightness; default 0 (none). */
  contrast?: Range;
  /** Saturation factor, as brightness; default 0 (none). */
  saturation?: Range;
  /** Hue shift uniform in [−v, v] or [min, max], within [−0.5, 0.5] (a fraction of the colour circle); default 0. */
  hue?: Range;
  /** Default the global generator. */
  generator?: Generator;
}

const jitterFactors = ['brightness', 'contrast', 'saturation', 'hue'];

/**
 * Random brightness, contrast, saturation and hue (torchvision's `ColorJitter`): each factor is drawn
 * from its range and the four adjustments are applied in a random order; one that is not asked for
 * (0, or a range that holds only its identity) is skipped. Ranges are checked as torchvision checks them.
 * @example
 * new ColorJitter({ brightness: 0.2, contrast: 0.2, saturation: 0.2, hue: 0.1, generator: new Generator(0) }).forward(image);
 * new ColorJitter(0.2, 0.2); // torchvision's positional order: brightness, contrast, saturation, hue
 */
export class ColorJitter extends Transform {
  /** The options as given (positionally or as an object). */
  readonly options: ColorJitterOptions;
  private readonly ranges: readonly ([number, number] | null)[];

  constructor(options?: ColorJitterOptions);
  /** torchvision's order: `ColorJitter(brightness, contrast, saturation, hue)`, then the options. */
  constructor(brightness?: Range, contrast?: Range, saturation?: Range, hue?: Range, options?: Pick<ColorJitterOptions, 'generator'>);
  constructor(...rest: unknown[]) {
    super();
    const options = readArguments<ColorJitterOptions>('ColorJitter', rest, jitterFactors, [...jitterFactors, 'generator']);
    this.options = options;
    this.ranges = [
      factorRange('brightness', options.brightness, 1, [0, Infinity]),
      factorRange('contrast', options.contrast, 1, [0, Infinity]),
      factorRange('saturation', options.saturation, 1, [0, Infinity]),
      factorRange('hue', options.hue, 0, [-0.5, 0.5]),
    ];
  }

  forward(image: Tensor): Tensor {
    const generator = resolveGenerator(this.options.generator);
    const adjustments = [adjustBrightness, adjustContrast, adjustSaturation, adjustHue];
    // the images between adjustments are released when the call returns
    return composite(() => {
      let result = image;
      for (const index of generator.permutation(adjustments.length)) {
        const range = this.ranges[index];
        if (range) result = adjustments[index]!(result, generator.random(range[0], range[1]));
      }
      return result;
    });
  }
}

/**
 * torchvision's ColorJitter._check_input: one number v ≥ 0 is [center − v, center + v] (clipped at 0
 * for the factors, whose center is 1), a pair is taken as it is; the range must lie in `bounds`, and a
 * range of only the identity (`center`) means "no adjustment" (null).
 */
function factorRange(name: string, value: Range | undefined, center: number, bounds: [number, number]): [number, number] | null {
  if (value === undefined) return null;
  let range: [number, number];
  if (typeof value === 'number') {
    if (!(value >= 0)) throw new Error(`ColorJitter: ${name} as one number must be non-negative, got ${value}`);
    range = [center === 1 ? Math.max(0, center - value) : center - value, center + value];
  } else if (Array.isArray(value) && value.length === 2 && value.every((bound) => typeof bound === 'number')) {
    range = [value[0], value[1]];
  } else {
    throw new Error(`ColorJitter: ${name} must be one number or a [min, max] pair, got ${describeValue(value)}`);
  }
  if (!(bounds[0] <= range[0] && range[0] <= range[1] && range[1] <= bounds[1]))
    throw new Error(`ColorJitter: ${name} values must lie in [${bounds[0]}, ${bounds[1]}] with min ≤ max, got [${range[0]}, ${range[1]}]`);
  return range[0] === center && range[1] === center ? null : range;
}
