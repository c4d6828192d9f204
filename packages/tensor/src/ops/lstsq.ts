import { noGrad } from '../autograd/grad-mode.js';
import { checkNumber, describeValue, readArguments, withoutNulls } from '../core/options.js';
import type { DType } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import { shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { eye, full, zeros } from './creation.js';
import { abs, gt, le, mul, sub } from './elementwise.js';
import { epsilonOf, pseudoInverseRight } from './least-squares.js';
import { matmul } from './linalg.js';
import { qr } from './qr.js';
import { amax, sum } from './reduce.js';
import { svd, svdvals } from './singular-values.js';
import { solve } from './solve.js';
import { batchElement, checkFloating, firstFlagged } from './square-matrices.js';
import { squeeze, transpose, unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/** torch's LAPACK drivers for linalg.lstsq. */
export type LeastSquaresDriver = 'gels' | 'gelsy' | 'gelsd' | 'gelss';

const drivers: readonly LeastSquaresDriver[] = ['gels', 'gelsy', 'gelsd', 'gelss'];

/**
 * linalg.lstsq's `rcond` (torch's third positional argument) and `driver`.
 * @example
 * linalg.lstsq(a, b, { driver: 'gelsd', rcond: 1e-10 });
 */
export interface LeastSquaresOptions {
  /**
   * Singular values (for 'gelsy', diagonal entries of R) at most rcond times the largest count as zero
   * when the rank is decided. Default max(m, n)·ε of the dtype (torch's None); a negative value means
   * ε, as in LAPACK.
   */
  rcond?: number;
  /**
   * 'gels' (QR; A must have full rank), 'gelsy' (QR, and the minimum-norm solution through the SVD when
   * A is rank-deficient), 'gelsd' / 'gelss' (the SVD: also returns the singular values). Default
   * 'gelsy' on the CPU, 'gels' on devices that read asynchronously (torch's CUDA default, and its only
   * driver there).
   */
  driver?: LeastSquaresDriver;
}

/**
 * What linalg.lstsq returns, torch's named tuple: by name (`.solution`) or by position
 * (`const [x, residuals, rank, singularValues] = …`). What a driver does not compute is an empty
 * tensor [0], as torch.
 * @example
 * const { solution, rank } = linalg.lstsq(a, b);
 */
export interface LeastSquares extends ReadonlyArray<Tensor> {
  /** The least-squares solution X [*, n, k] (or [*, n] for a vector B): the minimum-norm one where A·X = B has many. */
  readonly solution: Tensor;
  /**
   * ‖A·X − B‖² of each column [*, k] for 'gels', 'gelsd' and 'gelss' when m > n and every A has rank n;
   * otherwise empty. Not differentiable, as torch's.
   */
  readonly residuals: Tensor;
  /** The numerical rank of each A [*] (int32; torch's is int64) for 'gelsy', 'gelsd', 'gelss'; empty for 'gels'. */
  readonly rank: Tensor;
  /** The singular values of each A [*, min(m, n)], descending, for 'gelsd' and 'gelss'; otherwise empty. */
  readonly singularValues: Tensor;
}

/**
 * The least-squares solution of A·X = B for matrices A [*, m, n] (torch.linalg.lstsq):
 *   - through QR where A has full rank: X = R⁻¹·Qᵀ·B from A = Q·R for m ≥ n (minimises ‖A·X − B‖),
 *     X = Q·R⁻ᵀ·B from Aᵀ = Q·R for m < n (the minimum-norm solution, in A's row space);
 *   - through the SVD where A is rank-deficient ('gelsy') or always ('gelsd', 'gelss'):
 *     X = V·diag(S⁺)·Uᵀ·B with S⁺ = 1/σ for σ > rcond·σ_max and 0 elsewhere, the minimum-norm
 *     least-squares solution, which is what LAPACK's drivers give.
 * B is [*, m, k], or a batch of vectors [*, m] as in linalg.solve; batch dims broadcast. Gradients flow
 * to A and B (composed of tensor ops; the rank is held fixed, as torch's pinv-based backward does).
 * 'gels' refuses a rank-deficient A on the CPU (|R[i, i]| ≤ rcond·max |R[j, j]|), where torch returns
 * meaningless values; on devices that read asynchronously only 'gels' runs (as on CUDA in torch) and a
 * rank-deficient A gives inf or NaN.
 * @example
 * linalg.lstsq(tensor([[1, 0], [0, 1], [1, 1]]), tensor([[1], [2], [3]])).solution; // [[1], [2]]
 * linalg.lstsq(tensor([[1, 2], [2, 4]]), tensor([1, 2]), { driver: 'gelsd' }).rank; // 1
 */
export function lstsq(
  a: Tensor,
  b: Tensor,
  ...rest: [rcond?: number | null | LeastSquaresOptions, options?: LeastSquaresOptions]
): LeastSquares {
  const operation = 'linalg.lstsq';
  checkLive(operation, 'a', a);
  checkLive(operation, 'b', b);
  if (a.ndim < 2) throw new Error(`${operation}: input must have at least 2 dimensions.`);
  if (b.ndim < 1) throw new Error(`${operation}: other must have at least 1 dimension.`);
  checkFloating(operation, a);
  if (b.dtype !== a.dtype)
    throw new Error(
      `${operation}: Expected input and other to have the same dtype, but got input's dtype ${a.dtype} and other's dtype ${b.dtype}`,
    );
  assertSameDevice(operation, [a, b]);
  const { rcond, driver } = readOptions(operation, a, rest);
  const [m, n] = a.shape.slice(-2) as [number, number];
  const vector = b.ndim === 1 || (b.ndim === a.ndim - 1 && shapesEqual(b.shape, a.shape.slice(0, -1)));
  const rows = vector ? b.shape[b.ndim - 1]! : b.shape[b.ndim - 2]!;
  if (rows !== m) throw new Error(`${operation}: input.size(-2) should match other.size(-2) (input has ${m} rows, other has ${rows})`);

  const parts = composite(() => {
    const right = vector ? unsqueeze(b, -1) : b;
    // rank and singular values have A's batch, the solution and residuals the batch A and B broadcast to (as torch)
    const batch = a.shape.slice(0, -2);
    const empty = (dtype: DType) => zeros([0], { dtype, device: a.device });
    let solution: Tensor;
    let rank = empty('int32');
    let singularValues = empty(a.dtype);
    const viaQr = driver === 'gels' || driver === 'gelsy' ? qrSolution(operation, a, right, rcond, driver) : undefined;
    if (viaQr) {
      solution = viaQr;
      if (driver === 'gelsy') rank = full(batch, Math.min(m, n), { dtype: 'int32', device: a.device });
    } else {
      const [u, s, vh] = svd(a, { fullMatrices: false });
      const keep = gt(
        s,
        noGrad(() => mul(amax(s, -1, true), rcond)),
      );
      solution = matmul(pseudoInverseRight(vh, s, keep), matmul(transpose(u, -2, -1), right));
      rank = noGrad(() => sum(keep, -1).to('int32'));
      if (driver !== 'gelsy') singularValues = noGrad(() => s.detach());
    }
    const residuals =
      driver !== 'gelsy' && m > n && (driver === 'gels' || fullRank(rank, n))
        ? noGrad(() => sum(sub(matmul(a, solution), right).square(), -2))
        : empty(a.dtype);
    return { solution: vector ? squeeze(solution, -1) : solution, residuals, rank, singularValues };
  });
  const { solution, residuals, rank, singularValues } = parts;
  return Object.assign([solution, residuals, rank, singularValues], parts) as unknown as LeastSquares;
}

/** rcond and the driver from torch's positional rcond and the options, with their defaults and checks. */
function readOptions(operation: string, a: Tensor, rest: readonly unknown[]): { rcond: number; driver: LeastSquaresDriver } {
  // torch's rcond=None (positional in torch's order) is the default
  const read = withoutNulls(readArguments<LeastSquaresOptions>(operation, rest, ['rcond'], ['rcond', 'driver']));
  const synchronous = Boolean(a.storage.backend.readSync);
  if (read.driver !== undefined && !drivers.includes(read.driver))
    throw new Error(`${operation}: parameter \`driver\` should be one of (gels, gelsy, gelsd, gelss), got ${describeValue(read.driver)}`);
  const driver = read.driver ?? (synchronous ? 'gelsy' : 'gels');
  if (driver !== 'gels' && !synchronous)
    throw new Error(
      `${operation}: driver '${driver}' is not supported on device '${a.device}', which reads asynchronously (as torch supports only 'gels' on CUDA); use { driver: 'gels' }`,
    );
  const epsilon = epsilonOf(a);
  const [m, n] = a.shape.slice(-2) as [number, number];
  const rcond = read.rcond === undefined ? Math.max(m, n) * epsilon : checkNumber(operation, 'rcond', read.rcond);
  return { rcond: rcond < 0 ? epsilon : rcond, driver };
}

/**
 * X through QR, or undefined for 'gelsy' when A is rank-deficient (it goes on to the SVD). 'gelsy' decides
 * the rank from R's singular values (A's), at most rcond times the largest counting as zero, as LAPACK's
 * condition estimate would; 'gels' only refuses, on the CPU, an R with a diagonal entry at most rcond
 * times the largest (torch's gels returns meaningless values there).
 */
function qrSolution(operation: string, a: Tensor, right: Tensor, rcond: number, driver: 'gels' | 'gelsy'): Tensor | undefined {
  const [m, n] = a.shape.slice(-2) as [number, number];
  const tall = m >= n;
  const [q, r] = qr(tall ? a : transpose(a, -2, -1));
  if (driver === 'gelsy' && r.numel() > 0 && noGrad(() => smallSingularValues(r, rcond).any().itemSync())) return undefined;
  if (driver === 'gels') {
    const deficient = firstFlagged(noGrad(() => smallDiagonal(r, rcond)));
    if (deficient)
      throw new Error(
        `${operation}: ${batchElement(a, deficient.batch)}the input matrix is rank-deficient (the diagonal entry ${deficient.position} of R in its QR decomposition is at most rcond times the largest); driver 'gels' supports only full-rank matrices: use driver 'gelsy' or 'gelsd' for the minimum-norm solution`,
      );
  }
  // tall: R·X = Qᵀ·B; wide: A = Rᵀ·Qᵀ, X = Q·(Rᵀ)⁻¹·B is the solution in the row space (the shortest)
  return tall ? solve(r, matmul(transpose(q, -2, -1), right)) : matmul(q, solve(transpose(r, -2, -1), right));
}

/** |R[i, i]| ≤ rcond·max_j |R[j, j]| [*, k]. */
function smallDiagonal(r: Tensor, rcond: number): Tensor {
  const size = r.shape[r.ndim - 1]!;
  const magnitudes = abs(sum(mul(r, eye(size, size, { dtype: r.dtype, device: r.device })), -1));
  return le(magnitudes, mul(amax(magnitudes, -1, true), rcond));
}

/** σ_i(R) ≤ rcond·σ_max(R) [*, k]: the singular values that make R, and so A, rank-deficient. */
function smallSingularValues(r: Tensor, rcond: number): Tensor {
  const values = svdvals(r);
  return le(values, mul(amax(values, -1, true), rcond));
}

/** Every rank equals n (read on the CPU, where the SVD drivers run). */
function fullRank(rank: Tensor, n: number): boolean {
  return rank.numel() === 0 || Boolean(noGrad(() => rank.eq(n).all().itemSync()));
}
