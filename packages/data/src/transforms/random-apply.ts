import { describeValue, readArguments, type Tensor } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import { Compose } from './compose.js';
import { applyTransform, Transform, type TransformLike } from './transform.js';

/** A transform or function of any input and output (the input type is checked where it runs). */
type AnyTransform = TransformLike<never, unknown>;

function checkTransforms(owner: string, transforms: unknown): readonly AnyTransform[] {
  if (!Array.isArray(transforms) || !transforms.every((t) => typeof t === 'function' || t instanceof Transform))
    throw new Error(`${owner}: transforms must be a list of transforms or functions, got ${describeValue(transforms)}`);
  return transforms;
}

/** Options of `RandomApply`. */
export interface RandomApplyOptions {
  /** Probability of applying the list; default 0.5. */
  p?: number;
  /** Default the global generator. */
  generator?: Generator;
}

/** Options of `RandomChoice`. */
export interface RandomChoiceOptions {
  /** Weights of the transforms (any non-negative numbers); default equal weights. */
  p?: readonly number[] | null;
  /** Default the global generator. */
  generator?: Generator;
}

/** Options of `RandomOrder`. */
export interface RandomOrderOptions {
  /** Default the global generator. */
  generator?: Generator;
}

/**
 * Applies a list of transforms in order with probability p, else returns the input (torchvision's
 * `RandomApply`: one draw u, applied when u ≤ p). The list runs as a `Compose`.
 * @example
 * new RandomApply([new ColorJitter({ brightness: 0.4 })], { p: 0.8, generator: new Generator(0) }).forward(image);
 * new RandomApply([new ColorJitter({ brightness: 0.4 })], 0.8); // torchvision's positional p
 */
export class RandomApply<T = Tensor> extends Transform<T, T> {
  /** The options as given (positionally or as an object). */
  readonly options: RandomApplyOptions;
  private readonly pipeline: Compose<T, T>;

  constructor(transforms: readonly AnyTransform[], options?: RandomApplyOptions);
  /** torchvision's order: `RandomApply(transforms, p)`, then the options. */
  constructor(transforms: readonly AnyTransform[], p?: number, options?: Pick<RandomApplyOptions, 'generator'>);
  constructor(
    readonly transforms: readonly AnyTransform[],
    ...rest: unknown[]
  ) {
    super();
    this.options = readArguments<RandomApplyOptions>('RandomApply', rest, ['p'], ['p', 'generator']);
    this.pipeline = new Compose<T, T>(checkTransforms('RandomApply', transforms) as readonly TransformLike<T, T>[]);
  }

  forward(input: T): T {
    if ((this.options.p ?? 0.5) < resolveGenerator(this.options.generator).random()) return input;
    return this.pipeline.forward(input);
  }
}

/**
 * Applies one transform picked at random, uniformly or with weights p (torchvision's `RandomChoice`,
 * which picks as Python's `random.choices`: the first transform whose cumulative weight exceeds
 * u · total).
 * @example
 * new RandomChoice([new RandomRotation(10), new RandomAffine(0, { shear: 10 })], { p: [0.7, 0.3] }).forward(image);
 * new RandomChoice([new RandomRotation(10), new RandomAffine(0, { shear: 10 })], [0.7, 0.3]); // torchvision's positional p
 */
export class RandomChoice<Input = Tensor, Output = Tensor> extends Transform<Input, Output> {
  /** The options as given (positionally or as an object). */
  readonly options: RandomChoiceOptions;
  private readonly cumulativeWeights: number[];

  constructor(transforms: readonly AnyTransform[], options?: RandomChoiceOptions);
  /** torchvision's order: `RandomChoice(transforms, p)`, then the options. */
  constructor(transforms: readonly AnyTransform[], p?: readonly number[] | null, options?: Pick<RandomChoiceOptions, 'generator'>);
  constructor(
    readonly transforms: readonly AnyTransform[],
    ...rest: unknown[]
  ) {
    super();
    const options = readArguments<RandomChoiceOptions>('RandomChoice', rest, ['p'], ['p', 'generator']);
    this.options = options;
    checkTransforms('RandomChoice', transforms);
    if (transforms.length === 0) throw new Error('RandomChoice: transforms must not be empty');
    const weights = options.p ?? transforms.map(() => 1);
    if (!Array.isArray(weights) || weights.length !== transforms.length || !weights.every((w) => typeof w === 'number' && w >= 0))
      throw new Error(
        `RandomChoice: p must be ${transforms.length} non-negative weights, one per transform, got ${describeValue(options.p)}`,
      );
    let total = 0;
    this.cumulativeWeights = weights.map((weight) => (total += weight));
    if (!(total > 0)) throw new Error(`RandomChoice: the weights p must not all be zero, got ${describeValue(options.p)}`);
  }

  forward(input: Input): Output {
    const total = this.cumulativeWeights[this.cumulativeWeights.length - 1]!;
    const point = resolveGenerator(this.options.generator).random() * total;
    // bisect_right: the first index whose cumulative weight exceeds the point
    const index = this.cumulativeWeights.findIndex((cumulative) => cumulative > point);
    const transform = this.transforms[index < 0 ? this.transforms.length - 1 : index] as TransformLike<Input, Output>;
    return applyTransform(transform, input);
  }
}

/**
 * Applies all transforms in a random order (torchvision's `RandomOrder`: a uniform permutation).
 * @example
 * new RandomOrder([new RandomHorizontalFlip(), new ColorJitter({ contrast: 0.3 })]).forward(image);
 */
export class RandomOrder<T = Tensor> extends Transform<T, T> {
  /** The options as given (torchvision's `RandomOrder(transforms)` takes nothing else). */
  readonly options: RandomOrderOptions;

  constructor(transforms: readonly AnyTransform[], options?: RandomOrderOptions);
  constructor(
    readonly transforms: readonly AnyTransform[],
    ...rest: unknown[]
  ) {
    super();
    this.options = readArguments<RandomOrderOptions>('RandomOrder', rest, [], ['generator']);
    checkTransforms('RandomOrder', transforms);
  }

  forward(input: T): T {
    const order = resolveGenerator(this.options.generator).permutation(this.transforms.length);
    return new Compose<T, T>(Array.from(order, (index) => this.transforms[index] as TransformLike<T, T>)).forward(input);
  }
}
