/**
 * Eigen-decomposition of a symmetric matrix `[size, size]` (row-major): Householder reduction to
 * tridiagonal form, then the implicit QL method with Wilkinson shifts (EISPACK's tred2/tql2, as in
 * JAMA). About 9·size³ flops with eigenvectors, (4/3)·size³ without.
 * @returns eigenvalues (unsorted) and, when asked, eigenvectors as the columns of a row-major matrix
 */
export function symmetricEigen(matrix: Float64Array, size: number, computeVectors = true): { values: Float64Array; vectors: Float64Array } {
  const n = size;
  const v = Float64Array.from(matrix);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n === 0) return { values: d, vectors: v };
  // Both phases keep Vᵀ, whose rows are the eigenvector columns, so their sweeps are contiguous.
  tridiagonalize(v, d, e, n, computeVectors);
  diagonalize(v, d, e, n, computeVectors);
  return { values: d, vectors: computeVectors ? transpose(v, n) : v };
}

// Householder: A = Q T Qᵀ with T tridiagonal (diagonal d, sub-diagonal e). Works on v = Qᵀ (A is
// symmetric, so it starts as A): JAMA's column sweeps become contiguous row sweeps.
function tridiagonalize(v: Float64Array, d: Float64Array, e: Float64Array, n: number, computeVectors: boolean): void {
  for (let j = 0; j < n; j++) d[j] = v[j * n + n - 1]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = v[j * n + i - 1]!;
        v[j * n + i] = 0;
        v[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k]! /= scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        v[i * n + j] = f;
        g = e[j]! + v[j * n + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += v[j * n + k]! * d[k]!;
          e[k]! += v[j * n + k]! * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j]! /= h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        for (let k = j; k <= i - 1; k++) v[j * n + k]! -= f * e[k]! + g * d[k]!;
        d[j] = v[j * n + i - 1]!;
        v[j * n + i] = 0;
      }
    }
    d[i] = h;
  }
  if (computeVectors)
    for (let i = 0; i < n - 1; i++) {
      v[i * n + n - 1] = v[i * n + i]!;
      v[i * n + i] = 1;
      const h = d[i + 1]!;
      if (h !== 0) {
        for (let k = 0; k <= i; k++) d[k] = v[(i + 1) * n + k]! / h;
        for (let j = 0; j <= i; j++) {
          let g = 0;
          for (let k = 0; k <= i; k++) g += v[(i + 1) * n + k]! * v[j * n + k]!;
          for (let k = 0; k <= i; k++) v[j * n + k]! -= g * d[k]!;
        }
      }
      for (let k = 0; k <= i; k++) v[(i + 1) * n + k] = 0;
    }
  else for (let i = 0; i < n - 1; i++) v[i * n + n - 1] = v[i * n + i]!;
  for (let j = 0; j < n; j++) {
    d[j] = v[j * n + n - 1]!;
    v[j * n + n - 1] = 0;
  }
  v[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

// Implicit QL iterations on the tridiagonal T until every sub-diagonal entry is negligible.
function diagonalize(v: Float64Array, d: Float64Array, e: Float64Array, n: number, computeVectors: boolean): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let largest = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    largest = Math.max(largest, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n && Math.abs(e[m]!) > eps * largest) m++;
    if (m > l) {
      do {
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          if (computeVectors) {
            // v holds Vᵀ here: row i is eigenvector column i.
            const column = i * n;
            const next = column + n;
            for (let k = 0; k < n; k++) {
              const vk = v[next + k]!;
              v[next + k] = s * v[column + k]! + c * vk;
              v[column + k] = c * v[column + k]! - s * vk;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * largest);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
}

function transpose(matrix: Float64Array, n: number): Float64Array {
  const result = new Float64Array(n * n);
  for (let row = 0; row < n; row++) for (let column = 0; column < n; column++) result[column * n + row] = matrix[row * n + column]!;
  return result;
}

/** The symmetric positive semi-definite square root V diag(sqrt(max(λ, 0))) Vᵀ. */
export function symmetricSquareRoot(matrix: Float64Array, size: number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, size);
  // root = W Wᵀ with W = V diag(λ^¼), computed row by row for cache-friendly access.
  const scaled = new Float64Array(size * size);
  for (let row = 0; row < size; row++)
    for (let k = 0; k < size; k++) scaled[row * size + k] = vectors[row * size + k]! * Math.sqrt(Math.sqrt(Math.max(values[k]!, 0)));
  const root = new Float64Array(size * size);
  for (let row = 0; row < size; row++)
    for (let column = row; column < size; column++) {
      let sum = 0;
      for (let k = 0; k < size; k++) sum += scaled[row * size + k]! * scaled[column * size + k]!;
      root[row * size + column] = root[column * size + row] = sum;
    }
  return root;
}
