import { noGrad } from '../autograd/grad-mode.js';
import { checkNumber, withDefaults } from '../core/options.js';
import { composite } from '../core/scope.js';
import { shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { abs, gt, le, maximum, mul, reciprocal, where } from './elementwise.js';
import { matmul } from './linalg.js';
import { qr } from './qr.js';
import { amax, sum } from './reduce.js';
import { svd, svdvals } from './singular-values.js';
import { solve } from './solve.js';
import { batchElement, checkFloating, firstFlagged } from './square-matrices.js';
import { eye } from './creation.js';
import { squeeze, transpose, unsqueeze } from './views.js';

/** The machine epsilon of a floating dtype (torch.finfo(dtype).eps). */
const epsilonOf = (x: Tensor): number => (x.dtype === 'float64' ? 2 ** -52 : x.dtype === 'float16' ? 2 ** -10 : 2 ** -23);

/**
 * What linalg.lstsq returns (torch's named tuple's first field; residuals, rank and singular values
 * are not computed, as torch's default driver 'gelsy' leaves residuals and singular values empty).
 * @example
 * const { solution } = linalg.lstsq(a, b);
 */
export interface LeastSquares {
  /** The least-squares solution X [*, n, k] (or [*, n] for a vector B). */
  readonly solution: Tensor;
}

/**
 * The least-squares solution of A·X = B for full-rank matrices A [*, m, n] (torch.linalg.lstsq with its
 * CPU driver 'gelsy'): for m ≥ n, X = R⁻¹·Qᵀ·B from A = Q·R (linalg.qr), which minimises ‖A·X − B‖;
 * for m < n, the minimum-norm solution X = Q·R⁻ᵀ·B from Aᵀ = Q·R. B is [*, m, k], or a batch of vectors
 * [*, m] as in linalg.solve; batch dims broadcast. Composed of tensor ops (gradients to A and B). A
 * rank-deficient A (|R[i, i]| ≤ max(m, n)·ε·max |R[j, j]|, gelsy's default rcond) is refused on the CPU
 * (use linalg.pinv(A).matmul(B) for its minimum-norm solution); on devices that read asynchronously
 * its solution holds inf or NaN instead.
 * @example
 * linalg.lstsq(tensor([[1, 0], [0, 1], [1, 1]]), tensor([[1], [2], [3]])).solution; // [[1], [2]]
 */
export function lstsq(a: Tensor, b: Tensor): LeastSquares {
  const operation = 'linalg.lstsq';
  a.assertAlive(operation);
  b.assertAlive(operation);
  if (a.ndim < 2) throw new Error(`${operation}: input must have at least 2 dimensions.`);
  if (b.ndim < 1) throw new Error(`${operation}: other must have at least 1 dimension.`);
  checkFloating(operation, a);
  if (b.dtype !== a.dtype)
    throw new Error(
      `${operation}: Expected input and other to have the same dtype, but got input's dtype ${a.dtype} and other's dtype ${b.dtype}`,
    );
  assertSameDevice(operation, [a, b]);
  const [m, n] = a.shape.slice(-2) as [number, number];
  const vector = b.ndim === 1 || (b.ndim === a.ndim - 1 && shapesEqual(b.shape, a.shape.slice(0, -1)));
  const rows = vector ? b.shape[b.ndim - 1]! : b.shape[b.ndim - 2]!;
  if (rows !== m) throw new Error(`${operation}: input.size(-2) should match other.size(-2) (input has ${m} rows, other has ${rows})`);
  const solution = composite(() => {
    const right = vector ? unsqueeze(b, -1) : b;
    const tall = m >= n;
    const [q, r] = qr(tall ? a : transpose(a, -2, -1));
    checkFullRank(operation, a, r, Math.max(m, n) * epsilonOf(a));
    // tall: R·X = Qᵀ·B; wide: A = Rᵀ·Qᵀ, X = Q·(Rᵀ)⁻¹·B is the solution in the row space (the shortest)
    const x = tall ? solve(r, matmul(transpose(q, -2, -1), right)) : matmul(q, solve(transpose(r, -2, -1), right));
    return vector ? squeeze(x, -1) : x;
  });
  return { solution };
}

/** Throws, on the CPU, for a triangular factor with a diagonal entry at most rcond times the largest. */
function checkFullRank(operation: string, a: Tensor, r: Tensor, rcond: number): void {
  const size = r.shape[r.ndim - 1]!;
  if (size === 0) return;
  const flags = noGrad(() => {
    const magnitudes = abs(sum(mul(r, eye(size, size, { dtype: r.dtype, device: r.device })), -1));
    return le(magnitudes, mul(amax(magnitudes, -1, true), rcond));
  });
  const failed = firstFlagged(flags);
  if (failed)
    throw new Error(
      `${operation}: ${batchElement(a, failed.batch)}the input matrix is rank-deficient (the diagonal entry ${failed.position} of R in its QR decomposition is at most rcond times the largest); only full-rank matrices are supported: use linalg.pinv(A).matmul(B) for the minimum-norm solution`,
    );
}

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
  const operation = 'linalg.pinv';
  return composite(() => {
    const [u, s, vh] = svd(a, { fullMatrices: false });
    const keep = gt(
      s,
      noGrad(() => thresholdOf(operation, a, s, options)),
    );
    // the reciprocal of a kept value only (a zero one would give 0·∞ = NaN in the gradient)
    const inverse = where(keep, reciprocal(where(keep, s, 1)), 0);
    return matmul(mul(transpose(vh, -2, -1), unsqueeze(inverse, -2)), transpose(u, -2, -1));
  });
}

/**
 * torch.pinverse: linalg.pinv with the relative tolerance `rcond`. Default rcond 1e-15.
 * @example
 * pinverse(tensor([[2, 0], [0, 4]])); // [[0.5, 0], [0, 0.25]]
 */
export function pinverse(a: Tensor, rcond = 1e-15): Tensor {
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
  const operation = 'linalg.matrix_rank';
  return noGrad(() =>
    composite(() => {
      const values = svdvals(a);
      return sum(gt(values, thresholdOf(operation, a, values, options)), -1).to('int32');
    }),
  );
}
