import { cat, eye, finfo, linalg, type Tensor, zeros } from '@dl/tensor';

/** How `parametrizations.orthogonal` turns an unconstrained matrix into an orthogonal one. */
export type OrthogonalMap = 'matrixExp' | 'cayley' | 'householder';

/**
 * An orthogonal Q [*, n, k] (QᵀQ = I_k) from an unconstrained tall X [*, n, k], n ≥ k (torch's
 * `_Orthogonal.forward` before the trivialization's base):
 * - 'matrixExp' and 'cayley': the lower triangle of X, padded with zero columns to n × n, gives the
 *   skew-symmetric A = L − Lᵀ (n·k − k(k−1)/2 free entries), then Q = e^A or the Cayley transform
 *   (I − A/2)⁻¹(I + A/2), both orthogonal for skew-symmetric A; Q keeps the first k columns.
 * - 'householder': the strictly lower triangle of X holds k reflectors v_j (1 on the diagonal) with
 *   τ_j = 2/‖v_j‖², which makes each H_j = I − τ_j·v_j·v_jᵀ a true reflection; Q = H₀⋯H_{k−1} restricted to
 *   k columns, with column j multiplied by X's diagonal entry j truncated to an integer (±1 as the
 *   right inverse sets it; torch's `.int()`, which passes no gradient to the diagonal).
 */
export function orthogonalFromTall(x: Tensor, map: OrthogonalMap): Tensor {
  const rows = x.shape[x.ndim - 2]!;
  const columns = x.shape[x.ndim - 1]!;
  const factory = { dtype: x.dtype, device: x.device };
  if (map === 'householder') {
    const reflectors = x.tril(-1);
    const scales = reflectors.square().sum(-2).add(1).reciprocal().mul(2);
    const signs = x.detach().diagonal(0, -2, -1).trunc().unsqueeze(-2);
    return linalg.householderProduct(reflectors, scales).mul(signs);
  }
  let lower = x.tril();
  if (rows !== columns) lower = cat([lower, zeros([...x.shape.slice(0, -2), rows, rows - columns], factory)], -1);
  const skew = lower.sub(lower.transpose(-2, -1));
  let q: Tensor;
  if (map === 'matrixExp') q = linalg.matrixExp(skew);
  else {
    const identity = eye(rows, rows, factory);
    q = linalg.solve(identity.sub(skew.mul(0.5)), identity.add(skew.mul(0.5)));
  }
  return rows === columns ? q : q.narrow(-1, 0, columns);
}

/**
 * Whether the tall or square Q [*, n, k] has orthonormal columns: QᵀQ equals I_k to torch's tolerance
 * (`_is_orthogonal`: atol 10·n·eps of the dtype, rtol 1e-5, over the whole batch).
 */
export function isOrthogonal(q: Tensor): boolean {
  const rows = q.shape[q.ndim - 2]!;
  const columns = q.shape[q.ndim - 1]!;
  const gram = q.transpose(-2, -1).matmul(q);
  const identity = eye(columns, columns, { dtype: q.dtype, device: q.device }).expand(gram.shape);
  return gram.allclose(identity, { atol: 10 * rows * finfo(q.dtype).eps });
}

/**
 * The Q of A = Q·R with R's diagonal non-negative (torch's `_make_orthogonal`): linalg.qr's Q (LAPACK's
 * signs) with each column multiplied by the sign of R's diagonal entry. For A of full column rank this
 * is the unique such Q, so an A with orthonormal columns comes back as itself.
 */
export function makeOrthogonal(a: Tensor): Tensor {
  const [q, r] = linalg.qr(a);
  return q.mul(r.diagonal(0, -2, -1).sign().unsqueeze(-2));
}
