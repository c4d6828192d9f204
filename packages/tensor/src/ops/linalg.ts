import { refuseArgumentsPast } from '../core/options.js';
import { broadcastShapes, formatShape, sizeOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { record } from '../autograd/record.js';
import { composite, releaseIfMade } from '../core/scope.js';
import { allocate, assertSameDevice } from './allocate.js';
import { mul } from './elementwise.js';
import { checkSameDtype } from './same-dtype.js';
import { sum } from './reduce.js';
import { contiguous, expand, reshape, squeeze, unsqueeze } from './views.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

/** How a [.., rows, columns] view is laid out: row-major, column-major (a transposed view), or neither. */
export function matrixLayout(x: Tensor): 'normal' | 'transposed' | 'other' {
  const rank = x.ndim;
  const rowStride = x.strides[rank - 2]!;
  const columnStride = x.strides[rank - 1]!;
  const rows = x.shape[rank - 2]!;
  const columns = x.shape[rank - 1]!;
  if ((columnStride === 1 || columns === 1) && (rowStride === columns || rows === 1)) return 'normal';
  if ((rowStride === 1 || rows === 1) && (columnStride === rows || columns === 1)) return 'transposed';
  return 'other';
}

/** Batch stride of an operand whose matrices are dense: 0 for a matrix (rank 2) or a broadcast batch. */
function batchStride(x: Tensor): number | undefined {
  if (x.ndim === 2 || x.shape[0] === 1) return 0;
  return x.strides[0];
}

/**
 * The matmul primitive: [B, M, K] · [B, K, N] → [B, M, N], or [M, K] · [K, N] → [M, N] (both operands
 * of one rank). Matrices are recorded as they are, so torch.matmul of two matrices (Linear) needs no
 * reshape nodes; transposed or broadcast operands are read in place.
 */
export function batchedMatmul(a: Tensor, b: Tensor): Tensor {
  const rank = a.ndim;
  const batch = rank === 3 ? a.shape[0]! : 1;
  const m = a.shape[rank - 2]!;
  const k = a.shape[rank - 1]!;
  const n = b.shape[rank - 1]!;
  const prepare = (x: Tensor) => {
    let layout = matrixLayout(x);
    let operand = x;
    const stride = batchStride(x);
    const matrixSize = x.shape[rank - 2]! * x.shape[rank - 1]!;
    const denseBatches = stride === 0 || stride === matrixSize;
    if (layout === 'other' || !denseBatches) {
      operand = contiguous(x);
      layout = 'normal';
    }
    return { operand, transposed: layout === 'transposed', stride: batchStride(operand) === 0 ? 0 : matrixSize };
  };
  const left = prepare(a);
  const right = prepare(b);
  const output = allocate(rank === 3 ? [batch, m, n] : [m, n], a.dtype, a.device);
  a.storage.backend.matmul(left.operand.kernelView(), right.operand.kernelView(), output.kernelView(), {
    batch,
    m,
    n,
    k,
    transposeA: left.transposed,
    transposeB: right.transposed,
    batchStrideA: left.stride,
    batchStrideB: right.stride,
  });
  record(output, 'matmul', [a, b], {});
  releaseIfMade(left.operand, a);
  releaseIfMade(right.operand, b);
  return output;
}

/**
 * Matrix product with torch.matmul's rules: 1-D operands gain and lose a dim, leading (batch) dims
 * broadcast. A batch of inputs times one matrix ([.., M, K] · [K, N]) is a single large gemm.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('matmul', ['a', 'b'], arguments);
  assertSameDevice('matmul', [a, b]);
  if (a.ndim === 0 || b.ndim === 0) throw new Error('matmul: both arguments need at least 1 dimension (got a 0-d tensor)');
  // compared first: the named check builds its message's operands, and most products come here
  const dtype = a.dtype === b.dtype && a.dtype !== 'bool' ? a.dtype : checkSameDtype('matmul', { input: a, other: b });
  if (dtype === 'int32') throw new Error('matmul: not implemented for int32; cast to float32');
  // two matrices (every Linear) make no views or reshapes to release
  if (a.ndim === 2 && b.ndim === 2) return product(a, b);
  return composite(() => product(a, b));
}

/** matmul of `a` and `b`, of one dtype (errors name their shapes as given). */
function product(a: Tensor, b: Tensor): Tensor {
  const vectorLeft = a.ndim === 1;
  const vectorRight = b.ndim === 1;
  const left = vectorLeft ? unsqueeze(a, 0) : a;
  const right = vectorRight ? unsqueeze(b, 1) : b;
  const k = left.shape[left.ndim - 1]!;
  if (right.shape[right.ndim - 2] !== k)
    throw new Error(
      `matmul: mat1 and mat2 shapes cannot be multiplied (${formatShape(a.shape)} and ${formatShape(b.shape)}: inner dims ${k} vs ${right.shape[right.ndim - 2]})`,
    );
  const m = left.shape[left.ndim - 2]!;
  const n = right.shape[right.ndim - 1]!;
  const batchShape = broadcastShapes('matmul', left.shape.slice(0, -2), right.shape.slice(0, -2));
  let result: Tensor;
  if (left.ndim === 2 && right.ndim === 2) {
    result = batchedMatmul(left, right);
  } else if (right.ndim === 2) {
    // fold the batch into the rows: one [B·M, K] · [K, N] product
    const rows = reshape(left, [sizeOf(batchShape) * m, k]);
    result = reshape(batchedMatmul(rows, right), [...batchShape, m, n]);
  } else {
    const batch = sizeOf(batchShape);
    const left3 = reshape(expand(left, [...batchShape, m, k]), [batch, m, k]);
    const right3 = reshape(expand(right, [...batchShape, k, n]), [batch, k, n]);
    result = reshape(batchedMatmul(left3, right3), [...batchShape, m, n]);
  }
  if (vectorLeft) result = squeeze(result, -2);
  if (vectorRight) result = squeeze(result, -1);
  return result;
}

/** Batched product of two rank-3 tensors with equal batch (torch.bmm). */
export function bmm(a: Tensor, b: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('bmm', ['a', 'b'], arguments);
  checkTensorArguments('bmm', { input: a, mat2: b });
  if (a.ndim !== 3 || b.ndim !== 3 || a.shape[0] !== b.shape[0])
    throw new Error(`bmm: expects two 3-D tensors with the same batch size, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  return matmul(a, b);
}

export function mm(a: Tensor, b: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('mm', ['a', 'b'], arguments);
  checkTensorArguments('mm', { input: a, mat2: b });
  if (a.ndim !== 2 || b.ndim !== 2) throw new Error(`mm: expects two matrices, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  return matmul(a, b);
}

export function dot(a: Tensor, b: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('dot', ['a', 'b'], arguments);
  checkTensorArguments('dot', { input: a, tensor: b });
  if (a.ndim !== 1 || b.ndim !== 1 || a.shape[0] !== b.shape[0])
    throw new Error(`dot: expects two 1-D tensors of equal length, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  checkSameDtype('dot', { input: a, tensor: b });
  return composite(() => sum(mul(a, b)));
}

export function outer(a: Tensor, b: Tensor): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('outer', ['a', 'b'], arguments);
  checkTensorArguments('outer', { input: a, vec2: b });
  if (a.ndim !== 1 || b.ndim !== 1)
    throw new Error(`outer: expects two 1-D tensors, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  return composite(() => mul(unsqueeze(a, 1), unsqueeze(b, 0)));
}
