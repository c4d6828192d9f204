import type { Tensor } from '../core/tensor.js';
import { finfo } from '../core/type-info.js';
import { eye } from '../ops/creation.js';
import { isclose } from '../ops/isclose.js';
import { cholesky } from '../ops/cholesky.js';
import { tril } from '../ops/triangular.js';

export { cat, stack } from './joined-constraints.js';

/**
 * A set of valid values (torch.distributions.constraints): its torch name for messages, and a check
 * giving a bool tensor over the batch (the last `eventDim` dims are reduced: one flag per event).
 * @example
 * positive.check(tensor([1, -1])); // [true, false]
 */
export interface Constraint {
  /** torch's repr, e.g. 'GreaterThan(lower_bound=0.0)'. */
  readonly name: string;
  /** How many right-most dims make one event. */
  readonly eventDim: number;
  /** One flag per event: whether it lies in the set. */
  check(value: Tensor): Tensor;
  /** torch's lower_bound of greaterThan, greaterThanEq, interval and halfOpenInterval (bijectTo reads it). */
  readonly lowerBound?: Tensor | number;
  /** torch's upper_bound of lessThan, interval and halfOpenInterval (bijectTo reads it). */
  readonly upperBound?: Tensor | number;
  /** torch's base_constraint of independent (bijectTo reads it). */
  readonly baseConstraint?: Constraint;
  /** torch's reinterpreted_batch_ndims of independent (bijectTo reads it). */
  readonly reinterpretedBatchNdims?: number;
  /** The parts of cat and stack (torch's cseq, dim and lengths; bijectTo reads them). */
  readonly joined?: {
    readonly kind: 'cat' | 'stack';
    readonly parts: readonly Constraint[];
    readonly dim: number;
    readonly lengths?: readonly number[];
  };
}

const bound = (value: number): string => (Number.isInteger(value) ? value.toFixed(1) : String(value));

/**
 * Reals (not NaN), torch's constraints.real.
 * @example
 * real.check(tensor([0, NaN])); // [true, false]
 */
export const real: Constraint = { name: 'Real()', eventDim: 0, check: (value) => value.eq(value) };

/**
 * Values above a bound (torch's constraints.greater_than).
 * @example
 * greaterThan(0).check(tensor([0, 1])); // [false, true]
 */
export function greaterThan(lowerBound: number): Constraint {
  return { name: `GreaterThan(lower_bound=${bound(lowerBound)})`, eventDim: 0, check: (value) => value.gt(lowerBound), lowerBound };
}

/**
 * Values below a bound (torch's constraints.less_than).
 * @example
 * lessThan(0).check(tensor([-1, 0])); // [true, false]
 */
export function lessThan(upperBound: number): Constraint {
  return { name: `LessThan(upper_bound=${bound(upperBound)})`, eventDim: 0, check: (value) => value.lt(upperBound), upperBound };
}

/**
 * Values at or above a bound (torch's constraints.greater_than_eq); the bound may be a tensor that
 * broadcasts (Pareto's support x ≥ scale).
 * @example
 * greaterThanEq(0).check(tensor([0, -1])); // [true, false]
 * greaterThanEq(tensor([1, 2])).check(tensor([1.5, 1.5])); // [true, false]
 */
export function greaterThanEq(lowerBound: Tensor | number): Constraint {
  return {
    // read only when an error is built (on a device that reads synchronously)
    get name() {
      return `GreaterThanEq(lower_bound=${describeLimit(lowerBound)})`;
    },
    eventDim: 0,
    check: (value) => value.ge(lowerBound),
    lowerBound,
  };
}

/**
 * x > 0 (torch's constraints.positive).
 * @example
 * positive.check(tensor([2])); // [true]
 */
export const positive = /* @__PURE__ */ greaterThan(0);

/**
 * x ≥ 0 (torch's constraints.nonnegative).
 * @example
 * nonnegative.check(tensor([0])); // [true]
 */
export const nonnegative = /* @__PURE__ */ greaterThanEq(0);

