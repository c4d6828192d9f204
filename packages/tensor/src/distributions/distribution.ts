import { noGrad } from '../autograd/grad-mode.js';
import { getDefaultDtype } from '../core/default-dtype.js';
import { finfo } from '../core/type-info.js';
import { isTensor } from '../core/brand.js';
import { isFloating } from '../core/dtype.js';
import { checkBoolean, checkOptions } from '../core/options.js';
import { composite } from '../core/scope.js';
import { broadcastShapes, formatShape, shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { tensor } from '../ops/creation.js';
import { expand } from '../ops/views.js';
import type { Constraint } from './constraints.js';

/**
 * The option every distribution takes, beside its parameters.
 * @example
 * new distributions.Normal(0, -1, { validateArgs: false }); // no error: a NaN-valued distribution
 */
export interface DistributionOptions {
  /**
   * Check the parameters when constructing and the values given to logProb/cdf against the support,
   * throwing an error that names the distribution and the parameter (torch 1.13's default). The check
   * reads one boolean synchronously, so it runs on the CPU; on devices that read asynchronously it is
   * skipped and invalid inputs give NaN or ±∞ as the formulas do. Default true.
   */
  validateArgs?: boolean;
}

/**
 * The keys a distribution's options object may hold beside its parameters.
 * @example
 * readValidateArgs('Normal', options, optionKeys);
 */
export const optionKeys = ['validateArgs'] as const;

/**
 * Reads `validateArgs` from a distribution's options (after checking that only `allowed` keys appear).
 * @example
 * readValidateArgs('Normal', { validateArgs: false }, ['validateArgs']); // false
 */
export function readValidateArgs(name: string, options: object | undefined, allowed: readonly string[]): boolean {
  const checked = checkOptions(name, options ?? {}, allowed) as DistributionOptions;
  return checkBoolean(name, 'validateArgs', checked.validateArgs ?? true);
}

/**
 * torch's broadcast_all: numbers become tensors of the first tensor's dtype and device (float32 on the
 * CPU when all are numbers), then every parameter is expanded to the common shape. Integer and bool
 * parameters are refused, as torch's distributions fail on them.
 * @example
 * broadcastParameters('Normal', [tensor([0, 1]), 1]); // [loc [2], scale [2]]
 */
export function broadcastParameters(name: string, values: readonly (Tensor | number)[]): Tensor[] {
  const first = values.find(isTensor);
  const dtype = first?.dtype ?? getDefaultDtype();
  const device = first?.device ?? 'cpu';
  const converted = values.map((value) => {
    if (!isTensor(value)) return tensor(value, { dtype, device });
    value.assertAlive(name);
    if (!isFloating(value.dtype)) throw new Error(`${name}: expects floating-point parameters, got ${value.dtype}`);
    return value;
  });
  const shape = broadcastShapes(name, ...converted.map((value) => value.shape));
  return converted.map((value) => (shapesEqual(value.shape, shape) ? value : expand(value, shape)));
}

/**
 * Whether `value`'s device reads synchronously (the CPU): validation runs only there.
 * @example
 * readsSync(zeros([2])); // true
 */
export function readsSync(value: Tensor): boolean {
  return Boolean(value.storage.backend.readSync);
}

/**
 * True when every flag of a bool tensor is set, read synchronously; also true on devices that read
 * only asynchronously, where validation is skipped (the formulas then give NaN or ±∞ instead).
 * @example
 * allHold(gt(scale, 0)); // false when some scale is 0 or negative (on the CPU)
 */
export function allHold(flags: Tensor): boolean {
  if (!flags.storage.backend.readSync || flags.numel() === 0) return true;
  return Boolean(flags.all().itemSync());
}

/** Up to 12 values of a tensor for an error message (flat, row-major). */
function preview(value: Tensor): string {
  const values = Array.from(value.detach().dataSync().slice(0, 12), Number);
  return `[${values.join(', ')}${value.numel() > 12 ? ', …' : ''}]`;
}

/**
 * The base of every distribution (torch.distributions.Distribution): its batch and event shapes, the
 * samplers, logProb, entropy and the moments. Shapes: a sample of `sample(sampleShape)` is
 * [...sampleShape, ...batchShape, ...eventShape]; logProb of such a value is [...sampleShape, ...batchShape].
 * @example
 * const d = new distributions.Normal(tensor([0, 1]), 1);
 * d.batchShape; // [2]
 * d.sample([5]).shape; // [5, 2]
 */
export abstract class Distribution {
  /** The shape over which parameters are batched (independent, not identically distributed). */
  readonly batchShape: number[];
  /** The shape of a single draw (e.g. [n] for a multivariate normal over n dims, [] for scalars). */
  readonly eventShape: number[];
  /** Whether parameters and values are checked (see DistributionOptions.validateArgs). */
  readonly validateArgs: boolean;
  /** The parameters by name with their shapes, for `toString()`. */
  private readonly described: [string, readonly number[]][] = [];

  /**
   * @param name - the distribution's name, used in every message
   * @example
   * super('Normal', loc.shape, [], validateArgs);
   */
  protected constructor(
    readonly name: string,
    batchShape: readonly number[],
    eventShape: readonly number[],
    validateArgs: boolean,
  ) {
    this.batchShape = [...batchShape];
    this.eventShape = [...eventShape];
    this.validateArgs = validateArgs;
  }

  /** Whether `rsample` exists (reparameterised samples through which gradients flow). */
  get hasRsample(): boolean {
    return false;
  }

  /** The set of values of nonzero probability (torch's `support` constraint). */
  abstract get support(): Constraint;
  /** The mean of each batch member, shape [...batchShape, ...eventShape]. */
  abstract get mean(): Tensor;
  /** The variance of each batch member, shape [...batchShape, ...eventShape]. */
  abstract get variance(): Tensor;

  /** The standard deviation: √variance. */
  get stddev(): Tensor {
    return this.variance.sqrt();
  }

  /** The most likely value. */
  get mode(): Tensor {
    throw new Error(`${this.name}.mode is not implemented (torch raises NotImplementedError)`);
  }

  /**
   * [...sampleShape, ...batchShape, ...eventShape]: the shape of `sample(sampleShape)`.
   * @example
   * new distributions.Normal(zeros([3]), 1).extendedShape([2]); // [2, 3]
   */
  extendedShape(sampleShape: readonly number[] = []): number[] {
    return [...sampleShape, ...this.batchShape, ...this.eventShape];
  }

  /**
   * Draws of shape [...sampleShape, ...batchShape, ...eventShape] without a graph (seeded by
   * `manualSeed`).
   * @example
   * manualSeed(0);
   * new distributions.Bernoulli({ probs: 0.3 }).sample([1000]).mean(); // ≈ 0.3
   */
  sample(sampleShape: readonly number[] = []): Tensor {
    if (!this.hasRsample) throw new Error(`${this.name}.sample is not implemented (torch raises NotImplementedError)`);
    return noGrad(() => this.rsample(sampleShape));
  }

  /**
   * Reparameterised draws: a differentiable function of the parameters and of parameter-free noise,
   * so gradients flow to the parameters (e.g. loc + scale·ε for a normal).
   * @example
   * new distributions.Normal(loc, scale).rsample([16]).square().mean().backward(); // loc.grad, scale.grad
   */
  rsample(sampleShape: readonly number[] = []): Tensor {
    void sampleShape;
    throw new Error(
      `${this.name}.rsample is not implemented: ${this.name} has no reparameterised sampler (torch raises NotImplementedError)`,
    );
  }

  /**
   * The log of the density (or probability mass) at `value`, which broadcasts with
   * [...batchShape, ...eventShape]; the event dims are summed out.
   * @example
   * new distributions.Normal(0, 1).logProb(tensor([0])); // [-0.9189]
   */
  abstract logProb(value: Tensor | number): Tensor;

  /** The entropy of each batch member, shape batchShape. */
  abstract entropy(): Tensor;

  /**
   * The cumulative distribution function at `value`.
   * @example
   * new distributions.Normal(0, 1).cdf(tensor([0])); // [0.5]
   */
  cdf(value: Tensor | number): Tensor {
    void value;
    throw new Error(`${this.name}.cdf is not implemented (torch raises NotImplementedError)`);
  }

  /**
   * The inverse of the cdf at probabilities `value` in [0, 1].
   * @example
   * new distributions.Normal(0, 1).icdf(tensor([0.975])); // [1.96]
   */
  icdf(value: Tensor | number): Tensor {
    void value;
    throw new Error(`${this.name}.icdf is not implemented (torch raises NotImplementedError)`);
  }

  /**
   * This distribution with its batch broadcast to `batchShape` (torch's Distribution.expand): a new
   * instance of the same class whose parameters are expanded views (no copy; gradients flow back to
   * the original parameters), keeping validateArgs without checking again. This batch shape
   * must broadcast to `batchShape` (sizes 1 grow, new dims are added on the left). Each distribution
   * overrides it; the base class has none (torch raises NotImplementedError).
   * @example
   * new distributions.Normal(0, 1).expand([3]).sample([2]).shape; // [2, 3]
   */
  expand(batchShape: readonly number[]): Distribution {
    void batchShape;
    throw new Error(`${this.name}.expand is not implemented (torch raises NotImplementedError)`);
  }

  /**
   * The expand of a distribution (torch's _get_checked_instance then the copied fields): an object of
   * this one's class made without its constructor (so no validation runs again, as torch's
   * validate_args=False then `_validate_args` restored), with every field copied and those that
   * `fields(batch)` returns replaced; the parameters named in toString take the shapes of the new ones.
   * A subclass with state of its own derived from the parameters must override expand (as torch asks
   * of a subclass with a custom __init__).
   */
  protected expandInstance<T extends Distribution>(this: T, batchShape: readonly number[], fields: (batch: number[]) => object): T {
    const batch = expandedBatchShape(this.name, this.batchShape, batchShape);
    const instance = Object.create(Object.getPrototypeOf(this) as object) as T;
    Object.assign(instance, this);
    const replaced = fields(batch) as Record<string, unknown>;
    Object.assign(instance, replaced, { batchShape: batch, eventShape: [...this.eventShape] });
    // the new parameters' shapes, read through the instance (a parameter may be a getter of an inner distribution)
    const described = (this as Distribution).described.map(([key, shape]): [string, readonly number[]] => {
      const value = (instance as unknown as Record<string, unknown>)[key];
      return [key, isTensor(value) ? value.shape : shape];
    });
    Object.assign(instance, { described });
    return instance;
  }

  /**
   * e.g. `Normal(loc: [2], scale: [2])`, as torch's repr.
   * @example
   * String(new distributions.Normal(zeros([2]), 1)); // 'Normal(loc: [2], scale: [2])'
   */
  toString(): string {
    return `${this.name}(${this.described.map(([key, shape]) => `${key}: ${formatShape(shape)}`).join(', ')})`;
  }

  /**
   * Records the parameters for `toString` and, when validating, throws torch's error for one that
   * breaks its constraint (a negative scale, probabilities outside [0, 1], NaN).
   */
  protected checkParameters(parameters: Record<string, [Tensor, Constraint]>): void {
    for (const [key, [value]] of Object.entries(parameters)) this.described.push([key, value.shape]);
    if (!this.validateArgs) return;
    for (const [key, [value, constraint]] of Object.entries(parameters)) {
      if (!readsSync(value)) continue;
      const valid = composite(() => noGrad(() => allHold(constraint.check(value))));
      if (!valid)
        throw new Error(
          `${this.name}: Expected parameter ${key} (Tensor of shape ${formatShape(value.shape)}) of distribution ${this} to satisfy the constraint ${constraint.name}, but found invalid values: ${preview(value)}`,
        );
    }
  }

  /** `value` as a tensor (a number takes the dtype and device of `like`), unchecked (as torch's icdf). */
  protected asValue(operation: string, value: Tensor | number, like: Tensor): Tensor {
    const x = isTensor(value) ? value : tensor(value, { dtype: like.dtype, device: like.device });
    x.assertAlive(`${this.name}.${operation}`);
    return x;
  }

  /**
   * `value` as a tensor (a number takes the parameters' dtype and device); when validating, torch's
   * checks that its right-most dims match eventShape, that it broadcasts with
   * [...batchShape, ...eventShape] and that it lies in the support.
   */
  protected checkValue(operation: string, value: Tensor | number, like: Tensor, support: Constraint = this.support): Tensor {
    const x = this.asValue(operation, value, like);
    if (!this.validateArgs) return x;
    const event = this.eventShape.length;
    const eventPart = x.shape.slice(x.ndim - event);
    if (x.ndim < event || !shapesEqual(eventPart, this.eventShape))
      throw new Error(
        `${this.name}.${operation}: The right-most size of value must match event_shape: ${formatShape(x.shape)} vs ${formatShape(this.eventShape)}.`,
      );
    const expected = [...this.batchShape, ...this.eventShape];
    for (let i = 1; i <= Math.min(x.ndim, expected.length); i++) {
      const [actual, want] = [x.shape[x.ndim - i]!, expected[expected.length - i]!];
      if (actual !== 1 && want !== 1 && actual !== want)
        throw new Error(
          `${this.name}.${operation}: Value is not broadcastable with batch_shape+event_shape: ${formatShape(x.shape)} vs ${formatShape(expected)}.`,
        );
    }
    const valid = !readsSync(x) || composite(() => noGrad(() => allHold(support.check(x))));
    if (!valid)
      throw new Error(
        `${this.name}.${operation}: Expected value argument (Tensor of shape ${formatShape(x.shape)}) to be within the support (${support.name}) of the distribution ${this}, but found invalid values: ${preview(x)}`,
      );
    return x;
  }
}

/**
 * `batchShape` checked as the target of `expand` from `current`: whole sizes ≥ 0, at least as many dims,
 * and each of current's sizes (aligned on the right) 1 or equal to the new one, as tensor.expand needs.
 * @example
 * expandedBatchShape('Normal', [1, 2], [3, 4, 2]); // [3, 4, 2]
 */
export function expandedBatchShape(name: string, current: readonly number[], batchShape: readonly number[]): number[] {
  if (!Array.isArray(batchShape) || !batchShape.every((size) => Number.isInteger(size) && size >= 0))
    throw new Error(`${name}.expand: batch_shape must be a list of whole sizes ≥ 0, got ${String(batchShape)}`);
  const offset = batchShape.length - current.length;
  if (offset < 0 || current.some((size, i) => size !== 1 && size !== batchShape[offset + i]))
    throw new Error(`${name}.expand: cannot expand batch_shape ${formatShape(current)} to ${formatShape(batchShape)}`);
  return [...batchShape];
}

/**
 * Sums the last `dims` dims of `value` (torch's _sum_rightmost).
 * @example
 * sumRightmost(zeros([2, 3, 4]), 2).shape; // [2]
 */
export function sumRightmost(value: Tensor, dims: number): Tensor {
  if (dims <= 0) return value;
  return value.sum(Array.from({ length: dims }, (_, i) => -1 - i));
}

/**
 * The machine epsilon of a floating dtype (torch.finfo(dtype).eps).
 * @example
 * epsilonOf('float32'); // 1.1920928955078125e-7
 */
export function epsilonOf(dtype: string): number {
  return finfo(dtype === 'float64' ? 'float64' : 'float32').eps;
}

/**
 * The most negative finite value of a floating dtype (torch.finfo(dtype).min).
 * @example
 * lowestOf('float32'); // -3.4028234663852886e38
 */
export function lowestOf(dtype: string): number {
  return finfo(dtype === 'float64' ? 'float64' : 'float32').min;
}
