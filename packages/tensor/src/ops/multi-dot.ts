import { refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { mm } from './linalg.js';
import { reshape, unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * The product of two or more matrices (torch.linalg.multi_dot) in the order of fewest multiplications,
 * found by the matrix-chain dynamic program as torch does (for three, the cheaper of (AB)C and A(BC)).
 * A 1-D first operand is a row vector and a 1-D last operand a column vector, whose dims are then
 * dropped from the result; the others must be 2-D. Differentiable in every operand.
 * @example
 * linalg.multiDot([a, b, c]); // a [10, 100], b [100, 5], c [5, 50]: (a·b)·c, 7500 multiplications, not 75000
 * linalg.multiDot([tensor([1, 2]), tensor([[1, 0], [0, 1]]), tensor([3, 4])]); // 11
 */
export function multiDot(tensors: readonly Tensor[]): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('multiDot', ['tensors'], arguments);
  const operation = 'linalg.multi_dot';
  if (!Array.isArray(tensors) || tensors.length < 2)
    throw new Error(`${operation}: expected at least 2 tensors but got ${Array.isArray(tensors) ? tensors.length : 'no array'}`);
  const count = tensors.length;
  tensors.forEach((x, index) => {
    checkLive(operation, 'input', x);
    const end = index === 0 ? 'the first tensor' : index === count - 1 ? 'the last tensor' : undefined;
    if (end ? x.ndim !== 1 && x.ndim !== 2 : x.ndim !== 2)
      throw new Error(`${operation}: ${end ?? `tensor ${index}`} must be ${end ? '1D or ' : ''}2D but got ${x.ndim}D`);
    if (x.dtype !== tensors[0]!.dtype)
      throw new Error(
        `${operation}: all tensors must have the same dtype but tensor 0 is ${tensors[0]!.dtype} and tensor ${index} is ${x.dtype}`,
      );
  });
  assertSameDevice(operation, tensors);
  const first = tensors[0]!;
  const last = tensors[count - 1]!;
  const outputShape = [...(first.ndim === 2 ? [first.shape[0]!] : []), ...(last.ndim === 2 ? [last.shape[1]!] : [])];
  return composite(() => {
    const matrices = tensors.map((x, index) => (x.ndim === 2 ? x : index === 0 ? unsqueeze(x, 0) : unsqueeze(x, -1)));
    for (let index = 1; index < count; index++)
      if (matrices[index - 1]!.shape[1] !== matrices[index]!.shape[0])
        throw new Error(
          `${operation}: tensors ${index - 1} and ${index} with shapes ${formatShape(tensors[index - 1]!.shape)} and ${formatShape(tensors[index]!.shape)} cannot be multiplied`,
        );
    return reshape(chainProduct(matrices), outputShape);
  });
}

/** The product in torch's order: its closed form for three matrices, the dynamic program beyond. */
function chainProduct(matrices: readonly Tensor[]): Tensor {
  if (matrices.length === 2) return mm(matrices[0]!, matrices[1]!);
  if (matrices.length === 3) {
    const [a, b, c] = matrices as [Tensor, Tensor, Tensor];
    const [rows, inner, next, columns] = [a.shape[0]!, b.shape[0]!, c.shape[0]!, c.shape[1]!];
    // (AB)C costs rows·next·(inner + columns), A(BC) inner·columns·(rows + next); ties go to (AB)C
    return rows * next * (inner + columns) > inner * columns * (rows + next) ? mm(a, mm(b, c)) : mm(mm(a, b), c);
  }
  const split = chainOrder(matrices.map((m) => m.shape[0]!).concat(matrices[matrices.length - 1]!.shape[1]!));
  const product = (i: number, j: number): Tensor => (i === j ? matrices[i]! : mm(product(i, split[i]![j]!), product(split[i]![j]! + 1, j)));
  return product(0, matrices.length - 1);
}

/**
 * The matrix-chain order for matrices i of size sizes[i]×sizes[i + 1]: split[i][j] is the k at which
 * the product of matrices i…j is cheapest split into (i…k)(k+1…j); the first such k on ties, as torch.
 */
function chainOrder(sizes: readonly number[]): number[][] {
  const count = sizes.length - 1;
  const cost = Array.from({ length: count }, () => new Array<number>(count).fill(0));
  const split = Array.from({ length: count }, () => new Array<number>(count).fill(0));
  for (let length = 1; length < count; length++)
    for (let i = 0; i + length < count; i++) {
      const j = i + length;
      cost[i]![j] = Infinity;
      for (let k = i; k < j; k++) {
        const total = cost[i]![k]! + cost[k + 1]![j]! + sizes[i]! * sizes[k + 1]! * sizes[j + 1]!;
        if (total < cost[i]![j]!) {
          cost[i]![j] = total;
          split[i]![j] = k;
        }
      }
    }
  return split;
}
