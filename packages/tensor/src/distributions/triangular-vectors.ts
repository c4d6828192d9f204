import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { tensor } from '../ops/creation.js';
import { pad } from '../ops/join.js';

/**
 * The flat positions (row·n + column) of the entries of an n×n matrix with column < row + diagonal + 1,
 * row by row: the lower triangle from `diagonal` down (torch's tril mask of vec_to_tril_matrix).
 */
function lowerPositions(n: number, diagonal: number): number[] {
  const positions: number[] = [];
  for (let row = 0; row < n; row++)
    for (let column = 0; column < n; column++) if (column < row + diagonal + 1) positions.push(row * n + column);
  return positions;
}

/**
 * The entries of the lower triangle of matrices [*, n, n] from `diagonal` down, row by row, as vectors
 * [*, N] (torch's tril_matrix_to_vec); differentiable (a gather of the flattened matrices).
 * @example
 * lowerTriangleToVector(tensor([[1, 2], [3, 4]]), -1); // [3]
 */
export function lowerTriangleToVector(matrices: Tensor, diagonal = 0): Tensor {
  const n = matrices.shape[matrices.ndim - 1]!;
  return composite(() => {
    const flat = matrices.reshape([...matrices.shape.slice(0, -2), n * n]);
    return flat.indexSelect(-1, tensor(lowerPositions(n, diagonal), { dtype: 'int32', device: matrices.device }));
  });
}

/**
 * Matrices [*, n, n] with the vectors [*, N] written row by row into the lower triangle from `diagonal`
 * down and zeros elsewhere (torch's vec_to_tril_matrix): n solves N = n(n + 1)/2 + diagonal·n − … for
 * the diagonal given, a length that fills no whole triangle is refused. Differentiable (a gather of the
 * vector padded with one zero).
 * @example
 * vectorToLowerTriangle(tensor([3]), -1); // [[0, 0], [3, 0]]
 */
export function vectorToLowerTriangle(vectors: Tensor, diagonal = 0): Tensor {
  const length = vectors.shape[vectors.ndim - 1]!;
  // N = n(n + 1)/2 + diagonal·n − |diagonal|(|diagonal| − 1)/2 … solved for n as torch does
  const b = 1 + 2 * diagonal;
  const n = (-b + Math.sqrt(b * b + 8 * length + 4 * Math.abs(diagonal) * (diagonal + 1))) / 2;
  const size = Math.round(n);
  if (Math.abs(size - n) > 1e-9 || lowerPositions(size, diagonal).length !== length)
    throw new Error(`vec_to_tril_matrix: the last dim ${length} of the vector is not the size of a lower triangle (diagonal ${diagonal})`);
  const source = new Array<number>(size * size).fill(length);
  lowerPositions(size, diagonal).forEach((position, i) => {
    source[position] = i;
  });
  return composite(() => {
    const padded = pad(vectors, [0, 1], 0);
    const flat = padded.indexSelect(-1, tensor(source, { dtype: 'int32', device: vectors.device }));
    return flat.reshape([...vectors.shape.slice(0, -1), size, size]);
  });
}
