// Jacobi rotations in float64 on one matrix, in JavaScript: the CPU forwards of linalg.eigh and
// linalg.svd. Both converge to machine precision (a rotation is skipped only when the pair is already
// orthogonal to working precision) and throw rather than return an unconverged result.

const EPSILON = 2 ** -52;
const MAXIMUM_SWEEPS = 100;

/**
 * One symmetric eigendecomposition: eigenvalues ascending, the eigenvectors as the columns of
 * `vectors` (row-major n×n), each with its largest-magnitude entry positive.
 * @example
 * symmetricEigen(new Float64Array([2, 1, 1, 2]), 2); // values [1, 3], vectors [[0.707…, 0.707…], [-0.707…, 0.707…]]
 */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  // cyclic Jacobi: the rotation in the (p, q) plane with tan θ = t zeroes a[p][q], where
  // t = sign(ζ)/(|ζ| + √(ζ² + 1)) for ζ = (a_qq − a_pp)/(2a_pq) (the smaller of the two angles)
  let converged = n < 2;
  for (let sweep = 0; sweep < MAXIMUM_SWEEPS && !converged; sweep++) {
    converged = true;
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        const app = a[p * n + p]!;
        const aqq = a[q * n + q]!;
        if (apq === 0 || Math.abs(apq) <= EPSILON * Math.sqrt(Math.abs(app * aqq)) * 0.5) continue;
        converged = false;
        const zeta = (aqq - app) / (2 * apq);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(zeta * zeta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          // A ← Jᵀ·A·J: columns p and q, then rows p and q
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
  }
  if (!converged) throw new Error(`linalg.eigh: the Jacobi iteration did not converge in ${MAXIMUM_SWEEPS} sweeps`);
  const order = Array.from({ length: n }, (_, index) => index).sort((i, j) => a[i * n + i]! - a[j * n + j]!);
  const values = Float64Array.from(order, (index) => a[index * n + index]!);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => copyColumn(v, n, from, vectors, n, to, largestPositive(v, n, n, from)));
  return { values, vectors };
}

/**
 * One thin singular value decomposition of an m×n matrix (row-major) by one-sided Jacobi (Hestenes):
 * U [m, p] (p = k = min(m, n), or m with `full`), S [k] descending, V [n, q] (q = k, or n with
 * `full`), all row-major. Each of U's first k columns has its largest-magnitude entry positive (V's
 * column flipped with it); columns for zero singular values and the extra columns of `full` complete
 * an orthonormal basis.
 * @example
 * singularValueDecomposition(new Float64Array([3, 0, 0, -2]), 2, 2, false); // s [3, 2], u [[1, 0], [0, 1]], v [[1, 0], [0, -1]]
 */
