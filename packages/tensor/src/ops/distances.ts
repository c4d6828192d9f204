import { checkNumber, checkOptions, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { ne, sub, where } from './elementwise.js';
import { scalarTensor } from './scalar.js';
import { norm, sum } from './reduce.js';
import { unsqueeze } from './views.js';
import { fractionalNorm, largestDifference } from './condensed-distances.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

export interface CdistOptions {
  /** The p of the p-norm: ≥ 0, ∞ for the largest difference, 0 for the count of differing features. Default 2. */
  p?: number;
  /**
   * Accepted for torch's signature ('use_mm_for_euclid_dist_if_necessary', 'use_mm_for_euclid_dist',
   * 'donot_use_mm_for_euclid_dist'): the distances are always computed from the differences, the more
   * accurate of torch's two ways. Default 'use_mm_for_euclid_dist_if_necessary'.
   */
  computeMode?: 'use_mm_for_euclid_dist_if_necessary' | 'use_mm_for_euclid_dist' | 'donot_use_mm_for_euclid_dist';
}

const modes = ['use_mm_for_euclid_dist_if_necessary', 'use_mm_for_euclid_dist', 'donot_use_mm_for_euclid_dist'];

/**
 * The p-norm distance between every row of x1 [..., P, M] and every row of x2 [..., R, M]
 * (torch.cdist): [..., P, R], d_ij = ‖x1_i − x2_j‖_p. Gradients as torch's: 0 where a distance is 0,
 * 0 from a zero feature difference when p < 1, the whole gradient to each tied largest difference
 * when p = ∞. It forms the [..., P, R, M] differences.
 * @example
 * cdist(points, centroids); // [N, K] Euclidean distances
 */
export function cdist(x1: Tensor, x2: Tensor, options: CdistOptions = {}): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('cdist', ['x1', 'x2', 'options'], arguments);
  checkTensorArguments('cdist', { x1, x2 });
  checkOptions('cdist', options, ['p', 'computeMode']);
  const p = checkNumber('cdist', 'p', options.p ?? 2, true);
  if (p < 0) throw new Error(`cdist: p must be ≥ 0, got ${p}`);
  if (options.computeMode !== undefined && !modes.includes(options.computeMode))
    throw new Error(`cdist: computeMode must be one of ${modes.map((mode) => `'${mode}'`).join(', ')}, got '${options.computeMode}'`);
  if (x1.ndim < 2 || x2.ndim < 2 || x1.shape[x1.ndim - 1] !== x2.shape[x2.ndim - 1])
    throw new Error(
      `cdist: expects x1 [..., P, M] and x2 [..., R, M] with one M, got [${x1.shape.join(', ')}] and [${x2.shape.join(', ')}]`,
    );
  return composite(() => {
    const differences = sub(unsqueeze(x1, -2), unsqueeze(x2, -3)); // [..., P, R, M]
    if (p === 0) return nonzeroCount(differences);
    // torch's cdist backward: the whole gradient to each tied largest difference for p = ∞, and none
    // from a zero feature difference for p < 1 (where |d|^(p−1) is ∞)
    if (p === Infinity && differences.shape[differences.ndim - 1]! > 0) return largestDifference(differences);
    if (p < 1) return fractionalNorm(differences, p);
    return norm(differences, p, -1);
  });
}

/**
 * The count of nonzero differences along the last dim (the p = 0 "norm"). Piecewise constant, so its
 * gradient is 0; but, as torch's, it stays in the graph of differences that require grad (a backward
 * through it gives zeros, not "does not require grad"): the count is selected over their sum, whose
 * gradient the select zeroes exactly (no 0·∞).
 */
function nonzeroCount(differences: Tensor): Tensor {
  const count = castTo(sum(ne(differences, 0), -1), differences.dtype);
  if (!differences.requiresGrad) return count;
  return where(scalarTensor(true, 'bool', differences.device), count, sum(differences, -1));
}
