import { noGrad } from '../autograd/grad-mode.js';
import { checkOptions, refuseArgumentsPast } from '../core/options.js';
import { normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';
import { unique, type UniqueOptions } from './counting.js';
import { indexSelect } from './indexing.js';
import { transpose } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/** torch.unique's keywords with `dim`. */
export interface UniqueDimOptions extends UniqueOptions {
  /** Find the distinct slices along this dim instead of the distinct values of the flattened tensor. Default undefined (flattened). */
  dim?: number;
}

/** Lexicographic order of two slices (flat arrays of one length), first differing element first. */
function compareSlices(a: ArrayLike<number>, b: ArrayLike<number>): number {
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return a[index]! < b[index]! ? -1 : 1;
  return 0;
}

/**
 * torch.unique with its `dim` keyword (Tensor.unique): without dim the distinct values of the
 * flattened tensor (`unique`); with dim the distinct slices x.select(dim, i), sorted lexicographically
 * (first differing element decides), stacked along dim, and, as asked, the inverse indices (int32
 * [x.shape[dim]]: which unique slice each slice is) and the counts (int32), in torch's order. Reads the
 * values (the CPU); not differentiable.
 * @example
 * uniqueWithDim(tensor([[1, 2], [1, 2], [0, 5]]), { dim: 0 }); // [[0, 5], [1, 2]]
 */
export function uniqueWithDim(x: Tensor, options?: UniqueDimOptions & { returnInverse?: false; returnCounts?: false }): Tensor;
export function uniqueWithDim(x: Tensor, options: UniqueDimOptions): Tensor[];
export function uniqueWithDim(x: Tensor, options: UniqueDimOptions = {}): Tensor | Tensor[] {
  if (arguments.length > 2) refuseArgumentsPast('uniqueWithDim', ['x', 'options'], arguments);
  checkOptions('unique', options, ['sorted', 'returnInverse', 'returnCounts', 'dim']);
  const { dim, ...flatOptions } = options;
  if (dim === undefined) return unique(x, flatOptions);
  checkLive('unique', 'input', x);
  if (x.ndim === 0) throw new Error(`unique: dim ${dim} given for a 0-d tensor, which has no dims`);
  const axis = normalizeDim('unique', dim, x.ndim);
  const count = x.shape[axis]!;
  // torch's rule: with an empty dim elsewhere every slice is empty, and "unique" would have to merge them all
  const emptyElsewhere = x.shape.findIndex((size, other) => size === 0 && other !== axis);
  if (emptyElsewhere >= 0)
    throw new Error(
      `unique: dim ${emptyElsewhere} of the input [${x.shape}] has size 0 and is not the dim unique runs along (${dim}); torch refuses this too`,
    );
  // the slices as rows of a row-major [count, rest] copy of x.transpose(0, dim): torch's order of a slice's
  // elements, which decides the lexicographic sort (movedim's order differs from rank 3 on)
  const rows = transpose(x.detach(), 0, axis).contiguous().dataSync();
  const width = count === 0 ? 0 : rows.length / count;
  const sliceAt = (row: number) => rows.subarray(row * width, (row + 1) * width);
  const order = Array.from({ length: count }, (_, row) => row).sort((a, b) => compareSlices(sliceAt(a), sliceAt(b)) || a - b);
  const firstOfGroup: number[] = [];
  const inverse = new Int32Array(count);
  const counts: number[] = [];
  order.forEach((row, position) => {
    if (position === 0 || compareSlices(sliceAt(order[position - 1]!), sliceAt(row)) !== 0) {
      firstOfGroup.push(row);
      counts.push(0);
    }
    inverse[row] = firstOfGroup.length - 1;
    counts[counts.length - 1]!++;
  });
  const values = noGrad(() =>
    indexSelect(x.detach(), axis, fromTypedArray(Int32Array.from(firstOfGroup), [firstOfGroup.length], 'int32', x.device)),
  );
  const result = [values];
  if (options.returnInverse) result.push(fromTypedArray(inverse, [count], 'int32', x.device));
  if (options.returnCounts) result.push(fromTypedArray(Int32Array.from(counts), [counts.length], 'int32', x.device));
  return options.returnInverse || options.returnCounts ? result : values;
}
