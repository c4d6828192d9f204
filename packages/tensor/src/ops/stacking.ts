import { refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { atleast1d, atleast2d, atleast3d } from './at-least-dims.js';
import { cat } from './join.js';
import { reshape } from './views.js';

// numpy's stacking helpers as torch 1.13 has them: each raises its inputs to a rank, then joins them
// with cat (dtypes promote as cat's; gradients flow back to every input through the reshapes and cat).

function nonEmpty(operation: string, tensors: readonly Tensor[]): readonly Tensor[] {
  if (!Array.isArray(tensors) || tensors.length === 0) throw new Error(`${operation}: expects a non-empty list of tensors`);
  return tensors;
}

/** cat, its errors prefixed with the operation the user called. */
function join(operation: string, parts: readonly Tensor[], dim: number): Tensor {
  try {
    return cat(parts, dim);
  } catch (error) {
    throw new Error(`${operation}: ${(error as Error).message}`);
  }
}

/**
 * Joins horizontally (torch.hstack): along dim 0 when every input is at most 1-D (0-d inputs count as
 * [1]), along dim 1 otherwise.
 * @example
 * hstack([tensor([1, 2]), tensor([3])]); // [1, 2, 3]
 */
export function hstack(tensors: readonly Tensor[]): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('hstack', ['tensors'], arguments);
  nonEmpty('hstack', tensors);
  return composite(() => {
    const raised = atleast1d(tensors);
    return join('hstack', raised, raised[0]!.ndim === 1 ? 0 : 1);
  });
}

/**
 * Joins vertically (torch.vstack, also torch.row_stack): 0-d and 1-D inputs become rows ([1, n]),
 * then they join along dim 0.
 * @example
 * vstack([tensor([1, 2]), tensor([3, 4])]); // [[1, 2], [3, 4]]
 */
export function vstack(tensors: readonly Tensor[]): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('vstack', ['tensors'], arguments);
  nonEmpty('vstack', tensors);
  return composite(() => join('vstack', atleast2d(tensors), 0));
}

/**
 * Joins along the third dim (torch.dstack): inputs are raised as atleast3d ([n] → [1, n, 1],
 * [m, n] → [m, n, 1]), then joined along dim 2.
 * @example
 * dstack([tensor([1, 2]), tensor([3, 4])]).shape; // [1, 2, 2]
 */
export function dstack(tensors: readonly Tensor[]): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('dstack', ['tensors'], arguments);
  nonEmpty('dstack', tensors);
  return composite(() => join('dstack', atleast3d(tensors), 2));
}

/**
 * Joins as columns (torch.column_stack): 0-d and 1-D inputs become columns ([n] → [n, 1]), others are
 * kept, then they join along dim 1.
 * @example
 * columnStack([tensor([1, 2]), tensor([3, 4])]); // [[1, 3], [2, 4]]
 */
export function columnStack(tensors: readonly Tensor[]): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('columnStack', ['tensors'], arguments);
  nonEmpty('columnStack', tensors);
  return composite(() =>
    join(
      'columnStack',
      tensors.map((x) => (x.ndim <= 1 ? reshape(x, [x.numel(), 1]) : x)),
      1,
    ),
  );
}

/** torch.row_stack: the same as vstack. */
export const rowStack = vstack;
