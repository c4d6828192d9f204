import { refuseArgumentsPast } from '../core/options.js';
import { floatTypeFor } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { arange } from './creation.js';
import { add } from './elementwise.js';
import { lgamma } from './gamma-functions.js';
import { sum } from './reduce.js';
import { unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * The multivariate log-gamma function of dimension p (torch.mvlgamma, torch.special.multigammaln):
 * ln Γₚ(x) = p(p − 1)/4·ln π + Σⱼ₌₁ᵖ ln Γ(x − (j − 1)/2), composed as torch does (lgamma of x plus the
 * offsets −(p − 1)/2, …, −½, 0, summed), so the gradient is Σⱼ ψ(x − (j − 1)/2). Defined for
 * x > (p − 1)/2; below that torch 1.13 has no domain check and neither has this: the values are those
 * of ln |Γ| (∞ at the poles). p must be an integer ≥ 1 and the input not bool; integer inputs give
 * float32.
 * @example
 * mvlgamma(tensor([2.5]), 2); // [1.6702]
 */
export function mvlgamma(x: Tensor, p: number): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('mvlgamma', ['x', 'p'], arguments);
  checkLive('mvlgamma', 'input', x);
  if (x.dtype === 'bool') throw new Error('mvlgamma: the input may not be a bool tensor');
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 1) throw new Error(`mvlgamma: p must be an integer ≥ 1, got ${String(p)}`);
  return composite(() => {
    const offsets = arange(-(p - 1) / 2, 0.5, 0.5, { dtype: floatTypeFor(x.dtype), device: x.device });
    const logGammas = lgamma(add(offsets, unsqueeze(x, -1)));
    return add(sum(logGammas, -1), p * (p - 1) * Math.log(Math.PI) * 0.25);
  });
}