/** A bound for a constraint's name: a number as torch prints a float, a tensor by its first values. */
function describeLimit(limit: Tensor | number, format: (value: number) => string = bound): string {
  if (typeof limit === 'number') return format(limit);
  const values = Array.from(limit.detach().dataSync().slice(0, 6), Number);
  return limit.ndim === 0 ? format(values[0]!) : `[${values.join(', ')}${limit.numel() > 6 ? ', …' : ''}]`;
}

/**
 * low ≤ x ≤ high, closed (torch's constraints.interval); the bounds may be tensors that broadcast.
 * @example
 * interval(0, 1).check(tensor([0, 1, 2])); // [true, true, false]
 */
export function interval(low: Tensor | number, high: Tensor | number): Constraint {
  return {
    // read only when an error is built (on a device that reads synchronously)
    get name() {
      return `Interval(lower_bound=${describeLimit(low)}, upper_bound=${describeLimit(high)})`;
    },
    eventDim: 0,
    check: (value) => value.ge(low).logicalAnd(value.le(high)),
    lowerBound: low,
    upperBound: high,
  };
}

/**
 * [0, 1] (torch's constraints.unit_interval).
 * @example
 * unitInterval.check(tensor([0.5, 1.5])); // [true, false]
 */
export const unitInterval = /* @__PURE__ */ interval(0, 1);

/**
 * 0 or 1 (torch's constraints.boolean).
 * @example
 * boolean.check(tensor([0, 1, 0.5])); // [true, true, false]
 */
export const boolean: Constraint = { name: 'Boolean()', eventDim: 0, check: (value) => value.eq(0).logicalOr(value.eq(1)) };

/**
 * Integers low..high (torch's constraints.integer_interval); the upper bound may be a tensor that
 * broadcasts (Binomial's support 0..totalCount).
 * @example
 * integerInterval(0, 2).check(tensor([0, 2, 3])); // [true, true, false]
 */
export function integerInterval(low: number, high: Tensor | number): Constraint {
  return {
    // read only when an error is built (on a device that reads synchronously)
    get name() {
      return `IntegerInterval(lower_bound=${low}, upper_bound=${describeLimit(high, String)})`;
    },
    eventDim: 0,
    check: (value) => value.eq(value.floor()).logicalAnd(value.ge(low)).logicalAnd(value.le(high)),
  };
}

/**
 * Integers at or above a bound (torch's constraints.integer_greater_than): finite whole numbers, as
 * torch's `value % 1 == 0` is false for ±∞ and NaN.
 * @example
 * integerGreaterThan(1).check(tensor([1, 0, 2.5, Infinity])); // [true, false, false, false]
 */
export function integerGreaterThan(lowerBound: number): Constraint {
  return {
    name: `IntegerGreaterThan(lower_bound=${lowerBound})`,
    eventDim: 0,
    check: (value) => value.eq(value.floor()).logicalAnd(value.ge(lowerBound)).logicalAnd(value.lt(Number.POSITIVE_INFINITY)),
  };
}

/**
 * The counts 0, 1, 2, … (torch's constraints.nonnegative_integer), the support of Poisson, Geometric
 * and NegativeBinomial.
 * @example
 * nonnegativeInteger.check(tensor([0, 3, -1, 0.5])); // [true, true, false, false]
 */
export const nonnegativeInteger = /* @__PURE__ */ integerGreaterThan(0);

/**
 * low ≤ x < high (torch's constraints.half_open_interval), e.g. NegativeBinomial's probs in [0, 1).
 * @example
 * halfOpenInterval(0, 1).check(tensor([0, 0.5, 1])); // [true, true, false]
 */
export function halfOpenInterval(low: number, high: number): Constraint {
  return {
    name: `HalfOpenInterval(lower_bound=${bound(low)}, upper_bound=${bound(high)})`,
    eventDim: 0,
    check: (value) => value.ge(low).logicalAnd(value.lt(high)),
    lowerBound: low,
    upperBound: high,
  };
}

/**
 * Count vectors along the last dim: every count ≥ 0 and their sum at most `upperBound` (torch's
 * constraints.multinomial, which checks this weaker condition rather than sum = upperBound, and not
 * that the counts are whole numbers); one flag per vector.
 * @example
 * multinomialCounts(3).check(tensor([[1, 2], [2, 2], [-1, 1]])); // [true, false, false]
 */
