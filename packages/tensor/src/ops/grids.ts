import { checkChoice, checkOptions, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { stack } from './join.js';
import { expand, reshape } from './views.js';
import { checkTensorList } from '../core/tensor-arguments.js';

export interface MeshgridOptions {
  /** 'ij': output k varies along dim k (matrix indexing); 'xy': the first two dims swapped (Cartesian). Default 'ij'. */
  indexing?: 'ij' | 'xy';
}

/**
 * Coordinate grids (torch.meshgrid): for 1-D (or 0-d) tensors of sizes n₀, n₁, …, the k-th output is
 * the k-th input repeated over [n₀, n₁, …] ('ij'), or over [n₁, n₀, …] with 'xy'. The outputs are
 * expanded views of the inputs, as torch's.
 * @example
 * const [rows, columns] = meshgrid([arange(3), arange(4)]); // both [3, 4]
 */
export function meshgrid(tensors: readonly Tensor[], options: MeshgridOptions = {}): Tensor[] {
  if (arguments.length > 2) refuseArgumentsPast('meshgrid', ['tensors', 'options'], arguments);
  checkTensorList('meshgrid', tensors);
  checkOptions('meshgrid', options, ['indexing']);
  const indexing = checkChoice('meshgrid', 'indexing', options.indexing ?? 'ij', { ij: 'ij', xy: 'xy' } as const);
  for (const [index, tensor] of tensors.entries())
    if (tensor.ndim > 1) throw new Error(`meshgrid: expects 0-d or 1-d tensors, got [${tensor.shape.join(', ')}] at position ${index}`);
  if (tensors.length === 0) throw new Error('meshgrid: expects a non-empty list of tensors');
  const swap = indexing === 'xy' && tensors.length >= 2;
  // 'xy' is 'ij' of the first two inputs swapped, its first two outputs swapped back
  const ordered = swap ? [tensors[1]!, tensors[0]!, ...tensors.slice(2)] : [...tensors];
  const shape = ordered.map((tensor) => tensor.numel());
  const grids = ordered.map((tensor, axis) =>
    expand(
      reshape(
        tensor,
        shape.map((extent, dim) => (dim === axis ? extent : 1)),
      ),
      shape,
    ),
  );
  if (!swap) return grids;
  return [grids[1]!, grids[0]!, ...grids.slice(2)];
}

/**
 * Every combination of the inputs' elements, one per row (torch.cartesian_prod): [n₀·n₁·…, k] for k
 * 1-d inputs, the first varying slowest; one input is returned as a copy.
 * @example
 * cartesianProd(tensor([1, 2]), tensor([3, 4])); // [[1, 3], [1, 4], [2, 3], [2, 4]]
 */
export function cartesianProd(...tensors: Tensor[]): Tensor {
  checkTensorList('cartesianProd', tensors);
  for (const [index, tensor] of tensors.entries())
    if (tensor.ndim !== 1) throw new Error(`cartesianProd: expects 1-d tensors, got [${tensor.shape.join(', ')}] at position ${index}`);
  if (tensors.length === 1) return tensors[0]!.clone();
  return composite(() =>
    stack(
      meshgrid(tensors).map((grid) => reshape(grid, [-1])),
      1,
    ),
  );
}
