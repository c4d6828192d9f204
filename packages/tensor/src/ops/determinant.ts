import { refuseArgumentsPast } from '../core/options.js';
import { noGrad } from '../autograd/grad-mode.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { abs, add, log, mul, sign, where } from './elementwise.js';
import { eliminate } from './gaussian-elimination.js';
import { sum } from './reduce.js';
import { checkSquareMatrices } from './square-matrices.js';

/**
 * torch.linalg.slogdet's named pair: read it by name (`result.logabsdet`) or by position
 * (`const [sign, logabsdet] = linalg.slogdet(a)`).
 * @example
 * linalg.slogdet(tensor([[2, 0], [0, -3]])).logabsdet; // log 6
 */
export type SignAndLogAbsDet = readonly [sign: Tensor, logabsdet: Tensor] & { readonly sign: Tensor; readonly logabsdet: Tensor };

/** [*]: 1 for the empty matrices [*, 0, 0], attached to the input so that it has a (zero) gradient. */
function emptyProduct(a: Tensor, value: number): Tensor {
  return add(sum(a, [-2, -1]), value);
}

/**
 * The determinant of square matrices [*, n, n] (torch.linalg.det): the product of the pivots of
 * Gaussian elimination with partial pivoting, times the sign of its row permutation. A singular matrix
 * gives 0 without an error. Its gradient is autograd's through the elimination: det · A⁻ᵀ for an
 * invertible A, and the adjugate for a singular A whose zero pivot comes last (rank n − 1 in the usual
 * order), where torch 1.13's default backward gives 0 (and the adjugate under createGraph).
 * @example
 * linalg.det(tensor([[1, 2], [3, 4]])); // -2
 */
export function det(a: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('det', ['a'], arguments);
  const size = checkSquareMatrices('linalg.det', a);
  return composite(() => {
    if (size === 0) return emptyProduct(a, 1);
    const { pivots, permutationSign } = eliminate(a, 'lu');
    return pivots.reduce((product, pivot) => mul(product, pivot), permutationSign);
  });
}

/**
 * The sign and the log of the absolute value of the determinant of square matrices [*, n, n]
 * (torch.linalg.slogdet): log|det A| = Σ log|pivotₖ| does not overflow where det A would. A singular
 * matrix gives sign 0 and −∞. The sign has no gradient; d log|det A| = A⁻ᵀ.
 * @example
 * const [sign, logabsdet] = linalg.slogdet(tensor([[0, 1], [1, 0]])); // -1, 0
 */
export function slogdet(a: Tensor): SignAndLogAbsDet {
  if (arguments.length > 1) refuseArgumentsPast('slogdet', ['a'], arguments);
  const size = checkSquareMatrices('linalg.slogdet', a);
  const [signs, logabsdet] = composite(() => signAndLogAbsDet(a, size));
  return Object.assign([signs, logabsdet] as const, { sign: signs, logabsdet });
}

function signAndLogAbsDet(a: Tensor, size: number): [Tensor, Tensor] {
  if (size === 0) return [noGrad(() => emptyProduct(a, 1)), emptyProduct(a, 0)];
  const { pivots, permutationSign } = eliminate(a, 'lu');
  const signs = noGrad(() => pivots.reduce((product, pivot) => mul(product, sign(pivot)), permutationSign));
  const logabsdet = pivots.map((pivot) => log(abs(pivot))).reduce((total, term) => add(total, term));
  return [signs, logabsdet];
}

/**
 * log det A of square matrices [*, n, n] (torch.logdet): NaN where the determinant is negative, −∞
 * where it is 0, as torch. Its gradient is A⁻ᵀ (0 where the value is NaN).
 * @example
 * logdet(tensor([[2, 0], [0, 3]])); // log 6
 */
export function logdet(a: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('logdet', ['a'], arguments);
  const size = checkSquareMatrices('logdet', a);
  return composite(() => {
    const [signs, logabsdet] = signAndLogAbsDet(a, size);
    return where(
      noGrad(() => signs.lt(0)),
      Number.NaN,
      logabsdet,
    );
  });
}
