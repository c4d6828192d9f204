import { isFloating } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { matmul } from './linalg.js';
import { mul } from './elementwise.js';
import { sum } from './reduce.js';
import { unsqueeze } from './views.js';

/**
 * The product of [*, m, k] and [*, k, n] matrices of one dtype (leading dims broadcast), for the
 * floating dtypes by matmul and for int32 as torch's CPU kernels allow (addmm, mv, inner on integers):
 * Σₖ a[…, i, k]·b[…, k, j] as the sum over k of the broadcast products a[…, i, k, 1]·b[…, 1, k, j],
 * which wraps on overflow as int32 arithmetic does. The integer path holds m·k·n products at once;
 * integer matrices in these ops are small (indices, counts), and no integer gemm kernel exists.
 * @example
 * matmulAnyDtype(tensor([[1, 2]], { dtype: 'int32' }), tensor([[3], [4]], { dtype: 'int32' })); // [[11]]
 */
export function matmulAnyDtype(a: Tensor, b: Tensor): Tensor {
  if (isFloating(a.dtype)) return matmul(a, b);
  return composite(() => sum(mul(unsqueeze(a, -1), unsqueeze(b, -3)), -2));
}