export function singularValueDecomposition(
  matrix: Float64Array,
  m: number,
  n: number,
  full: boolean,
): { u: Float64Array; s: Float64Array; v: Float64Array } {
  const tall = m >= n;
  // Hestenes on the tall one of A and Aᵀ: T = L·S·Rᵀ with T [r, k] (r ≥ k), R [k, k] orthogonal
  const r = tall ? m : n;
  const k = tall ? n : m;
  // g holds the columns of T, one after the other
  const g = new Float64Array(r * k);
  for (let row = 0; row < m; row++)
    for (let column = 0; column < n; column++) {
      const value = matrix[row * n + column]!;
      if (tall) g[column * r + row] = value;
      else g[row * r + column] = value;
    }
  const right = new Float64Array(k * k); // columns one after the other
  for (let i = 0; i < k; i++) right[i * k + i] = 1;
  // A column whose squared norm is at most this is rounding noise of the others (rotations leave
  // errors of ε·‖A‖ in it, so its direction is random and the relative test below may never pass for
  // it, as in an exactly rank-deficient A): it takes no rotation and its singular value is 0 (LAPACK's
  // one-sided Jacobi treats negligible columns the same way).
  let squaredNorm = 0;
  for (const value of g) squaredNorm += value * value;
  const negligible = (r * EPSILON) ** 2 * squaredNorm;
  let converged = k < 2;
  for (let sweep = 0; sweep < MAXIMUM_SWEEPS && !converged; sweep++) {
    converged = true;
    for (let p = 0; p < k - 1; p++)
      for (let q = p + 1; q < k; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < r; i++) {
          const x = g[p * r + i]!;
          const y = g[q * r + i]!;
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        // r·ε: the rounding error of the dot products themselves
        if (gamma === 0 || Math.abs(gamma) <= r * EPSILON * Math.sqrt(alpha * beta)) continue;
        if (alpha <= negligible || beta <= negligible) continue;
        converged = false;
        // the rotation that makes columns p and q orthogonal: ζ = (β − α)/(2γ), t as in symmetricEigen
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(zeta * zeta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        rotate(g, r, p, q, c, s);
        rotate(right, k, p, q, c, s);
      }
  }
  if (!converged) throw new Error(`linalg.svd: the Jacobi iteration did not converge in ${MAXIMUM_SWEEPS} sweeps`);
  const norms = Array.from({ length: k }, (_, column) => {
    const norm = Math.hypot(...g.subarray(column * r, column * r + r));
    return norm * norm <= negligible ? 0 : norm;
  });
  const order = Array.from({ length: k }, (_, index) => index).sort((i, j) => norms[j]! - norms[i]!);
  const s = Float64Array.from(order, (index) => norms[index]!);
  // the left vectors L (columns one after the other): T's columns over their norms, zero ones completed
  const leftColumns = full ? r : k;
  const left = new Float64Array(r * leftColumns);
  const rightSorted = new Float64Array(k * k);
  const zero: number[] = [];
  order.forEach((from, to) => {
    if (s[to]! > 0) for (let i = 0; i < r; i++) left[to * r + i] = g[from * r + i]! / s[to]!;
    else zero.push(to);
    rightSorted.set(right.subarray(from * k, from * k + k), to * k);
  });
  completeBasis(left, r, [...zero, ...Array.from({ length: leftColumns - k }, (_, index) => k + index)]);
  // U's columns: L's when A is tall, R's when it is wide; flip each pair so U's largest entry is positive
  const [uColumns, uRows, vColumns, vRows] = tall ? [left, r, rightSorted, k] : [rightSorted, k, left, r];
  for (let column = 0; column < k; column++) {
    if (largestPositive(uColumns, uRows, 1, column) > 0) continue;
    for (let i = 0; i < uRows; i++) uColumns[column * uRows + i] = -uColumns[column * uRows + i]!;
    for (let i = 0; i < vRows; i++) vColumns[column * vRows + i] = -vColumns[column * vRows + i]!;
  }
  return { u: rowMajor(uColumns, uRows), s, v: rowMajor(vColumns, vRows) };
}

/** Columns p and q of `columns` (each `length` long, one after the other) rotated by (c, s). */
function rotate(columns: Float64Array, length: number, p: number, q: number, c: number, s: number): void {
  for (let i = 0; i < length; i++) {
    const x = columns[p * length + i]!;
    const y = columns[q * length + i]!;
    columns[p * length + i] = c * x - s * y;
    columns[q * length + i] = s * x + c * y;
  }
}

/**
 * Fills the listed columns (each `length` long, one after the other) with unit vectors orthogonal to
 * every other column, by Gram–Schmidt (twice) on the standard basis vectors in order.
 */
function completeBasis(columns: Float64Array, length: number, missing: number[]): void {
  const filled = new Set(Array.from({ length: columns.length / length }, (_, index) => index).filter((i) => !missing.includes(i)));
  let candidate = 0;
  for (const target of missing) {
    for (; ; candidate++) {
      if (candidate >= length) throw new Error('linalg.svd: could not complete an orthonormal basis');
      const vector = new Float64Array(length);
      vector[candidate] = 1;
      for (let pass = 0; pass < 2; pass++)
        for (const other of filled) {
          let dot = 0;
          for (let i = 0; i < length; i++) dot += vector[i]! * columns[other * length + i]!;
          for (let i = 0; i < length; i++) vector[i] = vector[i]! - dot * columns[other * length + i]!;
        }
      const norm = Math.hypot(...vector);
      if (norm < 0.5) continue;
      for (let i = 0; i < length; i++) columns[target * length + i] = vector[i]! / norm;
      filled.add(target);
      candidate++;
      break;
    }
  }
}

/**
 * ±1: the sign of the first largest-magnitude entry of column `column` of a `rows`-row matrix, row-major
 * when `rowStride` is its column count, stored column after column when `rowStride` is 1.
 */
function largestPositive(values: Float64Array, rows: number, rowStride: number, column: number): number {
  const columnStride = rowStride === 1 ? rows : 1;
  let best = 0;
  for (let i = 0; i < rows; i++) {
    const value = values[i * rowStride + column * columnStride]!;
    if (Math.abs(value) > Math.abs(best)) best = value;
  }
  return best < 0 ? -1 : 1;
}

/** Copies column `from` of a row-major n×n matrix into column `to` of another, times `sign`. */
function copyColumn(source: Float64Array, n: number, from: number, target: Float64Array, stride: number, to: number, sign: number): void {
  for (let i = 0; i < n; i++) target[i * stride + to] = sign * source[i * n + from]!;
}

/** The row-major matrix of columns stored one after the other (each `rows` long). */
function rowMajor(columns: Float64Array, rows: number): Float64Array {
  const count = columns.length / rows;
  const result = new Float64Array(columns.length);
  for (let column = 0; column < count; column++) for (let i = 0; i < rows; i++) result[i * count + column] = columns[column * rows + i]!;
  return result;
}
