import { isFloating } from '../core/dtype.js';
import { checkNumber, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { broadcastShapes, normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { isTensor } from '../core/brand.js';
import { assertSameDevice } from './allocate.js';
import { castTo } from './convert.js';
import { zeros } from './creation.js';
import { add, div, mul, sub } from './elementwise.js';
import { cumsum, sum } from './reduce.js';
import { narrow, reshape, select } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.trapezoid's and torch.cumulative_trapezoid's arguments after y: `x` may also come second,
 * positionally; `dx` and `dim` are keyword-only, as in torch.
 * @example
 * trapezoid(y, { dx: 0.1, dim: 0 });
 */
export interface TrapezoidOptions {
  /** The sample points: 1-D with one point per sample along `dim`, or broadcasting with y. Default: spaced by `dx`. */
  x?: Tensor;
  /** The spacing of equally spaced samples, when `x` is not given. Default 1. */
  dx?: number;
  /** The dim to integrate along. Default -1. */
  dim?: number;
}

/**
 * The integral of y along `dim` by the trapezoidal rule (torch.trapezoid): Σᵢ (xᵢ₊₁ − xᵢ)·(yᵢ + yᵢ₊₁)/2
 * with sample points x, or dx·(Σᵢ yᵢ − (y₀ + yₙ₋₁)/2) for equally spaced ones. The result drops `dim`;
 * no samples give 0, as numpy. Integer inputs give float32 (the division by 2 is a true division).
 * Differentiable in y and x.
 * @example
 * trapezoid(tensor([1, 2, 4])); // 4.5
 * trapezoid(tensor([1, 2, 4]), tensor([0, 1, 3])); // 7.5
 */
export function trapezoid(y: Tensor, x?: Tensor | TrapezoidOptions, options?: TrapezoidOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('trapezoid', ['y', 'x', 'options'], arguments);
  const operation = 'trapezoid';
  const samples = readSamples(operation, y, x, options);
  const dim = samples.dim;
  const count = y.shape[dim]!;
  if (count === 0)
    return zeros(
      y.shape.filter((_, axis) => axis !== dim),
      { dtype: y.dtype, device: y.device },
    );
  return composite(() => {
    const spacing = spacingOf(samples);
    if (!isTensor(spacing)) {
      const ends = add(select(y, dim, 0), select(y, dim, count - 1));
      return mul(sub(sum(y, dim), mul(ends, 0.5)), spacing);
    }
    const [left, right] = neighbours(y, dim);
    broadcastShapes(operation, spacing.shape, left.shape);
    return div(sum(mul(spacing, add(left, right)), dim), 2);
  });
}

/**
 * The running integral of y along `dim` by the trapezoidal rule (torch.cumulative_trapezoid): element
 * i is the integral over samples 0…i+1, so `dim` shrinks by one. Arguments and dtypes as `trapezoid`.
 * @example
 * cumulativeTrapezoid(tensor([1, 2, 4])); // [1.5, 4.5]
 */
export function cumulativeTrapezoid(y: Tensor, x?: Tensor | TrapezoidOptions, options?: TrapezoidOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('cumulativeTrapezoid', ['y', 'x', 'options'], arguments);
  const operation = 'cumulative_trapezoid';
  const samples = readSamples(operation, y, x, options);
  const dim = samples.dim;
  return composite(() => {
    const spacing = spacingOf(samples);
    const [left, right] = neighbours(isFloating(y.dtype) ? y : castTo(y, 'float32'), dim);
    if (isTensor(spacing)) broadcastShapes(operation, spacing.shape, left.shape);
    const areas = isTensor(spacing) ? div(mul(spacing, add(left, right)), 2) : mul(add(left, right), spacing / 2);
    return areas.shape[dim] === 0 ? areas : cumsum(areas, dim);
  });
}

/** y without its last sample along `dim`, and without its first. */
function neighbours(y: Tensor, dim: number): [Tensor, Tensor] {
  const intervals = Math.max(y.shape[dim]! - 1, 0);
  return [narrow(y, dim, 0, intervals), narrow(y, dim, y.shape[dim]! - intervals, intervals)];
}

/** The sample points read: `dim` normalised, and dx or x in the shape whose differences along `dim` give the spacing. */
interface Samples {
  dim: number;
  dx: number;
  x?: Tensor;
  placed?: number[];
}

/**
 * The arguments read and checked; a 1-D x is placed along `dim` and a lower-rank x given leading 1s,
 * as torch does (so its differences broadcast with y's).
 */
function readSamples(
  operation: string,
  y: Tensor,
  x: Tensor | TrapezoidOptions | undefined,
  options: TrapezoidOptions | undefined,
): Samples {
  const read = readArguments<TrapezoidOptions>(operation, [x, options], ['x'], ['x', 'dx', 'dim']);
  checkLive(operation, 'y', y);
  if (y.ndim === 0) throw new Error(`${operation}: y must have at least one dimension, got a 0-d tensor`);
  const dim = normalizeDim(operation, read.dim ?? -1, y.ndim);
  if (read.x !== undefined && read.dx !== undefined) throw new Error(`${operation}: give either x or dx, not both`);
  const samples = read.x;
  if (y.dtype === 'bool' || samples?.dtype === 'bool')
    throw new Error(`${operation}: received a bool input for \`y\` or \`x\`, but bool is not supported`);
  if (samples === undefined) return { dim, dx: checkNumber(operation, 'dx', read.dx ?? 1) };
  if (!isTensor(samples)) throw new Error(`${operation}: x must be a tensor`);
  checkLive(operation, 'samples', samples);
  assertSameDevice(operation, [y, samples]);
  if (samples.ndim === 1 && samples.shape[0] !== y.shape[dim])
    throw new Error(
      `${operation}: There must be one \`x\` value for each sample point (x has ${samples.shape[0]}, y has ${y.shape[dim]} along dim ${dim})`,
    );
  const placed =
    samples.ndim === 1
      ? y.shape.map((_, axis) => (axis === dim ? samples.shape[0]! : 1))
      : [...new Array<number>(Math.max(y.ndim - samples.ndim, 0)).fill(1), ...samples.shape];
  return { dim, dx: 1, x: samples, placed };
}

/** dx, or the differences x[i + 1] − x[i] of the sample points along `dim`. */
function spacingOf(samples: Samples): number | Tensor {
  if (!samples.x) return samples.dx;
  const [left, right] = neighbours(reshape(samples.x, samples.placed!), samples.dim);
  return sub(right, left);
}
