import { isContiguous, normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch's strides of a contiguous tensor of `shape`, in elements: each the product of the later
 * sizes, a size 0 counted as 1 (so zeros(2, 0, 3) has strides [3, 3, 1], where the flat layout's own
 * products would give [0, 3, 1]).
 */
function torchContiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= Math.max(shape[axis]!, 1);
  }
  return strides;
}

/**
 * The strides of x in elements, as torch reports them (torch.Tensor.stride): all of them, or the one
 * of `dim`. A contiguous (or empty) tensor reports torch's contiguous strides; a view (transposed,
 * sliced with a step, expanded: stride 0) reports its own.
 * @example
 * stride(zeros(2, 3).t()); // [1, 3]
 */
export function stride(x: Tensor): number[];
export function stride(x: Tensor, dim: number): number;
export function stride(x: Tensor, dim?: number): number[] | number {
  checkLive('stride', 'input', x);
  const strides = x.numel() === 0 || isContiguous(x.shape, x.strides) ? torchContiguousStrides(x.shape) : [...x.strides];
  if (dim === undefined) return strides;
  if (x.ndim === 0) throw new Error(`stride: dim ${dim} given for a 0-d tensor, which has no dims`);
  return strides[normalizeDim('stride', dim, x.ndim)]!;
}
