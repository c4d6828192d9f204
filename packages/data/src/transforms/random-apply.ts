import { checkOptions, describeValue, type Tensor } from '@dl/tensor';
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

/**
 * Applies a list of transforms in order with probability p, else returns the input (torchvision's
 * `RandomApply`: one draw u, applied when u ≤ p). The list runs as a `Compose`.
 * @example
 * new RandomApply([new ColorJitter({ brightness: 0.4 })], { p: 0.8, generator: new Generator(0) }).forward(image);
 */
export class RandomApply<T = Tensor> extends Transform<T, T> {
  private readonly pipeline: Compose<T, T>;

  constructor(
    readonly transforms: readonly AnyTransform[],
    readonly options: {
      /** Probability of applying the list; default 0.5. */
      p?: number;
      /** Default the global generator. */
      generator?: Generator;
    } = {},
  ) {
    super();
    checkOptions('RandomApply', options, ['p', 'generator']);
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
 */
export class RandomChoice<Input = Tensor, Output = Tensor> extends Transform<Input, Output> {
  private readonly cumulativeWeights: number[];

  constructor(
    readonly transforms: readonly AnyTransform[],
    readonly options: {
      /** Weights of the transforms (any non-negative numbers); default equal weights. */
      p?: readonly number[];
      /** Default the global generator. */
      generator?: Generator;
    } = {},
  ) {
    super();
    checkOptions('RandomChoice', options, ['p', 'generator']);
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
  constructor(
    readonly transforms: readonly AnyTransform[],
    readonly options: {
      /** Default the global generator. */
      generator?: Generator;
    } = {},
  ) {
    super();
    checkOptions('RandomOrder', options, ['generator']);
    checkTransforms('RandomOrder', transforms);
  }

  forward(input: T): T {
    const order = resolveGenerator(this.options.generator).permutation(this.transforms.length);
    return new Compose<T, T>(Array.from(order, (index) => this.transforms[index] as TransformLike<T, T>)).forward(input);
  }
}