export function multinomialCounts(upperBound: number): Constraint {
  return {
    name: 'Multinomial()',
    eventDim: 1,
    check: (value) => value.ge(0).all(-1).logicalAnd(value.sum(-1).le(upperBound)),
  };
}

/**
 * Non-negative vectors along the last dim that sum to 1 within 1e-6 (torch's constraints.simplex).
 * @example
 * simplex.check(tensor([[0.5, 0.5], [0.5, 0.6]])); // [true, false]
 */
export const simplex: Constraint = {
  name: 'Simplex()',
  eventDim: 1,
  check: (value) => value.ge(0).all(-1).logicalAnd(value.sum(-1).sub(1).abs().lt(1e-6)),
};

/**
 * Vectors of 0s and 1s along the last dim with exactly one 1 (torch's constraints.one_hot).
 * @example
 * oneHotVectors.check(tensor([[0, 1], [1, 1]])); // [true, false]
 */
export const oneHotVectors: Constraint = {
  name: 'OneHot()',
  eventDim: 1,
  check: (value) => boolean.check(value).all(-1).logicalAnd(value.sum(-1).eq(1)),
};

/**
 * `base` with its `reinterpretedBatchNdims` right-most batch dims made event dims (torch's
 * constraints.independent): an event holds when all its members do.
 * @example
 * independent(real, 1).check(tensor([[0, NaN], [1, 2]])); // [false, true]
 */
export function independent(base: Constraint, reinterpretedBatchNdims: number): Constraint {
  return {
    // read only when an error is built (the base's name may read tensor bounds)
    get name() {
      return `IndependentConstraint(${base.name}, ${reinterpretedBatchNdims})`;
    },
    eventDim: base.eventDim + reinterpretedBatchNdims,
    check: (value) => {
      let flags = base.check(value);
      for (let i = 0; i < reinterpretedBatchNdims; i++) flags = flags.all(-1);
      return flags;
    },
    baseConstraint: base,
    reinterpretedBatchNdims,
  };
}

/**
 * Lower triangular matrices with a positive diagonal (torch's constraints.lower_cholesky).
 * @example
 * lowerCholesky.check(tensor([[1, 0], [2, 3]])); // true
 */
export const lowerCholesky: Constraint = {
  name: 'LowerCholesky()',
  eventDim: 2,
  check: (value) => {
    const n = value.shape[value.ndim - 1]!;
    const lower = tril(value).eq(value).all(-1).all(-1);
    const diagonal = value.mul(eye(n, n, { dtype: value.dtype, device: value.device })).sum(-1);
    return lower.logicalAnd(diagonal.gt(0).all(-1));
  },
};

/**
 * Symmetric (to atol 1e-6) positive-definite matrices (torch's constraints.positive_definite): one
 * flag per matrix. The definiteness test factors the matrices (throws inside, caught here on the CPU).
 * @example
 * positiveDefinite.check(tensor([[2, 1], [1, 2]])); // true
 */
export const positiveDefinite: Constraint = {
  name: 'PositiveDefinite()',
  eventDim: 2,
  check: (value) => {
    const symmetric = isclose(value, value.transpose(-2, -1), { atol: 1e-6 }).all(-1).all(-1);
    if (!symmetric.all().itemSync()) return symmetric;
    try {
      return cholesky(value).isfinite().all(-1).all(-1);
    } catch {
      return symmetric.logicalNot();
    }
  },
};

/**
 * Lower Cholesky factors of correlation matrices (torch's constraints.corr_cholesky): lower triangular
 * with a positive diagonal, each row of unit length within 10·n·ε (ε the dtype's machine epsilon).
 * @example
 * corrCholesky.check(tensor([[1, 0], [0.6, 0.8]])); // true
 */
export const corrCholesky: Constraint = {
  name: 'CorrCholesky()',
  eventDim: 2,
  check: (value) => {
    const n = value.shape[value.ndim - 1]!;
    const tolerance = finfo(value.dtype).eps * n * 10;
    const unitRows = value.detach().square().sum(-1).sqrt().sub(1).abs().le(tolerance).all(-1);
    return lowerCholesky.check(value).logicalAnd(unitRows);
  },
};
