import { floatTypeFor, isFloating } from '../core/dtype.js';
import { checkOptions, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { castTo } from './convert.js';
import { clamp, div, le, mul, sqrt, sub, where } from './elementwise.js';
import { diag } from './diagonal.js';
import { matmul } from './linalg.js';
import { sum } from './reduce.js';
import { matrixTranspose, reshape, squeeze, unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.cov's keywords.
 * @example
 * cov(x, { correction: 0, aweights: tensor([0.5, 1, 2]) });
 */
export interface CovOptions {
  /** Subtracted from the (weighted) observation count in the normaliser: 1 the unbiased estimate, 0 the maximum-likelihood one. Default 1. */
  correction?: number;
  /** Integer frequency weights (int32), one per observation: how often each is repeated. Default none. */
  fweights?: Tensor | null;
  /** Floating-point observation weights, one per observation. Default none. */
  aweights?: Tensor | null;
}

/** Throws torch's error for a weight tensor of the wrong rank, dtype or length, or (on the CPU, where it can be read) a negative weight. */
function checkWeights(name: 'fweights' | 'aweights', weights: Tensor, observations: number): void {
  checkLive('cov', 'weights', weights);
  if (weights.ndim > 1)
    throw new Error(`cov: expected ${name} to have one or fewer dimensions but got ${name} with ${weights.ndim} dimensions`);
  const integral = name === 'fweights';
  if (integral ? weights.dtype !== 'int32' : !isFloating(weights.dtype))
    throw new Error(
      `cov: expected ${name} to have ${integral ? 'integral (int32)' : 'floating point'} dtype but got ${name} with ${weights.dtype} dtype`,
    );
  if (weights.numel() !== observations)
    throw new Error(
      `cov: expected ${name} to have the same numel as there are observations in the input but got ${weights.numel()} != ${observations}`,
    );
  if (weights.device === 'cpu' && weights.dataSync().some((value) => value < 0)) throw new Error(`cov: ${name} cannot be negative`);
}

/**
 * The covariance matrix of the variables in the rows of x (torch.cov): x [variables, observations], or
 * a 1-D x for one variable (a 0-d result). With weights w = fweights·aweights (either, both or
 * neither), mean μ = Σ_j w_j·x_j / Σw and
 *   cov = (x − μ)·diag(w)·(x − μ)ᵀ / (Σw − correction·Σ(w·aweights)/Σw)
 * (the normaliser is Σw − correction without aweights, the observation count without weights, and 0
 * where it would be ≤ 0, as torch's). Integer input is computed in float32. Composed of differentiable
 * ops: gradients flow to x and to aweights.
 * @example
 * cov(tensor([[0, 1, 2], [2, 1, 0]])); // [[1, -1], [-1, 1]]
 */
export function cov(x: Tensor, options: CovOptions = {}): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('cov', ['x', 'options'], arguments);
  checkOptions('cov', options, ['correction', 'fweights', 'aweights']);
  const { correction = 1, fweights = null, aweights = null } = options;
  if (typeof correction !== 'number' || !Number.isInteger(correction))
    throw new Error(`cov: correction must be an integer, got ${correction}`);
  checkLive('cov', 'input', x);
  if (x.ndim > 2)
    throw new Error(
      `cov: expected input to have two or fewer dimensions but got an input with ${x.ndim} dimensions ${formatShape(x.shape)}`,
    );
  if (x.dtype === 'bool') throw new Error('cov: bool dtype is not supported for input');
  const observations = x.ndim < 2 ? x.numel() : x.shape[1]!;
  if (fweights) checkWeights('fweights', fweights, observations);
  if (aweights) checkWeights('aweights', aweights, observations);
  assertSameDevice('cov', [x, ...(fweights ? [fweights] : []), ...(aweights ? [aweights] : [])]);
  const dtype = floatTypeFor(x.dtype);
  return composite(() => {
    const input = reshape(castTo(x, dtype), x.ndim < 2 ? [1, -1] : x.shape);
    const frequencies = fweights && reshape(castTo(fweights, dtype), [-1]);
    const observationWeights = aweights && reshape(aweights, [-1]);
    const weights = frequencies && observationWeights ? mul(frequencies, observationWeights) : (frequencies ?? observationWeights);
    let normaliser: Tensor | number;
    let centered: Tensor;
    if (weights) {
      const total = sum(weights);
      if (weights.device === 'cpu' && total.itemSync() === 0) throw new Error("cov: weights sum to zero, can't be normalized");
      centered = sub(input, unsqueeze(div(sum(mul(input, weights), 1), total), 1));
      const factor =
        observationWeights && correction !== 0
          ? sub(total, div(mul(sum(mul(weights, observationWeights)), correction), total))
          : sub(total, correction);
      normaliser = where(le(factor, 0), 0, factor);
    } else {
      centered = sub(input, unsqueeze(div(sum(input, 1), observations), 1));
      normaliser = Math.max(observations - correction, 0);
    }
    const product = matmul(centered, matrixTranspose(weights ? mul(centered, weights) : centered));
    return squeeze(div(product, normaliser));
  });
}

/**
 * The Pearson correlation coefficients of the variables in the rows of x (torch.corrcoef):
 * cov(x)[i][j] / (σᵢ·σⱼ) with σᵢ = √cov(x)[i][i], clamped into [−1, 1]; a 1-D x gives the 0-d c/c
 * (1, or NaN for a constant row). Differentiable.
 * @example
 * corrcoef(tensor([[0, 1, 2], [2, 1, 0]])); // [[1, -1], [-1, 1]]
 */
export function corrcoef(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('corrcoef', ['x'], arguments);
  checkLive('corrcoef', 'input', x);
  if (x.ndim > 2)
    throw new Error(
      `corrcoef: expected input to have two or fewer dimensions but got an input with ${x.ndim} dimensions ${formatShape(x.shape)}`,
    );
  return composite(() => {
    const covariance = cov(x);
    if (covariance.ndim === 0) return div(covariance, covariance);
    const deviations = sqrt(diag(covariance));
    const scaled = div(div(covariance, unsqueeze(deviations, 1)), unsqueeze(deviations, 0));
    return clamp(scaled, -1, 1);
  });
}
