/**
 * The thin Q (m×n, m ≥ n, row-major) of A = QR by Householder reflections, with each column of Q
 * multiplied by sign(R_jj) so that R has a positive diagonal (makes Q unique, as torch's orthogonal_).
 *
 * Reflection k maps column k below the diagonal onto ±‖x‖e₁: v = x + sign(x₀)‖x‖e₁,
 * H = I − 2vvᵀ/vᵀv. R = H_{n−1}…H₀A and Q = H₀…H_{n−1}·I[:, :n].
 */
export function householderQ(a: Float64Array, m: number, n: number): Float64Array {
  const r = Float64Array.from(a);
  const reflectors: Float64Array[] = [];
  for (let k = 0; k < n; k++) {
    const v = new Float64Array(m - k);
    let norm = 0;
    for (let i = k; i < m; i++) norm += r[i * n + k]! ** 2;
    norm = Math.sqrt(norm);
    const x0 = r[k * n + k]!;
    const alpha = x0 >= 0 ? norm : -norm;
    for (let i = k; i < m; i++) v[i - k] = r[i * n + k]!;
    v[0] = x0 + alpha;
    let vv = 0;
    for (const value of v) vv += value * value;
    reflectors.push(v);
    if (vv === 0) continue;
    // R ← H R on rows k.., columns k..
    for (let j = k; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i - k]! * r[i * n + j]!;
      const scale = (2 * dot) / vv;
      for (let i = k; i < m; i++) r[i * n + j] = r[i * n + j]! - scale * v[i - k]!;
    }
  }
  // Q = H₀…H_{n−1} applied to the first n columns of the identity, last reflector first
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = reflectors[k]!;
    let vv = 0;
    for (const value of v) vv += value * value;
    if (vv === 0) continue;
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i - k]! * q[i * n + j]!;
      const scale = (2 * dot) / vv;
      for (let i = k; i < m; i++) q[i * n + j] = q[i * n + j]! - scale * v[i - k]!;
    }
  }
  for (let j = 0; j < n; j++) {
    if (r[j * n + j]! >= 0) continue;
    for (let i = 0; i < m; i++) q[i * n + j] = -q[i * n + j]!;
  }
  return q;
}
