import {
  checkIntegerList,
  contiguousStrides,
  existingDim,
  formatShape,
  isContiguous,
  normalizeDim,
  normalizeDims,
  sizeOf,
  shapesEqual,
} from '../core/shape.js';
import { composite, releaseIfMade } from '../core/scope.js';
import { Tensor } from '../core/tensor.js';
import type { SliceParams } from '../autograd/primitives.js';
import { type DimOptions, type Dims, readDim } from '../core/dim-arguments.js';
import { describeValue, readArguments, refuseArgumentsPast } from '../core/options.js';
import { record } from '../autograd/record.js';
import { allocate } from './allocate.js';
import { checkLive } from '../core/tensor-arguments.js';

/** Replaces one -1 by the extent that keeps the element count. */
export function inferShape(operation: string, shape: readonly number[], size: number): number[] {
  checkIntegerList(operation, 'shape', shape);
  const unknown = shape.indexOf(-1);
  if (shape.lastIndexOf(-1) !== unknown) throw new Error(`${operation}: only one dimension can be inferred in ${formatShape(shape)}`);
  const known = shape.reduce((product, extent, axis) => (axis === unknown ? product : product * extent), 1);
  const result = [...shape];
  if (unknown >= 0) {
    if (known === 0 || size % known !== 0)
      throw new Error(`${operation}: shape ${formatShape(shape)} is invalid for input of size ${size}`);
    result[unknown] = size / known;
  }
  if (sizeOf(result) !== size || result.some((extent) => extent < 0 || !Number.isInteger(extent)))
    throw new Error(`${operation}: shape ${formatShape(shape)} is invalid for input of size ${size}`);
  return result;
}

/**
 * Strides that let `newShape` address the same elements without copying, or null when the memory
 * layout does not allow it (PyTorch's computeStride: each run of "glued" old axes must map onto new axes).
 */
export function viewStrides(oldShape: readonly number[], oldStrides: readonly number[], newShape: readonly number[]): number[] | null {
  if (sizeOf(oldShape) === 0 || oldShape.length === 0) return contiguousStrides(newShape);
  const newStrides = new Array<number>(newShape.length);
  let viewAxis = newShape.length - 1;
  let chunkBaseStride = oldStrides[oldStrides.length - 1]!;
  let tensorSize = 1;
  let viewSize = 1;
  for (let axis = oldShape.length - 1; axis >= 0; axis--) {
    tensorSize *= oldShape[axis]!;
    const chunkEnds = axis === 0 || (oldShape[axis - 1] !== 1 && oldStrides[axis - 1] !== tensorSize * chunkBaseStride);
    if (!chunkEnds) continue;
    while (viewAxis >= 0 && (viewSize < tensorSize || newShape[viewAxis] === 1)) {
      newStrides[viewAxis] = viewSize * chunkBaseStride;
      viewSize *= newShape[viewAxis]!;
      viewAxis--;
    }
    if (viewSize !== tensorSize) return null;
    if (axis > 0) {
      chunkBaseStride = oldStrides[axis - 1]!;
      tensorSize = 1;
      viewSize = 1;
    }
  }
  return viewAxis === -1 ? newStrides : null;
}

function reshapeView(x: Tensor, shape: number[], strides: number[]): Tensor {
  return record(new Tensor(x.storage, shape, strides, x.offset), 'reshape', [x], { shape });
}

/** A view with a new shape; errors when the layout needs a copy (use reshape). */
export function view(x: Tensor, shape: readonly number[]): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('view', ['x', 'shape'], arguments);
  checkLive('view', 'input', x);
  const target = inferShape('view', shape, x.numel());
  const strides = viewStrides(x.shape, x.strides, target);
  if (!strides)
    throw new Error(
      `view: size ${formatShape(target)} is not compatible with input tensor's size ${formatShape(x.shape)} and strides ${formatShape(x.strides)}; use reshape()`,
    );
  return reshapeView(x, target, strides);
}

