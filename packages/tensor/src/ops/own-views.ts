import { refuseArgumentsPast } from '../core/options.js';
import { record } from '../autograd/record.js';
import { Tensor } from '../core/tensor.js';
import type { Dims } from '../core/dim-arguments.js';
import * as views from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

// The view ops as the public API offers them. Internally the library calls views.ts's forms, which
// return their input when there is nothing to do (a reshape to the same shape, a full-range narrow,
// the identity permutation): no handle, no graph node. torch answers those calls with a new tensor
// (`x.reshape(x.shape) is x`, `x.narrow(0, 0, n) is x` and `v.t() is v` are all False in 1.13), and a
// caller who disposes the result must not free the input with it: here each gets a handle of its own.
// (`contiguous()`, `to()` with the same dtype and device, and `flatten()` of a 1-D tensor return the
// tensor itself in torch too, and do here.)

/** A new handle viewing exactly `x` (recorded as a reshape to the same shape, so gradients flow to x). */
export function sameView(x: Tensor): Tensor {
  checkLive('view', 'input', x);
  return record(new Tensor(x.storage, x.shape, x.strides, x.offset), 'reshape', [x], { shape: [...x.shape] });
}

/** `result`, or a new view of `x` when the op returned `x` itself. */
function own(x: Tensor, result: Tensor): Tensor {
  return result === x ? sameView(x) : result;
}

export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('reshape', ['x', 'shape'], arguments);
  return own(x, views.reshape(x, shape));
}
export function permute(x: Tensor, order: readonly number[]): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('permute', ['x', 'order'], arguments);
  return own(x, views.permute(x, order));
}
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('transpose', ['x', 'dim0', 'dim1'], arguments);
  return own(x, views.transpose(x, dim0, dim1));
}
export const matrixTranspose = (x: Tensor): Tensor => own(x, views.matrixTranspose(x));
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('expand', ['x', 'shape'], arguments);
  return own(x, views.expand(x, shape));
}
export function slice(x: Tensor, dim: number, start?: number, end?: number, step = 1): Tensor {
  if (arguments.length > 5) refuseArgumentsPast('slice', ['x', 'dim', 'start', 'end', 'step'], arguments);
  return own(x, views.slice(x, dim, start, end, step));
}
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('narrow', ['x', 'dim', 'start', 'length'], arguments);
  return own(x, views.narrow(x, dim, start, length));
}
// the dim's type is written out: `Parameters<typeof views.squeeze>` named a function the package does not export
export function squeeze(x: Tensor, dim?: Dims | { dim?: Dims }): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('squeeze', ['x', 'dim'], arguments);
  return own(x, views.squeeze(x, dim));
}
export function unflatten(x: Tensor, dim: number, sizes: readonly number[]): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('unflatten', ['x', 'dim', 'sizes'], arguments);
  return own(x, views.unflatten(x, dim, sizes));
}
