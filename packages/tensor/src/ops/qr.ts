import { isGradEnabled } from '../autograd/grad-mode.js';
import { checkChoice, readArguments } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { arange, eye, zeros } from './creation.js';
import { add, div, eq, gt, lt, mul, sqrt, sub, where } from './elementwise.js';
import { matmul } from './linalg.js';
import { sum } from './reduce.js';
import { checkFloating } from './square-matrices.js';
import { triu } from './triangular.js';
import { expand, narrow, select, transpose, unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.linalg.qr's keyword.
 * @example
 * linalg.qr(a, { mode: 'complete' }); // Q [*, m, m], R [*, m, n]
 */
export interface QrOptions {
  /**
   * 'reduced': Q [*, m, k] and R [*, k, n] with k = min(m, n); 'complete': Q [*, m, m] and R [*, m, n];
   * 'r': R [*, k, n] only, with an empty Q. Default 'reduced'.
   */
  mode?: 'reduced' | 'complete' | 'r';
}

/**
 * What linalg.qr returns: `[Q, R]`, also by name.
 * @example
 * const { Q, R } = linalg.qr(a);
 */
export type Qr = readonly [Q: Tensor, R: Tensor] & { readonly Q: Tensor; readonly R: Tensor };

/**
 * The QR decomposition A = Q·R of matrices [*, m, n] (torch.linalg.qr): Q with orthonormal columns, R
 * upper triangular. Householder reflections H = I − τ·u·uᵀ in tensor ops over the batch, chosen as
 * LAPACK's dgeqrf chooses them (R[j, j] = −sign(a)·‖x‖ for the column x below the diagonal, whose first
 * entry is a; no reflection where x is already zero below a), so Q and R are torch's, signs included.
 * Every device runs it and gradients flow through the reflections to any order (also for
 * mode 'complete' with m > n, where torch has no gradient; mode 'r' returns Q = [] as torch does).
 * Where a column is already zero below the diagonal (no reflection), the gradient is torch's, that of
 * the factorisation keeping R[j, j]'s sign, to first order (second derivatives there leave it out).
 * @example
 * const [q, r] = linalg.qr(tensor([[3, 1], [4, 2]])); // q [[-0.6, -0.8], [-0.8, 0.6]], r [[-5, -2.2], [0, 0.4]]
 */
export function qr(a: Tensor, options?: QrOptions): Qr;
/** torch's positional order: `linalg.qr(a, 'complete')`, mode. */
export function qr(a: Tensor, mode: QrOptions['mode']): Qr;
export function qr(a: Tensor, ...rest: unknown[]): Qr {
  const operation = 'linalg.qr';
  const { mode: given = 'reduced' } = readArguments<QrOptions>(operation, rest, ['mode'], ['mode']);
  const mode = checkChoice(operation, 'mode', given, {
    reduced: 'reduced',
    complete: 'complete',
    r: 'r',
  } as const);
  checkLive(operation, 'a', a);
  if (a.ndim < 2) throw new Error(`${operation}: The input tensor A must have at least 2 dimensions.`);
  checkFloating(operation, a);
  const [rows, columns] = a.shape.slice(-2) as [number, number];
  const steps = Math.min(rows, columns);
  const [Q, R] = composite((): [Tensor, Tensor] => {
    const indices = arange(rows, undefined, 1, { dtype: 'int32', device: a.device });
    let r = a;
    const tracked = isGradEnabled() && a.requiresGrad;
    let q = expand(eye(rows, rows, { dtype: a.dtype, device: a.device }), [...a.shape.slice(0, -2), rows, rows]);
    // dlarfg: with x = A[j:, j] = [α, x₂], β = −sign(α)·‖x‖, τ = (β − α)/β, u = [1, x₂/(α − β)]; a 1-long x
    // (j = m − 1) or x₂ = 0 leaves the column as it is (τ = 0)
    for (let step = 0; step < steps && step < rows - 1; step++) {
      const column = select(r, -1, step);
      const alpha = select(column, -1, step);
      const below = where(gt(indices, step), column, 0);
      const tailSquare = sum(mul(below, below), -1);
      const reflect = gt(tailSquare, 0);
      // ‖x‖ through where, so that x₂ = 0 (no reflection) gives 0 gradients rather than 0·∞
      const norm = sqrt(where(reflect, add(mul(alpha, alpha), tailSquare), 1));
      const beta = where(lt(alpha, 0), norm, mul(norm, -1));
      const safeBeta = where(reflect, beta, 1);
      const tau = where(reflect, div(sub(beta, alpha), safeBeta), 0);
      const scale = unsqueeze(where(reflect, sub(alpha, beta), 1), -1);
      const u = where(eq(indices, step), 1, div(below, scale));
      const tauU = mul(unsqueeze(tau, -1), u);
      // R ← H·R = R − τ·u·(uᵀR); Q ← Q·H = Q − (Q·u)·τuᵀ
      r = sub(r, matmul(unsqueeze(tauU, -1), matmul(unsqueeze(u, -2), r)));
      q = sub(q, matmul(matmul(q, unsqueeze(u, -1)), unsqueeze(tauU, -2)));
      if (tracked) {
        // no reflection (x₂ = 0): torch differentiates the QR that keeps R[j, j]'s sign, which turns x
        // by G = I + K, K = e_j·kᵀ − k·e_jᵀ with k = x₂/α (0 in value, first order in its gradient)
        const k = where(unsqueeze(reflect, -1), 0, div(below, unsqueeze(where(eq(alpha, 0), 1, alpha), -1)));
        const unit = unsqueeze(eq(indices, step).to(a.dtype), -1);
        r = add(r, sub(mul(unit, matmul(unsqueeze(k, -2), r)), matmul(unsqueeze(k, -1), unsqueeze(select(r, -2, step), -2))));
        // Q ← Q·Gᵀ = Q − Q·K
        q = sub(
          q,
          sub(matmul(unsqueeze(select(q, -1, step), -1), unsqueeze(k, -2)), matmul(matmul(q, unsqueeze(k, -1)), transpose(unit, -2, -1))),
        );
      }
    }
    const upper = triu(r);
    if (mode === 'complete') return [q, upper];
    const reducedR = narrow(upper, -2, 0, steps);
    if (mode === 'r') return [zeros([0], { dtype: a.dtype, device: a.device }), reducedR];
    return [narrow(q, -1, 0, steps), reducedR];
  });
  return Object.assign([Q, R] as const, { Q, R });
}