/** A view when the layout allows, a copy otherwise (torch.reshape). */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  checkLive('reshape', 'input', x);
  const target = inferShape('reshape', shape, x.numel());
  if (shapesEqual(target, x.shape)) return x;
  const strides = viewStrides(x.shape, x.strides, target);
  if (strides) return reshapeView(x, target, strides);
  const copy = contiguous(x);
  const view = reshapeView(copy, target, contiguousStrides(target));
  releaseIfMade(copy, x);
  return view;
}

export function contiguous(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('contiguous', ['x'], arguments);
  checkLive('contiguous', 'input', x);
  if (isContiguous(x.shape, x.strides)) return x;
  return clone(x);
}

/** A contiguous copy that is part of the graph. */
export function clone(x: Tensor): Tensor {
  if (arguments.length > 1) refuseArgumentsPast('clone', ['x'], arguments);
  checkLive('clone', 'input', x);
  const output = allocate(x.shape, x.dtype, x.device);
  x.storage.backend.unary('copy', x.kernelView(), output.kernelView());
  return record(output, 'contiguous', [x], {});
}

export function permute(x: Tensor, order: readonly number[]): Tensor {
  checkLive('permute', 'input', x);
  checkIntegerList('permute', 'dims', order);
  if (order.length !== x.ndim)
    throw new Error(`permute: number of dims don't match: input has ${x.ndim} dims, order ${formatShape(order)} has ${order.length}`);
  // plain loops into exact-length arrays: permute runs inside every matmul's backward and transpose
  const rank = x.ndim;
  const axes = new Array<number>(rank);
  const shape = new Array<number>(rank);
  const strides = new Array<number>(rank);
  let identity = true;
  for (let index = 0; index < rank; index++) {
    const axis = normalizeDim('permute', order[index]!, rank);
    // a pairwise check: ranks are small, and a Set per call was garbage on every matmul's backward
    for (let earlier = 0; earlier < index; earlier++)
      if (axes[earlier] === axis) throw new Error(`permute: order ${formatShape(order)} repeats a dim`);
    identity &&= axis === index;
    axes[index] = axis;
    shape[index] = x.shape[axis]!;
    strides[index] = x.strides[axis]!;
  }
  if (identity) return x;
  return record(new Tensor(x.storage, shape, strides, x.offset), 'permute', [x], { order: axes });
}

export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  checkLive('transpose', 'input', x);
  if (x.ndim === 0) return x;
  const a = normalizeDim('transpose', dim0, x.ndim);
  const b = normalizeDim('transpose', dim1, x.ndim);
  if (a === b) return x;
  const order = new Array<number>(x.ndim);
  for (let axis = 0; axis < x.ndim; axis++) order[axis] = axis === a ? b : axis === b ? a : axis;
  return permute(x, order);
}

export function matrixTranspose(x: Tensor): Tensor {
  if (x.ndim > 2) throw new Error(`t: expects a tensor with <= 2 dimensions, but got ${x.ndim}D; use transpose(dim0, dim1)`);
  return x.ndim < 2 ? x : transpose(x, 0, 1);
}

/** Broadcasts size-1 dims (and new leading dims) to `shape` without copying; -1 keeps an extent. */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  checkLive('expand', 'input', x);
  checkIntegerList('expand', 'sizes', shape);
  if (shape.length < x.ndim)
    throw new Error(
      `expand: the number of sizes provided (${shape.length}) must be greater or equal to the number of dimensions in the tensor (${x.ndim})`,
    );
  const lead = shape.length - x.ndim;
  const target = new Array<number>(shape.length);
  const strides = new Array<number>(shape.length);
  for (let axis = 0; axis < shape.length; axis++) {
    const extent = shape[axis]!;
    const own = axis - lead;
    const current = own >= 0 ? x.shape[own]! : 1;
    const wanted = extent === -1 && own >= 0 ? current : extent;
    if (current !== wanted && current !== 1)
      throw new Error(
        `expand: the expanded size of the tensor (${wanted}) must match the existing size (${current}) at non-singleton dimension ${axis}; target sizes ${formatShape(shape)}, tensor ${formatShape(x.shape)}`,
      );
    target[axis] = wanted;
    strides[axis] = own >= 0 && current === wanted ? x.strides[own]! : 0;
  }
  if (shapesEqual(target, x.shape)) return x;
  return record(new Tensor(x.storage, target, strides, x.offset), 'expand', [x], { shape: target });
}

