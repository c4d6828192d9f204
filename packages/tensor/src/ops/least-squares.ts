import { noGrad } from '../autograd/grad-mode.js';
import { checkNumber, withDefaults, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { gt, maximum, mul, reciprocal, where } from './elementwise.js';
import { matmul } from './linalg.js';
import { amax, sum } from './reduce.js';
import { svd, svdvals } from './singular-values.js';
import { transpose, unsqueeze } from './views.js';

/** The machine epsilon of a floating dtype (torch.finfo(dtype).eps). */
export const epsilonOf = (x: Tensor): number => (x.dtype === 'float64' ? 2 ** -52 : x.dtype === 'float16' ? 2 ** -10 : 2 ** -23);

/**
 * torch.linalg.pinv's and matrix_rank's tolerances: singular values at most max(atol, rtol·σ_max)
 * count as zero.
 * @example
 * linalg.pinv(a, { rtol: 1e-8 });
 */
export interface ToleranceOptions {
  /** The absolute tolerance. Default 0. */
  atol?: number;
  /** The tolerance relative to the largest singular value. Default max(m, n)·ε of the dtype when atol is not given, else 0. */
  rtol?: number;
}

/** max(atol, rtol·σ_max) [*, 1] for singular values [*, k] (torch's defaults). */
function thresholdOf(operation: string, a: Tensor, values: Tensor, options: ToleranceOptions | undefined): Tensor {
  const { atol, rtol } = withDefaults(operation, options, { atol: undefined, rtol: undefined } as ToleranceOptions);
  const absolute = atol === undefined ? 0 : checkNumber(operation, 'atol', atol);
  const [m, n] = a.shape.slice(-2) as [number, number];
  const relative = rtol === undefined ? (atol === undefined ? Math.max(m, n) * epsilonOf(a) : 0) : checkNumber(operation, 'rtol', rtol);
  const largest = values.shape[values.ndim - 1] === 0 ? values.sum(-1, true) : amax(values, -1, true);
  return maximum(mul(largest, relative), absolute);
}

/**
 * The Moore–Penrose pseudo-inverse of matrices [*, m, n] (torch.linalg.pinv): V·diag(S⁺)·Uᵀ from the
 * reduced linalg.svd, with S⁺ = 1/S where S > max(atol, rtol·σ_max) and 0 elsewhere. On the CPU only
 * (as svd); gradients through svd's backward.
 * @example
 * linalg.pinv(tensor([[1, 0], [0, 2], [0, 0]])); // [[1, 0, 0], [0, 0.5, 0]]
 */
export function pinv(a: Tensor, options?: ToleranceOptions): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('pinv', ['a', 'options'], arguments);
  const operation = 'linalg.pinv';
  return composite(() => {
    const [u, s, vh] = svd(a, { fullMatrices: false });
    const keep = gt(
      s,
      noGrad(() => thresholdOf(operation, a, s, options)),
    );
    return matmul(pseudoInverseRight(vh, s, keep), transpose(u, -2, -1));
  });
}

/**
 * V·diag(S⁺) [*, n, k] from the reduced svd's Vh and S and the mask of the singular values kept:
 * pinv(A) = V·diag(S⁺)·Uᵀ, and lstsq applies it to B as V·diag(S⁺)·(Uᵀ·B).
 */
export function pseudoInverseRight(vh: Tensor, s: Tensor, keep: Tensor): Tensor {
  // the reciprocal of a kept value only (a zero one would give 0·∞ = NaN in the gradient)
  const inverse = where(keep, reciprocal(where(keep, s, 1)), 0);
  return mul(transpose(vh, -2, -1), unsqueeze(inverse, -2));
}

/**
 * torch.pinverse: linalg.pinv with the relative tolerance `rcond`. Default rcond 1e-15.
 * @example
 * pinverse(tensor([[2, 0], [0, 4]])); // [[0.5, 0], [0, 0.25]]
 */
export function pinverse(a: Tensor, rcond = 1e-15): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('pinverse', ['a', 'rcond'], arguments);
  return pinv(a, { rtol: checkNumber('pinverse', 'rcond', rcond) });
}

/**
 * The numerical rank of matrices [*, m, n] (torch.linalg.matrix_rank): the count of singular values
 * above max(atol, rtol·σ_max), as int32 [*] (torch's is int64, which we do not have). On the CPU only
 * (as svdvals).
 * @example
 * linalg.matrixRank(tensor([[1, 2], [2, 4]])); // 1
 */
export function matrixRank(a: Tensor, options?: ToleranceOptions): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('matrixRank', ['a', 'options'], arguments);
  const operation = 'linalg.matrix_rank';
  return noGrad(() =>
    composite(() => {
      const values = svdvals(a);
      return sum(gt(values, thresholdOf(operation, a, values, options)), -1).to('int32');
    }),
  );
}
