import { isTensor } from '../core/brand.js';
import { describeValue } from '../core/options.js';
import { scope } from '../core/scope.js';
import type { DType } from '../core/dtype.js';
import type { Tensor } from '../core/tensor.js';
import type { RandomGenerator } from '../random/generator.js';
import { castTo } from './convert.js';
import { add, exp, floor, log, mul, sub, tan } from './elementwise.js';
import { bernoulli, normal, rand } from './random.js';
import { expand } from './views.js';

// The draws behind torch's in-place random fills (bernoulli_, exponential_, geometric_, cauchy_,
// log_normal_, random_), each by inverting a distribution function at a uniform U in [0, 1): the
// same distributions as torch's, not its stream of numbers. Each returns a new tensor of the target's
// shape, dtype and device, which the method copies into the target.

/** Where a fill draws: the target's shape, dtype and device, and the generator (Default the global one). */
export interface FillTarget {
  shape: readonly number[];
  dtype: DType;
  device: string;
  generator?: RandomGenerator | null;
}

/** The dtype draws are computed in: float64 on the CPU (exact integers up to 2⁵³), float32 elsewhere (webgpu has no float64). */
function computeDtype(target: FillTarget): 'float32' | 'float64' {
  return target.device === 'cpu' ? 'float64' : 'float32';
}

/** Uniforms in [0, 1) to compute with. */
function uniforms(target: FillTarget): Tensor {
  return rand([...target.shape], { dtype: computeDtype(target), device: target.device, generator: target.generator });
}

/** Throws `operation`'s error, `message`, unless `condition` holds. */
function checkParameter(operation: string, condition: boolean, message: string): void {
  if (!condition) throw new Error(`${operation}: ${message}`);
}

/** 1 with probability p (a number, or a tensor broadcast to the target), else 0 (torch.Tensor.bernoulli_). */
export function bernoulliFill(target: FillTarget, p: number | Tensor): Tensor {
  if (!isTensor(p)) {
    checkParameter('bernoulli_', typeof p === 'number' && p >= 0 && p <= 1, `expects p to be in [0, 1], but got p=${describeValue(p)}`);
    return bernoulli(p, [...target.shape], { dtype: target.dtype, device: target.device, generator: target.generator });
  }
  return scope(() => castTo(bernoulli(expand(p, [...target.shape]), undefined, { generator: target.generator }), target.dtype));
}

/** Exponential with rate λ: −ln(1 − U)/λ (torch.Tensor.exponential_). */
export function exponentialFill(target: FillTarget, lambd: number): Tensor {
  checkParameter('exponential_', lambd > 0, `expects lambda > 0.0, but found lambda=${lambd}`);
  return scope(() => castTo(mul(log(sub(1, uniforms(target))), -1 / lambd), target.dtype));
}

/** Trials up to the first success of probability p, 1, 2, …: ⌊ln(1 − U)/ln(1 − p)⌋ + 1 (torch.Tensor.geometric_). */
export function geometricFill(target: FillTarget, p: number): Tensor {
  checkParameter('geometric_', p > 0 && p < 1, `expects p to be in (0, 1), but got p=${p}`);
  return scope(() => castTo(add(floor(mul(log(sub(1, uniforms(target))), 1 / Math.log1p(-p))), 1), target.dtype));
}

/** Cauchy with the given median and scale: median + σ·tan(π(U − ½)) (torch.Tensor.cauchy_). */
export function cauchyFill(target: FillTarget, median: number, sigma: number): Tensor {
  checkParameter('cauchy_', sigma > 0, `expects sigma > 0.0, but found sigma=${sigma}`);
  return scope(() => castTo(add(mul(tan(mul(sub(uniforms(target), 0.5), Math.PI)), sigma), median), target.dtype));
}

/** exp(N(mean, std²)) (torch.Tensor.log_normal_; mean and std are the underlying normal's). */
export function logNormalFill(target: FillTarget, mean: number, std: number): Tensor {
  checkParameter('logNormal_', std > 0, `expects std > 0.0, but found std=${std}`);
  const options = { dtype: computeDtype(target), device: target.device, generator: target.generator };
  return scope(() => castTo(exp(normal([...target.shape], mean, std, options)), target.dtype));
}

/** The largest integer `random_()` draws without bounds: every integer up to it is exact in the dtype. */
function unboundedTop(dtype: DType): number {
  if (dtype === 'float64') return 2 ** 53;
  if (dtype === 'float32') return 2 ** 24;
  if (dtype === 'float16') return 2 ** 11;
  if (dtype === 'bool') return 1;
  return 2 ** 31 - 1;
}

/**
 * Integers uniform in [from, to) (torch.Tensor.random_): `random_(to)` is [0, to), `random_()` is
 * [0, 2^mantissa] for floats (every integer exact), [0, 2³¹ − 1] for int32: ⌊U·(to − from)⌋ + from.
 */
export function randomFill(target: FillTarget, from?: number, to?: number): Tensor {
  const [low, high] = from === undefined ? [0, unboundedTop(target.dtype) + 1] : to === undefined ? [0, from] : [from, to];
  checkParameter('random_', Number.isInteger(low) && Number.isInteger(high), `expects integer bounds, got from=${low}, to=${high}`);
  checkParameter('random_', low < high, `expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  return scope(() => castTo(add(floor(mul(uniforms(target), high - low)), low), target.dtype));
}