/** Applies a strided window (the slice primitive). */
export function applySlice(x: Tensor, params: SliceParams): Tensor {
  const { strides, offset } = windowView(x, params);
  return record(new Tensor(x.storage, params.lengths, strides, offset), 'slice', [x], params);
}

export function fullSlice(x: Tensor): SliceParams {
  return { starts: x.shape.map(() => 0), steps: x.shape.map(() => 1), lengths: [...x.shape] };
}

/** `x[..., start:end:step, ...]` on `dim`, Python's clamping of out-of-range bounds included. */
export function slice(x: Tensor, dim: number, start?: number, end?: number, step = 1): Tensor {
  checkLive('slice', 'input', x);
  const axis = existingDim('slice', dim, x.ndim);
  if (!Number.isInteger(step) || step <= 0) throw new Error(`slice: step must be a positive integer (got ${step}); use flip() to reverse`);
  // a bound that is not an integer (a string, NaN) would make a window of NaN elements
  if (start !== undefined) checkIndex('slice', 'start', start);
  if (end !== undefined) checkIndex('slice', 'end', end);
  const extent = x.shape[axis]!;
  const clampIndex = (value: number) => Math.min(Math.max(value < 0 ? value + extent : value, 0), extent);
  const first = clampIndex(start ?? 0);
  const last = clampIndex(end ?? extent);
  const params = fullSlice(x);
  params.starts[axis] = first;
  params.steps[axis] = step;
  params.lengths[axis] = Math.max(0, Math.ceil((last - first) / step));
  if (params.lengths[axis] === extent) return x;
  return applySlice(x, params);
}

export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  checkLive('narrow', 'input', x);
  const axis = existingDim('narrow', dim, x.ndim);
  checkIndex('narrow', 'start', start);
  checkIndex('narrow', 'length', length);
  const extent = x.shape[axis]!;
  const first = start < 0 ? start + extent : start;
  if (first < 0 || length < 0 || first + length > extent)
    throw new Error(`narrow: start (${start}) + length (${length}) exceeds dimension size (${extent}) of dim ${dim}`);
  return slice(x, axis, first, first + length);
}

export function select(x: Tensor, dim: number, index: number): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('select', ['x', 'dim', 'index'], arguments);
  checkLive('select', 'input', x);
  const axis = existingDim('select', dim, x.ndim);
  checkIndex('select', 'index', index);
  const extent = x.shape[axis]!;
  if (index < -extent || index >= extent) throw new Error(`select: index ${index} is out of range for dim ${dim} of size ${extent}`);
  const position = index < 0 ? index + extent : index;
  const row = slice(x, axis, position, position + 1);
  const result = squeeze(row, axis);
  releaseIfMade(row, x, result);
  return result;
}

/** A position or a count along a dim is an integer: a forgotten one (undefined) or a string is named here. */
function checkIndex(operation: string, name: string, value: unknown): void {
  if (!Number.isInteger(value)) throw new Error(`${operation}: ${name} must be an integer, got ${describeValue(value)}`);
}

/**
 * The elements reversed along `dims`, as a new tensor (torch.flip copies, unlike NumPy's view): writes
 * to the result do not reach `x`, nor later writes to `x` the result. Differentiable.
 * @example
 * flip(tensor([[1, 2], [3, 4]]), 0); // [[3, 4], [1, 2]]
 */
export function flip(x: Tensor, dims: number | readonly number[]): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('flip', ['x', 'dims'], arguments);
  checkLive('flip', 'input', x);
  return composite(() => clone(flipView(x, dims)));
}

/**
 * `x` reversed along `dims` as a view with negative strides, for the library's own intermediates (a
 * gradient's reversal, say) where no caller can observe the sharing; users get {@link flip}'s copy.
 */
export function flipView(x: Tensor, dims: number | readonly number[]): Tensor {
  const axes = normalizeDims('flip', typeof dims === 'number' ? [dims] : dims, x.ndim);
  const params = fullSlice(x);
  for (const axis of axes) {
    if (x.shape[axis]! === 0) continue;
    params.starts[axis] = x.shape[axis]! - 1;
    params.steps[axis] = -1;
  }
  return applySlice(x, params);
}

