import { refuseArgumentsPast } from '../core/options.js';
import type { Tensor } from '../core/tensor.js';
import { reshape } from './own-views.js';
import { checkLive, checkTensorList } from '../core/tensor-arguments.js';

// torch.atleast_1d/2d/3d: a tensor of fewer dims gains size-1 dims (a view); one with enough dims is
// returned itself, as torch returns it (`torch.atleast_2d(x) is x` is True in 1.13).

/** One tensor in, one out; a list in, a list out (torch also returns a tuple for a list). */
function eachOf(operation: string, inputs: Tensor | readonly Tensor[], raise: (x: Tensor) => Tensor): Tensor | Tensor[] {
  if (!Array.isArray(inputs)) {
    checkLive(operation, 'input', inputs);
    return raise(inputs);
  }
  checkTensorList(operation, inputs);
  return inputs.map(raise);
}

/** 0-d → [1]; others unchanged. */
function raiseTo1d(x: Tensor): Tensor {
  return x.ndim >= 1 ? x : reshape(x, [1]);
}

/** 0-d → [1, 1], [n] → [1, n]; others unchanged. */
function raiseTo2d(x: Tensor): Tensor {
  return x.ndim >= 2 ? x : reshape(x, [1, x.numel()]);
}

/** 0-d → [1, 1, 1], [n] → [1, n, 1], [m, n] → [m, n, 1]; others unchanged (numpy's rule, as torch's). */
function raiseTo3d(x: Tensor): Tensor {
  if (x.ndim >= 3) return x;
  return reshape(x, x.ndim === 2 ? [...x.shape, 1] : [1, x.numel(), 1]);
}

/**
 * The tensor with at least 1 dim (torch.atleast_1d): a 0-d tensor becomes shape [1]; a list gives a list.
 * @example
 * atleast1d(tensor(5)).shape; // [1]
 */
export function atleast1d(x: Tensor): Tensor;
export function atleast1d(xs: readonly Tensor[]): Tensor[];
export function atleast1d(inputs: Tensor | readonly Tensor[]): Tensor | Tensor[] {
  if (arguments.length > 1) refuseArgumentsPast('atleast1d', ['inputs'], arguments);
  return eachOf('atleast1d', inputs, raiseTo1d);
}

/**
 * The tensor with at least 2 dims (torch.atleast_2d): 0-d → [1, 1], [n] → [1, n]; a list gives a list.
 * @example
 * atleast2d(tensor([1, 2])).shape; // [1, 2]
 */
export function atleast2d(x: Tensor): Tensor;
export function atleast2d(xs: readonly Tensor[]): Tensor[];
export function atleast2d(inputs: Tensor | readonly Tensor[]): Tensor | Tensor[] {
  if (arguments.length > 1) refuseArgumentsPast('atleast2d', ['inputs'], arguments);
  return eachOf('atleast2d', inputs, raiseTo2d);
}

/**
 * The tensor with at least 3 dims (torch.atleast_3d): 0-d → [1, 1, 1], [n] → [1, n, 1],
 * [m, n] → [m, n, 1]; a list gives a list.
 * @example
 * atleast3d(tensor([[1, 2]])).shape; // [1, 2, 1]
 */
export function atleast3d(x: Tensor): Tensor;
export function atleast3d(xs: readonly Tensor[]): Tensor[];
export function atleast3d(inputs: Tensor | readonly Tensor[]): Tensor | Tensor[] {
  if (arguments.length > 1) refuseArgumentsPast('atleast3d', ['inputs'], arguments);
  return eachOf('atleast3d', inputs, raiseTo3d);
}
