import { describeValue, readArguments, type Tensor } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { affine } from './affine.js';
import { angleRange, checkOrderedRange } from './parameter-ranges.js';
import { checkInterpolation, type Fill, type Interpolation } from './grid-sample.js';
import { imageSize, roundHalfEven, Transform } from './transform.js';

/** Options of `RandomAffine`. */
export interface RandomAffineOptions {
  /** Largest shift as fractions [a, b] of the width and height: tx uniform in (−a·W, a·W), rounded; default none. */
  translate?: readonly [number, number] | null;
  /** Scale factor range [min, max]; default none (1). */
  scale?: readonly [number, number] | null;
  /** Shear angle in degrees: s for x in [−s, s], [min, max] for x, or [xMin, xMax, yMin, yMax]; default none. */
  shear?: number | readonly [number, number] | readonly [number, number, number, number] | null;
  /** Default 'nearest'. */
  interpolation?: Interpolation;
  /** Value of pixels from outside the image: one number or one per channel; default 0. */
  fill?: Fill | null;
  /** Centre [x, y] of the rotation in pixels; default the image centre. */
  center?: readonly [number, number] | null;
  /** Default the global generator. */
  generator?: Generator;
}

const affinePositionals = ['translate', 'scale', 'shear', 'interpolation', 'fill', 'center'];

/** The parameters one call of `RandomAffine` draws (torchvision's `RandomAffine.get_params`). */
export interface AffineParams {
  angle: number;
  translate: [number, number];
  scale: number;
  shear: [number, number];
}

/** Checks a [a, b] pair of finite numbers, each satisfying `valid`. */
function checkPair(name: string, value: unknown, valid: (x: number) => boolean, rule: string): [number, number] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length !== 2 || !value.every((x) => typeof x === 'number' && valid(x)))
    throw new Error(`RandomAffine: ${name} must be a pair of numbers ${rule}, got ${describeValue(value)}`);
  return [value[0], value[1]];
}

/**
 * A random affine map (torchvision's `RandomAffine`; a single degrees or shear number must be
 * non-negative, and every range min ≤ max): angle uniform in the degrees range (clockwise,
 * as `affine`), a shift tx = round(U(−a·W, a·W)), ty = round(U(−b·H, b·H)), a scale uniform in its
 * range and shear angles uniform in theirs, drawn in that order; the image is then sampled as
 * `affine` does, with `fill` (default 0) where the source is outside.
 * @example
 * new RandomAffine(15, { translate: [0.1, 0.1], scale: [0.9, 1.1], generator: new Generator(0) }).forward(image);
 * new RandomAffine(10, [0.1, 0.1]); // torchvision's positional order: degrees, translate, scale, shear, interpolation, fill, center
 */
export class RandomAffine extends Transform {
  /** The angle range [min, max] in degrees. */
  readonly degrees: [number, number];
  /** The options as given (positionally or as an object). */
  readonly options: RandomAffineOptions;
  private readonly translate?: [number, number];
  private readonly scale?: [number, number];
  private readonly shear?: number[];
  private readonly interpolation: Interpolation;

  constructor(degrees: number | readonly [number, number], options?: RandomAffineOptions);
  /** torchvision's order: `RandomAffine(degrees, translate, scale, shear, interpolation, fill, center)`, then the options. */
  constructor(
    degrees: number | readonly [number, number],
    translate?: RandomAffineOptions['translate'],
    scale?: RandomAffineOptions['scale'],
    shear?: RandomAffineOptions['shear'],
    interpolation?: Interpolation,
    fill?: Fill | null,
    center?: readonly [number, number] | null,
    options?: Pick<RandomAffineOptions, 'generator'>,
  );
  constructor(degrees: number | readonly [number, number], ...rest: unknown[]) {
    super();
    const options = readArguments<RandomAffineOptions>('RandomAffine', rest, affinePositionals, [...affinePositionals, 'generator']);
    this.options = options;
    this.degrees = angleRange('RandomAffine', 'degrees', degrees, [2]) as [number, number];
    this.translate = checkPair('translate', options.translate, (t) => t >= 0 && t <= 1, 'in [0, 1]');
    this.scale = checkPair('scale', options.scale, (s) => s > 0, 'that are positive');
    if (this.scale) checkOrderedRange('RandomAffine', 'scale', this.scale);
    this.shear =
      options.shear === undefined || options.shear === null ? undefined : angleRange('RandomAffine', 'shear', options.shear, [2, 4]);
    this.interpolation = checkInterpolation('RandomAffine', options.interpolation ?? 'nearest');
    const { center } = options;
    if (center !== undefined && center !== null && !(Array.isArray(center) && center.length === 2 && center.every(Number.isFinite)))
      throw new Error(`RandomAffine: center must be a pair [x, y] of numbers, got ${describeValue(center)}`);
  }

  /** Draws the parameters for an image of `height` × `width` (torchvision's `get_params`). */
  getParams(height: number, width: number): AffineParams {
    const generator = resolveGenerator(this.options.generator);
    const angle = generator.random(this.degrees[0], this.degrees[1]);
    let translate: [number, number] = [0, 0];
    if (this.translate) {
      const largestX = this.translate[0] * width;
      const largestY = this.translate[1] * height;
      translate = [roundHalfEven(generator.random(-largestX, largestX)), roundHalfEven(generator.random(-largestY, largestY))];
    }
    const scale = this.scale ? generator.random(this.scale[0], this.scale[1]) : 1;
    const shear: [number, number] = [0, 0];
    if (this.shear) {
      shear[0] = generator.random(this.shear[0], this.shear[1]);
      if (this.shear.length === 4) shear[1] = generator.random(this.shear[2], this.shear[3]);
    }
    return { angle, translate, scale, shear };
  }

  forward(image: Tensor): Tensor {
    const [height, width] = imageSize('RandomAffine', image);
    const { angle, translate, scale, shear } = this.getParams(height, width);
    const fill = this.options.fill ?? 0;
    const center = this.options.center ?? undefined;
    return affine(image, angle, translate, scale, shear, { interpolation: this.interpolation, fill, ...(center ? { center } : {}) });
  }
}