export function squeeze(x: Tensor, dimOrOptions?: Dims | { dim?: Dims }): Tensor {
  checkLive('squeeze', 'input', x);
  const dim =
    dimOrOptions === undefined || typeof dimOrOptions === 'number' || Array.isArray(dimOrOptions)
      ? (dimOrOptions as Dims | undefined)
      : readArguments<{ dim?: Dims }>('squeeze', [dimOrOptions], ['dim'], ['dim']).dim;
  const axes = dim === undefined ? x.shape.map((_, axis) => axis) : normalizeDims('squeeze', dim, x.ndim);
  const shape = x.shape.filter((extent, axis) => !(extent === 1 && axes.includes(axis)));
  return shape.length === x.ndim ? x : reshape(x, shape);
}

export function unsqueeze(x: Tensor, dim: number | DimOptions): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('unsqueeze', ['x', 'dim'], arguments);
  checkLive('unsqueeze', 'input', x);
  const axis = normalizeDim('unsqueeze', readDim('unsqueeze', dim) as number, x.ndim + 1);
  const shape = [...x.shape];
  shape.splice(axis, 0, 1);
  return reshape(x, shape);
}

/** torch's keywords of flatten: `x.flatten(start_dim=1)` is `x.flatten({ startDim: 1 })`. */
export interface FlattenOptions {
  /** The first dimension merged. Default 0. */
  startDim?: number;
  /** The last dimension merged. Default -1. */
  endDim?: number;
}

/** Merges dimensions startDim…endDim into one, positionally (`flatten(x, 1)`) or by keyword (`flatten(x, { startDim: 1 })`). */
export function flatten(x: Tensor, first?: number | FlattenOptions, last?: number | FlattenOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('flatten', ['x', 'first', 'last'], arguments);
  checkLive('flatten', 'input', x);
  const { startDim = 0, endDim = -1 } =
    (first === undefined || typeof first === 'number') && (last === undefined || typeof last === 'number')
      ? { startDim: first, endDim: last }
      : readArguments<FlattenOptions>('flatten', [first, last], ['startDim', 'endDim'], ['startDim', 'endDim']);
  if (x.ndim === 0) return reshape(x, [1]);
  const start = normalizeDim('flatten', startDim, x.ndim);
  const end = normalizeDim('flatten', endDim, x.ndim);
  if (start > end) throw new Error(`flatten: start_dim (${startDim}) cannot come after end_dim (${endDim})`);
  const merged = x.shape.slice(start, end + 1).reduce((a, b) => a * b, 1);
  return reshape(x, [...x.shape.slice(0, start), merged, ...x.shape.slice(end + 1)]);
}

export function unflatten(x: Tensor, dim: number, sizes: readonly number[]): Tensor {
  checkLive('unflatten', 'input', x);
  const axis = existingDim('unflatten', dim, x.ndim);
  const inner = inferShape('unflatten', sizes, x.shape[axis]!);
  return reshape(x, [...x.shape.slice(0, axis), ...inner, ...x.shape.slice(axis + 1)]);
}

/** `base` with `source` written into the window `params` (out of place; the sliceScatter primitive). */
export function sliceScatter(base: Tensor, source: Tensor, params: SliceParams): Tensor {
  const output = allocate(base.shape, base.dtype, base.device);
  const backend = base.storage.backend;
  backend.unary('copy', base.kernelView(), output.kernelView());
  const values = expand(source, params.lengths);
  backend.unary('copy', values.kernelView(), windowView(output, params));
  return record(output, 'sliceScatter', [base, values], params);
}

/** The kernel view of a window of a tensor, without creating a handle. */
export function windowView(x: Tensor, params: SliceParams) {
  let offset = x.offset;
  const strides = x.strides.map((stride, axis) => {
    offset += params.starts[axis]! * stride;
    return stride * params.steps[axis]!;
  });
  return { buffer: x.storage.buffer, dtype: x.dtype, shape: params.lengths, strides, offset };
}
