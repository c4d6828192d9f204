import { checkInteger, describeValue, readArguments, refuseExtraArguments, refuseArgumentsPast } from '../core/options.js';
import { formatShape, normalizeDim } from '../core/shape.js';
import { composite, releaseIfMade } from '../core/scope.js';
import type { Tensor, TensorOrScalar } from '../core/tensor.js';
import { record } from '../autograd/record.js';
import { allocate, assertSameDevice } from './allocate.js';
import { castTo } from './convert.js';
import { where } from './elementwise.js';
import { isScalar, scalarTensor } from './scalar.js';
import { full } from './creation.js';
import { contiguous, expand, reshape } from './views.js';
import { checkIndexBounds } from './index-bounds.js';
import { checkTensorArguments, checkLive } from '../core/tensor-arguments.js';
import { isTensor } from '../core/brand.js';

function checkIndex(operation: string, x: Tensor, axis: number, index: Tensor): Tensor {
  if (index.dtype !== 'int32') throw new Error(`${operation}: index must be an int32 tensor, got ${index.dtype}`);
  if (index.ndim !== x.ndim)
    throw new Error(
      `${operation}: index ${formatShape(index.shape)} and input ${formatShape(x.shape)} must have the same number of dimensions`,
    );
  index.shape.forEach((extent, d) => {
    if (d !== axis && extent > x.shape[d]!)
      throw new Error(`${operation}: index ${formatShape(index.shape)} is larger than input ${formatShape(x.shape)} at dim ${d}`);
  });
  return contiguous(index);
}

/** out[i][j][k] = x[i][index[i][j][k]][k] for dim 1 (torch.gather). */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('gather', ['x', 'dim', 'index'], arguments);
  assertSameDevice('gather', [x, index]);
  const axis = normalizeDim('gather', dim, x.ndim);
  const indices = checkIndex('gather', x, axis, index);
  checkIndexBounds('gather', indices, x.shape[axis]!, axis);
  const input = contiguous(x);
  const output = allocate(indices.shape, x.dtype, x.device);
  x.storage.backend.gather(input.kernelView(), indices.kernelView(), output.kernelView(), axis);
  record(output, 'gather', [input, indices], { axis });
  releaseIfMade(input, x);
  releaseIfMade(indices, index);
  return output;
}

function scatterPrimitive(mode: 'set' | 'add', x: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  const operation = mode === 'add' ? 'scatterAdd' : 'scatter';
  assertSameDevice(operation, [x, index, source]);
  const axis = normalizeDim(operation, dim, x.ndim);
  const indices = checkIndex(operation, x, axis, index);
  checkIndexBounds(operation, indices, x.shape[axis]!, axis);
  const values = contiguous(castTo(sourceWindow(source, indices.shape), x.dtype));
  const output = allocate(x.shape, x.dtype, x.device);
  const backend = x.storage.backend;
  backend.unary('copy', x.kernelView(), output.kernelView());
  backend.scatter(output.kernelView(), indices.kernelView(), values.kernelView(), axis, mode);
  return record(output, mode === 'add' ? 'scatterAdd' : 'scatter', [x, indices, values], { axis });
}

/** torch.scatter uses only the leading index-shaped block of `source`. */
function sourceWindow(source: Tensor, shape: readonly number[]): Tensor {
  if (source.shape.every((extent, axis) => extent === shape[axis])) return source;
  let result = source;
  shape.forEach((extent, axis) => (result = result.narrow(axis, 0, extent)));
  return result;
}

/** Writes source values at index positions along dim (out of place; torch.scatter). */
export function scatter(x: Tensor, dim: number, index: Tensor, source: TensorOrScalar): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('scatter', ['x', 'dim', 'index', 'source'], arguments);
  return composite(() => {
    const values = isScalar(source) ? expand(scalarTensor(source, x.dtype, x.device), index.shape) : source;
    return scatterPrimitive('set', x, dim, index, values);
  });
}

/** Adds source values at index positions along dim; repeated indices accumulate (torch.scatter_add). */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('scatterAdd', ['x', 'dim', 'index', 'source'], arguments);
  // the index and source windows, casts and copies it makes are released with the op
  return composite(() => scatterPrimitive('add', x, dim, index, source));
}

/** Picks entries of `dim` listed in a 1-D index (torch.index_select), via gather on an expanded index. */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('indexSelect', ['x', 'dim', 'index'], arguments);
  checkTensorArguments('indexSelect', { input: x, index });
  const axis = normalizeDim('indexSelect', dim, x.ndim);
  if (index.ndim > 1) throw new Error(`indexSelect: index must be 0-D or 1-D, got ${formatShape(index.shape)}`);
  return composite(() => {
    const flatIndex = reshape(index, [-1]);
    const shape = x.shape.map((extent, d) => (d === axis ? flatIndex.shape[0]! : extent));
    const broadcastShape = x.shape.map((_, d) => (d === axis ? flatIndex.shape[0]! : 1));
    return gather(x, axis, expand(reshape(flatIndex, broadcastShape), shape));
  });
}

/** `value` where mask is true (mask broadcasts to x). */
export function maskedFill(x: Tensor, mask: Tensor, value: number | Tensor): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('maskedFill', ['x', 'mask', 'value'], arguments);
  checkTensorArguments('maskedFill', { input: x, mask });
  if (mask.dtype !== 'bool') throw new Error(`maskedFill: mask must be a bool tensor, got ${mask.dtype}`);
  // torch's value is a number or a 0-d tensor (its gradient is the sum over the filled positions)
  if (isTensor(value)) {
    if (value.ndim !== 0)
      throw new Error(`maskedFill: only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s)`);
    return composite(() => where(mask, castTo(value, x.dtype), x));
  }
  if (!isScalar(value)) throw new Error(`maskedFill: value must be a number or a 0-d tensor, got ${describeValue(value)}`);
  return where(mask, scalarTensor(value, x.dtype, x.device), x);
}

/** int32 class indices → {0, 1} int32 one-hot along a new last dim (torch.nn.functional.one_hot). */
export function oneHot(indices: Tensor, numClasses?: number | { numClasses?: number }, ...extra: never[]): Tensor {
  checkLive('oneHot', 'input', indices);
  if (extra.length > 0) refuseExtraArguments('oneHot', ['indices', 'numClasses'], extra);
  // torch's num_classes positionally or by keyword; -1 (the default) infers it from the largest index
  const { numClasses: classes = -1 } = readArguments<{ numClasses?: number }>('oneHot', [numClasses], ['numClasses'], ['numClasses']);
  checkInteger('oneHot', 'numClasses', classes, -1);
  return oneHotOf(indices, classes);
}

function oneHotOf(indices: Tensor, numClasses: number): Tensor {
  if (indices.dtype !== 'int32') throw new Error(`oneHot: expects an int32 tensor of class indices, got ${indices.dtype}`);
  if (numClasses < 0 && !indices.storage.backend.readSync)
    throw new Error(`oneHot: pass numClasses for tensors on '${indices.device}' (inferring it needs a synchronous read)`);
  const classes = numClasses >= 0 ? numClasses : indices.numel() === 0 ? 0 : indices.max().itemSync() + 1;
  return composite(() => {
    const zeros = full([...indices.shape, classes], 0, { dtype: 'int32', device: indices.device });
    const ones = expand(scalarTensor(1, 'int32', indices.device), [...indices.shape, 1]);
    return scatter(zeros, -1, reshape(indices, [...indices.shape, 1]), ones);
  });
}
