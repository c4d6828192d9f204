import { refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { eye, full } from './creation.js';
import { where } from './elementwise.js';
import { inv } from './inverse.js';
import { matmul } from './linalg.js';
import { checkSquareMatrices } from './square-matrices.js';

/**
 * Aⁿ for square matrices [*, n, n] and an integer n (torch.linalg.matrix_power): the identity for
 * n = 0 (with a zero gradient), (A⁻¹)^|n| for n < 0, by repeated squaring in torch's order of
 * products. Integer matrices are refused (there is no int32 matmul), where torch allows n ≥ 0.
 * @example
 * linalg.matrixPower(tensor([[1, 1], [0, 1]]), 3); // [[1, 3], [0, 1]]
 */
export function matrixPower(a: Tensor, n: number): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('matrixPower', ['a', 'n'], arguments);
  const operation = 'linalg.matrix_power';
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error(`${operation}: n must be an integer, got ${String(n)}`);
  const size = checkSquareMatrices(operation, a);
  return composite(() => {
    // the identity chosen over A by an always-true mask: in A's graph with a zero gradient, as torch's
    // copy of the identity into a clone of A (A·0 + I would be NaN where A is infinite)
    if (n === 0)
      return where(full(a.shape, 1, { dtype: 'bool', device: a.device }), eye(size, size, { dtype: a.dtype, device: a.device }), a);
    if (n === 1) return a.clone();
    const base = n < 0 ? inv(a) : a;
    let exponent = Math.abs(n);
    if (exponent === 1) return base;
    if (exponent === 2) return matmul(base, base);
    if (exponent === 3) return matmul(matmul(base, base), base);
    // binary decomposition: z runs through A, A², A⁴, …; the result collects the set bits, lowest first
    let square: Tensor | undefined;
    let result: Tensor | undefined;
    while (exponent > 0) {
      const bit = exponent % 2;
      exponent = Math.floor(exponent / 2);
      square = square ? matmul(square, square) : base;
      if (bit === 1) result = result ? matmul(result, square) : square;
    }
    return result!;
  });
}
