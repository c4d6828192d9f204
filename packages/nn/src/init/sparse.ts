import { readArguments, randperm, type Tensor } from '@dl/tensor';
import { fillPositions } from './fill-positions.js';
import { normal } from './init.js';
import { isInitSkipped } from './skip-init.js';

/** The options of `init.sparse`. */
export interface SparseOptions {
  /** The fraction of each column set to zero, in [0, 1]: ⌈sparsity·rows⌉ entries per column. Required. */
  sparsity: number;
  /** Standard deviation of the normal distribution of the other entries. Default 0.01. */
  std?: number;
}

/**
 * Fills a 2-D tensor as a sparse matrix (torch.nn.init.sparse_, after Martens 2010, "Deep learning via
 * Hessian-free optimization"), in place: every entry drawn from N(0, std²), then in each column
 * ⌈sparsity·rows⌉ entries, at rows chosen by a random permutation, set to zero. The draws come from
 * the library's seeded generator (`manualSeed`): the same law as torch, not the same numbers.
 * @example
 * init.sparse(linear.weight, 0.9); // 90 % zeros in each column, the rest ~ N(0, 0.01²)
 * init.sparse(linear.weight, { sparsity: 0.5, std: 0.1 });
 */
export function sparse(target: Tensor, sparsity: number, std?: number): Tensor;
/** The options form. */
export function sparse(target: Tensor, options: SparseOptions): Tensor;
export function sparse(target: Tensor, ...rest: unknown[]): Tensor {
  const names = ['sparsity', 'std'];
  const { sparsity, std = 0.01 } = readArguments<SparseOptions>('init.sparse', rest, names, names);
  if (target.ndim !== 2) throw new Error(`sparse: only tensors with 2 dimensions are supported, got [${target.shape.join(', ')}]`);
  // torch takes any number here (a negative one zeroes all but a few rows); outside [0, 1] is a mistake
  if (typeof sparsity !== 'number' || !(sparsity >= 0 && sparsity <= 1))
    throw new Error(`sparse: sparsity must be a number in [0, 1], got ${String(sparsity)}`);
  if (isInitSkipped()) return target;
  const [rows, columns] = target.shape as [number, number];
  const zerosPerColumn = Math.ceil(sparsity * rows);
  normal(target, 0, std);
  const positions: number[] = [];
  for (let column = 0; column < columns; column++) {
    const order = randperm(rows);
    const permutation = order.dataSync();
    order.dispose();
    for (let k = 0; k < zerosPerColumn; k++) positions.push(permutation[k]! * columns + column);
  }
  return fillPositions(target, positions, 0);
}
