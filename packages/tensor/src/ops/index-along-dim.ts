import { checkOptions, describeValue, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { formatShape, normalizeDim, shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { isTensor } from '../core/brand.js';
import { assertSameDevice } from './allocate.js';
import { castTo } from './convert.js';
import { zeros } from './creation.js';
import { mul, ne, where } from './elementwise.js';
import { checkIndexBounds } from './index-bounds.js';
import { scatter, scatterAdd } from './indexing.js';
import { scalarTensor } from './scalar.js';
import { expand, reshape } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

// torch's index_add, index_copy and index_fill: a 1-D index picks whole slices of `dim`, so each op is
// its scatter counterpart with the index broadcast over the other dims (gradients come with them).

/**
 * torch.index_add's keyword.
 * @example
 * indexAdd(x, 0, index, source, { alpha: -1 }); // subtracts instead
 */
export interface IndexAddOptions {
  /** The factor of `source`: x[index[i]] += alpha·source[i]. Default 1. */
  alpha?: number;
}

/** The dim, read and checked, and the 1-D index (0-D reads as one entry), bounds-checked on the CPU. */
export function readIndex(operation: string, x: Tensor, dim: number, index: Tensor): { axis: number; flat: Tensor } {
  checkLive(operation, 'input', x);
  const axis = normalizeDim(operation, dim, x.ndim);
  if (index.dtype !== 'int32') throw new Error(`${operation}: index must be an int32 tensor, got ${index.dtype}`);
  if (index.ndim > 1) throw new Error(`${operation}: index must be 0-D or 1-D, got ${formatShape(index.shape)}`);
  checkIndexBounds(operation, index, x.ndim === 0 ? 1 : x.shape[axis]!, axis);
  return { axis, flat: reshape(index, [-1]) };
}

/** `index` [m] broadcast over `shape` (whose `axis` has extent m), as scatter wants it. */
export function spread(index: Tensor, axis: number, shape: readonly number[]): Tensor {
  return expand(
    reshape(
      index,
      shape.map((extent, d) => (d === axis ? extent : 1)),
    ),
    shape,
  );
}

/** The source checked against x: same dtype, x's shape with `axis` replaced by the index's length. */
export function checkSource(operation: string, x: Tensor, axis: number, index: Tensor, source: Tensor): number[] {
  if (source.dtype !== x.dtype) throw new Error(`${operation}: self (${x.dtype}) and source (${source.dtype}) must have the same dtype`);
  const expected = x.ndim === 0 ? [index.shape[0]!] : x.shape.map((extent, d) => (d === axis ? index.shape[0]! : extent));
  const given = x.ndim === 0 ? [source.numel()] : source.shape;
  if (!shapesEqual(given, expected))
    throw new Error(
      `${operation}: source ${formatShape(source.shape)} must have the shape of the input ${formatShape(x.shape)} with dim ${axis} of the index's length ${index.shape[0]} (${formatShape(expected)})`,
    );
  return expected;
}

/** Runs `body` on x (and source) with a 0-D x read as [1], shaping the result back. */
export function atLeastOneDim(x: Tensor, body: (input: Tensor) => Tensor): Tensor {
  if (x.ndim > 0) return body(x);
  return reshape(body(reshape(x, [1])), []);
}

/**
 * Adds `alpha·source[i]` to the slice `index[i]` of `dim` (torch.index_add; repeated indices
 * accumulate): source has x's shape with `dim` of the index's length. Differentiable in x (the
 * gradient passes through) and in source (the gradient's slices at the index, times alpha).
 * @example
 * indexAdd(zeros([3, 2]), 0, tensor([0, 2, 0], { dtype: 'int32' }), ones([3, 2])); // rows [2, 2], [0, 0], [1, 1]
 */
export function indexAdd(x: Tensor, dim: number, index: Tensor, source: Tensor, options: IndexAddOptions = {}): Tensor {
  if (arguments.length > 5) refuseArgumentsPast('indexAdd', ['x', 'dim', 'index', 'source', 'options'], arguments);
  checkOptions('indexAdd', options, ['alpha']);
  const { alpha = 1 } = options;
  if (typeof alpha !== 'number' || !Number.isFinite(alpha))
    throw new Error(`indexAdd: alpha must be a finite number, got ${describeValue(alpha)}`);
  assertSameDevice('indexAdd', [x, index, source]);
  return composite(() => {
    const { axis, flat } = readIndex('indexAdd', x, dim, index);
    const shape = checkSource('indexAdd', x, axis, flat, source);
    const scaled = alpha === 1 ? source : mul(source, alpha);
    return atLeastOneDim(x, (input) => scatterAdd(input, axis, spread(flat, axis, shape), reshape(scaled, shape)));
  });
}

/**
 * Copies slice i of `source` into slice `index[i]` of `dim` (torch.index_copy; with a repeated index
 * one of the copies wins, as in torch). The gradient reaches x where nothing was copied and source at
 * the index.
 * @example
 * indexCopy(zeros([3, 2]), 0, tensor([2, 0], { dtype: 'int32' }), tensor([[1, 2], [3, 4]])); // rows [3, 4], [0, 0], [1, 2]
 */
export function indexCopy(x: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('indexCopy', ['x', 'dim', 'index', 'source'], arguments);
  assertSameDevice('indexCopy', [x, index, source]);
  return composite(() => {
    const { axis, flat } = readIndex('indexCopy', x, dim, index);
    const shape = checkSource('indexCopy', x, axis, flat, source);
    return atLeastOneDim(x, (input) => scatter(input, axis, spread(flat, axis, shape), reshape(source, shape)));
  });
}

/**
 * Fills the slices `index` of `dim` with `value`, a number or a 0-D tensor (torch.index_fill). The
 * gradient reaches x outside those slices and a 0-D tensor value as the sum over them.
 * @example
 * indexFill(ones([2, 3]), 1, tensor([0, 2], { dtype: 'int32' }), -1); // [[-1, 1, -1], [-1, 1, -1]]
 */
export function indexFill(x: Tensor, dim: number, index: Tensor, value: number | Tensor): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('indexFill', ['x', 'dim', 'index', 'value'], arguments);
  if (isTensor(value)) {
    if (value.ndim !== 0) throw new Error(`indexFill: only a 0-dimensional value tensor is supported, got ${formatShape(value.shape)}`);
    assertSameDevice('indexFill', [x, index, value]);
  } else if (typeof value !== 'number') throw new Error(`indexFill: value must be a number or a 0-D tensor, got ${describeValue(value)}`);
  else assertSameDevice('indexFill', [x, index]);
  return composite(() => {
    const { axis, flat } = readIndex('indexFill', x, dim, index);
    const extent = x.ndim === 0 ? 1 : x.shape[axis]!;
    // a 0/1 flag per slice of dim, broadcast over the other dims
    const flags = scatter(zeros([extent], { dtype: 'int32', device: x.device }), 0, flat, 1);
    const mask = reshape(
      ne(flags, 0),
      x.shape.map((size, d) => (d === axis ? size : 1)),
    );
    const filler = isTensor(value) ? castTo(value, x.dtype) : scalarTensor(value, x.dtype, x.device);
    return where(mask, filler, x);
  });
}
