import { refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { eye } from './creation.js';
import { add, mul, sub } from './elementwise.js';
import { matmul } from './linalg.js';
import { checkFloating } from './square-matrices.js';
import { tril } from './triangular.js';
import { expand, narrow, transpose, unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

const operation = 'linalg.householder_product';

function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** torch's checks of householder_product's arguments, in torch's order, with its messages. */
function checkArguments(a: Tensor, tau: Tensor): void {
  checkLive(operation, 'a', a);
  checkLive(operation, 'tau', tau);
  if (a.ndim < 2) throw new Error(`${operation}: input must have at least 2 dimensions.`);
  const rows = a.shape[a.ndim - 2]!;
  const columns = a.shape[a.ndim - 1]!;
  if (rows < columns) throw new Error(`${operation}: input.shape[-2] must be greater than or equal to input.shape[-1]`);
  const tauDims = () =>
    new Error(
      `${operation}: Expected tau to have one dimension less than input, but got tau.ndim equal to ${tau.ndim} and input.ndim is equal to ${a.ndim}`,
    );
  if (tau.ndim === 0) throw tauDims();
  if (columns < tau.shape[tau.ndim - 1]!) throw new Error(`${operation}: input.shape[-1] must be greater than or equal to tau.shape[-1]`);
  if (a.ndim - tau.ndim !== 1) throw tauDims();
  const batch = tau.shape.slice(0, -1);
  if (batch.some((extent, axis) => extent !== a.shape[axis]))
    throw new Error(`${operation}: Expected batch dimensions of tau to be equal to input.shape[:-2], but got ${formatShape(batch)}`);
  checkFloating(operation, a);
  if (tau.dtype !== a.dtype) throw new Error(`${operation}: tau dtype ${tau.dtype} does not match input dtype ${a.dtype}`);
}

/**
 * The first n columns of the product of Householder reflections H₀·H₁·…·H_{k−1} (torch.linalg.householder_product,
 * LAPACK's orgqr), for A [*, m, n] and tau [*, k] with k ≤ n ≤ m: H_i = I − τ_i·v_i·v_iᵀ, where v_i is column
 * i of A below the diagonal, with 1 on the diagonal and 0 above (the reflectors that linalg.qr and geqrf
 * leave under R). So the diagonal and upper triangle of A are not read and get zero gradient. The product is
 * applied to the first n columns of the identity from the right end, Q ← H_i·Q = Q − τ_i·v_i·(v_iᵀ·Q) for
 * i = k−1 … 0, in tensor ops: every device runs it and gradients flow to A and tau to any order. Float32 or
 * float64; A and tau of the same dtype.
 * @example
 * // one reflector v = [1, 1] with τ = 1: H = I − v·vᵀ = [[0, −1], [−1, 0]]
 * linalg.householderProduct(tensor([[0, 0], [1, 0]]), tensor([1, 0])); // [[0, -1], [-1, 0]]
 */
export function householderProduct(a: Tensor, tau: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('householderProduct', ['a', 'tau'], arguments);
  checkArguments(a, tau);
  const [rows, columns] = a.shape.slice(-2) as [number, number];
  const reflections = tau.shape[tau.ndim - 1]!;
  const factory = { dtype: a.dtype, device: a.device };
  return composite(() => {
    // the reflectors as columns [*, m, k]: A's strictly lower part plus the unit diagonal
    const vectors = add(tril(narrow(a, -1, 0, reflections), -1), eye(rows, reflections, factory));
    let product = expand(eye(rows, columns, factory), [...a.shape.slice(0, -2), rows, columns]);
    for (let index = reflections - 1; index >= 0; index--) {
      const vector = narrow(vectors, -1, index, 1);
      const scale = unsqueeze(narrow(tau, -1, index, 1), -1);
      product = sub(product, matmul(mul(scale, vector), matmul(transpose(vector, -2, -1), product)));
    }
    // a fresh tensor even without reflections (torch returns one; the expanded identity is a view)
    return reflections === 0 ? add(product, 0) : product;
  });
}
