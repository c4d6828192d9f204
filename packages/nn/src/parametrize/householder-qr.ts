import { arange, cat, noGrad, scope, type Tensor, where, zeros } from '@dl/tensor';

/** What `householderQr` returns: LAPACK's compact QR of A (torch.geqrf's `(a, tau)`). */
export interface HouseholderQr {
  /** [*, m, n]: R on and above the diagonal, the reflectors' entries below it (each with an implicit 1 on the diagonal). */
  packed: Tensor;
  /** [*, min(m, n)]: the reflectors' scales τ, with H_j = I − τ_j·v_j·v_jᵀ (0 where no reflection was needed). */
  tau: Tensor;
}

/**
 * The QR decomposition of matrices [*, m, n] in LAPACK's compact form (torch.geqrf, dgeqrf), without
 * gradients: for each column j, dlarfg's reflector of x = A[j:, j] = [α, x₂]: β = −sign(α)·‖x‖,
 * τ = (β − α)/β, v = [1, x₂/(α − β)]; where x₂ = 0 (the last row of a square matrix among them) there is
 * no reflection and τ = 0. A ← H_j·A = A − τ·v·(vᵀA). linalg.householderProduct(packed, tau) is the Q
 * of linalg.qr; the orthogonal parametrization keeps the reflectors as its unconstrained tensor.
 */
export function householderQr(matrices: Tensor): HouseholderQr {
  const rows = matrices.shape[matrices.ndim - 2]!;
  const columns = matrices.shape[matrices.ndim - 1]!;
  const steps = Math.min(rows, columns);
  const factory = { dtype: matrices.dtype, device: matrices.device };
  return noGrad(() =>
    scope(() => {
      const indices = arange(rows, undefined, 1, { dtype: 'int32', device: matrices.device });
      let reduced = matrices;
      let packedBelow = matrices.mul(0);
      const scales: Tensor[] = [];
      for (let step = 0; step < steps; step++) {
        const column = reduced.select(-1, step);
        const alpha = column.select(-1, step);
        const below = where(indices.gt(step), column, 0);
        const tailSquare = below.square().sum(-1);
        const reflect = tailSquare.gt(0);
        const norm = alpha.square().add(tailSquare).sqrt();
        const beta = where(alpha.lt(0), norm, norm.neg());
        // where there is no reflection the denominators may be 0: they are replaced by 1 and the results by 0
        const tau = where(reflect, beta.sub(alpha).div(where(reflect, beta, 1)), 0);
        const tail = where(reflect.unsqueeze(-1), below.div(where(reflect, alpha.sub(beta), 1).unsqueeze(-1)), 0);
        const vector = where(indices.eq(step), 1, tail);
        reduced = reduced.sub(tau.unsqueeze(-1).unsqueeze(-1).mul(vector.unsqueeze(-1)).matmul(vector.unsqueeze(-2).matmul(reduced)));
        // the reflector's tail goes below the diagonal of column `step`
        const columnMask = arange(columns, undefined, 1, { dtype: 'int32', device: matrices.device }).eq(step);
        packedBelow = where(columnMask, tail.unsqueeze(-1), packedBelow);
        scales.push(tau.unsqueeze(-1));
      }
      const tau = steps === 0 ? zeros([...matrices.shape.slice(0, -2), 0], factory) : cat(scales, -1);
      return { packed: reduced.triu().add(packedBelow.tril(-1)), tau };
    }),
  );
}
