import { isTensor } from '../core/brand.js';
import { checkBoolean, describeValue, readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import { broadcastShapes, formatShape, shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { add, lt, mul, where } from './elementwise.js';
import { scatter, scatterAdd } from './indexing.js';
import { nonzero, nonzeroAsync } from './nonzero.js';
import { expand, reshape, select } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

// torch's x[indices] = values (index_put): the index tensors address the leading dims of x and are
// broadcast together to a shape B; x[i₀[b], i₁[b], …, :] takes values[b, :] for every b in B. Written
// as a scatter along the flattened leading dims, so that gradients come with it.

/**
 * torch.index_put's keyword.
 * @example
 * indexPut(x, [rows], values, { accumulate: true }); // x[rows] += values, repeated rows adding up
 */
export interface IndexPutOptions {
  /** Add the values to x's (repeated positions add up) instead of writing them. Default false. */
  accumulate?: boolean;
}

/** The positional form of the option (torch's index_put(input, indices, values, accumulate)). */
type AccumulateArgument = boolean | IndexPutOptions | undefined;

/** The accumulate flag, from a boolean or an options object. */
function readAccumulate(accumulate: AccumulateArgument): boolean {
  const options = readArguments<IndexPutOptions>('indexPut', [accumulate], ['accumulate'], ['accumulate']);
  return checkBoolean('indexPut', 'accumulate', options.accumulate ?? false);
}

/** The index list checked: int32 or bool tensors on x's device, covering no more dims than x has. */
function checkIndices(x: Tensor, indices: readonly Tensor[], values: Tensor): void {
  checkLive('indexPut', 'input', x);
  if (!Array.isArray(indices) || indices.length === 0)
    throw new Error(`indexPut: indices must be a non-empty list of int32 or bool tensors, got ${describeValue(indices)}`);
  let covered = 0;
  indices.forEach((index, position) => {
    if (!isTensor(index)) throw new Error(`indexPut: indices[${position}] must be a tensor, got ${describeValue(index)}`);
    if (index.dtype !== 'int32' && index.dtype !== 'bool')
      throw new Error(`indexPut: indices[${position}] must be an int32 or bool tensor, got ${index.dtype}`);
    if (index.dtype === 'bool') {
      if (index.ndim === 0) throw new Error(`indexPut: a 0-D bool index (indices[${position}]) is not supported`);
      const indexed = x.shape.slice(covered, covered + index.ndim);
      if (!shapesEqual(index.shape, indexed))
        throw new Error(
          `indexPut: the shape of the mask ${formatShape(index.shape)} at index ${position} does not match the shape of the indexed tensor ${formatShape(x.shape)} at dim ${covered}`,
        );
    }
    covered += index.dtype === 'bool' ? index.ndim : 1;
  });
  if (covered > x.ndim) throw new Error(`indexPut: too many indices for a tensor of dimension ${x.ndim} (got ${covered})`);
  assertSameDevice('indexPut', [x, values, ...indices]);
  if (values.dtype !== x.dtype)
    throw new Error(`indexPut: the values (${values.dtype}) must have the dtype of the destination (${x.dtype})`);
}

/** The index list with each k-D bool mask replaced by the k int32 coordinate lists of its true entries. */
function integerIndices(indices: readonly Tensor[], coordinatesOf: (mask: Tensor) => Tensor): Tensor[] {
  return indices.flatMap((index) => {
    if (index.dtype !== 'bool') return [index];
    const coordinates = coordinatesOf(index);
    return Array.from({ length: index.ndim }, (_, d) => select(coordinates, 1, d));
  });
}

/** A mask's coordinates read synchronously, which only the CPU can. */
function readMask(mask: Tensor): Tensor {
  if (!mask.storage.backend.readSync)
    throw new Error(`indexPut: a bool index on '${mask.device}' is read asynchronously; use await indexPutAsync(x, indices, values)`);
  return nonzero(mask);
}

/** Throws, for CPU indices, where one is outside [−extent, extent) (negative ones count from the end). */
function checkBounds(index: Tensor, extent: number, dim: number): void {
  if (index.device !== 'cpu') return;
  for (const value of index.dataSync())
    if (value < -extent || value >= extent) throw new Error(`indexPut: index ${value} is out of bounds for dim ${dim} with size ${extent}`);
}

/** x with the values put (or added) at the positions the int32 indices name. */
function putAt(x: Tensor, indices: readonly Tensor[], values: Tensor, accumulate: boolean): Tensor {
  const leading = indices.length;
  const broadcast = broadcastShapes('indexPut: the indexing tensors', ...indices.map((index) => index.shape));
  const rest = x.shape.slice(leading);
  const target = [...broadcast, ...rest];
  const offset = target.length - values.ndim;
  const fits = offset >= 0 && values.shape.every((extent, d) => extent === 1 || extent === target[offset + d]);
  if (!fits)
    throw new Error(
      `indexPut: shape mismatch: value tensor of shape ${formatShape(values.shape)} cannot be broadcast to indexing result of shape ${formatShape(target)}`,
    );
  indices.forEach((index, d) => checkBounds(index, x.shape[d]!, d));
  // the row-major position in x's leading dims: Σ_d i_d·stride_d, negative i_d counted from the end
  let position: Tensor | undefined;
  let stride = 1;
  for (let d = leading - 1; d >= 0; d--) {
    const index = indices[d]!;
    const wrapped = where(lt(index, 0), add(index, x.shape[d]!), index);
    const term = stride === 1 ? wrapped : mul(wrapped, stride);
    position = position ? add(position, term) : term;
    stride *= x.shape[d]!;
  }
  const count = broadcast.reduce((product, extent) => product * extent, 1);
  const width = rest.reduce((product, extent) => product * extent, 1);
  const rows = reshape(expand(position!, broadcast), [count, 1]);
  const flatX = reshape(x, [stride, width]);
  const flatValues = reshape(expand(values, target), [count, width]);
  const put = accumulate ? scatterAdd : scatter;
  return reshape(put(flatX, 0, expand(rows, [count, width]), flatValues), [...x.shape]);
}

/**
 * x with `values` written at the positions `indices` name (torch.index_put, PyTorch's `x[indices] =
 * values`): `indices` is a list of int32 tensors (negative entries count from the end) or bool masks
 * (each standing for the coordinates of its true entries over as many dims), addressing x's leading
 * dims and broadcast together; `values` (x's dtype) is broadcast to the broadcast index shape followed
 * by x's remaining dims. With `accumulate` the values are added, repeated positions adding up; without
 * it a repeated position keeps one of its values. Differentiable in x (zero where written, unless
 * accumulating) and in values (the gradient at their positions). A bool mask's coordinates are read on
 * the host: on the CPU here, elsewhere with {@link indexPutAsync}.
 * @example
 * indexPut(zeros(2, 3), [tensor([0, 1], { dtype: 'int32' }), tensor([2, 0], { dtype: 'int32' })], tensor([5, 6])); // [[0, 0, 5], [6, 0, 0]]
 */
export function indexPut(x: Tensor, indices: readonly Tensor[], values: Tensor, accumulate?: AccumulateArgument): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('indexPut', ['x', 'indices', 'values', 'accumulate'], arguments);
  const adds = readAccumulate(accumulate);
  checkIndices(x, indices, values);
  return composite(() => putAt(x, integerIndices(indices, readMask), values, adds));
}

/** {@link indexPut} for any device: waits for the bool masks' values. */
export async function indexPutAsync(
  x: Tensor,
  indices: readonly Tensor[],
  values: Tensor,
  accumulate?: AccumulateArgument,
): Promise<Tensor> {
  if (arguments.length > 4) refuseArgumentsPast('indexPutAsync', ['x', 'indices', 'values', 'accumulate'], arguments);
  const adds = readAccumulate(accumulate);
  checkIndices(x, indices, values);
  const masks = indices.filter((index) => index.dtype === 'bool');
  const coordinates = new Map<Tensor, Tensor>();
  for (const mask of masks) coordinates.set(mask, await nonzeroAsync(mask));
  try {
    return composite(() =>
      putAt(
        x,
        integerIndices(indices, (mask) => coordinates.get(mask)!),
        values,
        adds,
      ),
    );
  } finally {
    for (const read of coordinates.values()) read.release('the end of indexPutAsync (an intermediate it did not return)');
  }
}
