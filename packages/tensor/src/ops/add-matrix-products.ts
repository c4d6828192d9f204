import { refuseArgumentsPast } from '../core/options.js';
import { promoteTypes } from '../core/dtype.js';
import { composite } from '../core/scope.js';
import { formatShape } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { assertSameDevice } from './allocate.js';
import { castTo } from './convert.js';
import { logicalAnd, mul } from './elementwise.js';
import { matmulAnyDtype } from './integer-matmul.js';
import { sum } from './reduce.js';
import { type BetaAlphaOptions, betaInputPlusAlphaProduct, checkRank, readBetaAlpha } from './scaled-sum.js';
import { checkSameDtype } from './same-dtype.js';
import { squeeze, unsqueeze } from './views.js';
import { checkTensorArguments } from '../core/tensor-arguments.js';

/**
 * beta·input + alpha·(mat1 · mat2) (torch.addmm): mat1 [n, m], mat2 [m, p], input broadcast to
 * [n, p] (a bias row [p] is the usual one). All three share one dtype, floating or int32 (whose
 * non-integer beta and alpha are truncated, as torch's). beta = 0 ignores input (NaN in it does not
 * propagate). Differentiable in all three.
 * @example
 * addmm(bias, x, weight.t()); // a Linear layer: x·Wᵀ + b
 * addmm(c, a, b, { beta: 0.5, alpha: 2 }); // 0.5·c + 2·a·b
 */
export function addmm(input: Tensor, mat1: Tensor, mat2: Tensor, options?: BetaAlphaOptions): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('addmm', ['input', 'mat1', 'mat2', 'options'], arguments);
  const operation = 'addmm';
  checkTensorArguments(operation, { input });
  checkRank(operation, 'mat1', mat1, 2);
  checkRank(operation, 'mat2', mat2, 2);
  if (mat1.shape[1] !== mat2.shape[0])
    throw new Error(
      `${operation}: mat1 and mat2 shapes cannot be multiplied (${mat1.shape[0]}x${mat1.shape[1]} and ${mat2.shape[0]}x${mat2.shape[1]})`,
    );
  const dtype = checkSameDtype(operation, { input, mat1, mat2 });
  assertSameDevice(operation, [input, mat1, mat2]);
  const { beta, alpha } = readBetaAlpha(operation, options, dtype, 'truncate');
  return composite(() => betaInputPlusAlphaProduct(operation, input, matmulAnyDtype(mat1, mat2), beta, alpha));
}

/**
 * beta·input + alpha·(mat · vec) (torch.addmv): mat [n, m], vec [m], input broadcast to [n]. mat and
 * vec share one dtype, floating or int32 (non-integer scales truncated); input is cast to it, as
 * torch does. beta = 0 ignores input. Differentiable in all three.
 * @example
 * addmv(bias, weight, x); // W·x + b
 */
export function addmv(input: Tensor, mat: Tensor, vec: Tensor, options?: BetaAlphaOptions): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('addmv', ['input', 'mat', 'vec', 'options'], arguments);
  const operation = 'addmv';
  checkTensorArguments(operation, { input });
  checkRank(operation, 'mat', mat, 2);
  checkRank(operation, 'vec', vec, 1);
  if (mat.shape[1] !== vec.shape[0])
    throw new Error(`${operation}: size mismatch, mat of shape ${formatShape(mat.shape)} and vec of shape ${formatShape(vec.shape)}`);
  const dtype = checkSameDtype(operation, { mat, vec });
  assertSameDevice(operation, [input, mat, vec]);
  const { beta, alpha } = readBetaAlpha(operation, options, dtype, 'truncate');
  return composite(() =>
    betaInputPlusAlphaProduct(operation, castTo(input, dtype), squeeze(matmulAnyDtype(mat, unsqueeze(vec, 1)), -1), beta, alpha),
  );
}

/**
 * beta·input + alpha·(vec1 ⊗ vec2) (torch.addr): the outer product of vec1 [n] and vec2 [m], input
 * broadcast to [n, m]; the dtype is the promoted one of all three. For integer results beta and alpha
 * must be integers (torch refuses others); for bool results the sum is (beta ∧ input) ∨ (alpha ∧ vec1ᵢ ∧ vec2ⱼ).
 * beta = 0 ignores input. Differentiable in all three.
 * @example
 * addr(zeros([2, 3]), tensor([1, 2]), tensor([1, 0, -1])); // [[1, 0, -1], [2, 0, -2]]
 */
export function addr(input: Tensor, vec1: Tensor, vec2: Tensor, options?: BetaAlphaOptions): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('addr', ['input', 'vec1', 'vec2', 'options'], arguments);
  const operation = 'addr';
  checkTensorArguments(operation, { input });
  checkRank(operation, 'vec1', vec1, 1);
  checkRank(operation, 'vec2', vec2, 1);
  assertSameDevice(operation, [input, vec1, vec2]);
  const dtype = promoteTypes(promoteTypes(input.dtype, vec1.dtype), vec2.dtype);
  const { beta, alpha } = readBetaAlpha(operation, options, dtype, 'refuse');
  return composite(() => {
    const [column, row] = [unsqueeze(castTo(vec1, dtype), 1), unsqueeze(castTo(vec2, dtype), 0)];
    const product = dtype === 'bool' ? logicalAnd(column, row) : mul(column, row);
    return betaInputPlusAlphaProduct(operation, castTo(input, dtype), product, beta, alpha);
  });
}

/**
 * beta·input + alpha·Σᵢ batch1[i] · batch2[i] (torch.addbmm): batch1 [b, n, m], batch2 [b, m, p], the
 * b products summed into one [n, p] matrix, input broadcast to it. All three share one dtype, floating
 * or int32 (non-integer scales truncated). An empty batch adds nothing. Differentiable in all three.
 * @example
 * addbmm(zeros([2, 4]), randn([5, 2, 3]), randn([5, 3, 4])); // [2, 4]
 */
export function addbmm(input: Tensor, batch1: Tensor, batch2: Tensor, options?: BetaAlphaOptions): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('addbmm', ['input', 'batch1', 'batch2', 'options'], arguments);
  const operation = 'addbmm';
  checkTensorArguments(operation, { input });
  checkBatches(operation, batch1, batch2);
  const dtype = checkSameDtype(operation, { input, batch1, batch2 });
  assertSameDevice(operation, [input, batch1, batch2]);
  const { beta, alpha } = readBetaAlpha(operation, options, dtype, 'truncate');
  return composite(() => betaInputPlusAlphaProduct(operation, input, sum(matmulAnyDtype(batch1, batch2), 0), beta, alpha));
}

/**
 * beta·input + alpha·(batch1[i] · batch2[i]) for every i (torch.baddbmm): batch1 [b, n, m], batch2
 * [b, m, p], input broadcast to [b, n, p] (attention scores with a mask or bias). batch1 and batch2
 * share one dtype, floating or int32 (non-integer scales truncated); input is cast to it, as torch
 * does. beta = 0 ignores input. Differentiable in all three.
 * @example
 * baddbmm(mask, queries, keys.transpose(1, 2), { alpha: 1 / Math.sqrt(64) });
 */
export function baddbmm(input: Tensor, batch1: Tensor, batch2: Tensor, options?: BetaAlphaOptions): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('baddbmm', ['input', 'batch1', 'batch2', 'options'], arguments);
  const operation = 'baddbmm';
  checkTensorArguments(operation, { input });
  checkBatches(operation, batch1, batch2);
  const dtype = checkSameDtype(operation, { batch1, batch2 });
  assertSameDevice(operation, [input, batch1, batch2]);
  const { beta, alpha } = readBetaAlpha(operation, options, dtype, 'truncate');
  return composite(() => betaInputPlusAlphaProduct(operation, castTo(input, dtype), matmulAnyDtype(batch1, batch2), beta, alpha));
}

/** Throws unless batch1 [b, n, m] and batch2 [b, m, p] are two batches of multipliable matrices. */
function checkBatches(operation: string, batch1: Tensor, batch2: Tensor): void {
  checkRank(operation, 'batch1', batch1, 3);
  checkRank(operation, 'batch2', batch2, 3);
  const [count, rows, inner] = batch1.shape as [number, number, number];
  if (batch2.shape[0] !== count || batch2.shape[1] !== inner)
    throw new Error(
      `${operation}: expected batch2 of shape [${count}, ${inner}, *] to multiply batch1 of shape ${formatShape([count, rows, inner])}, got ${formatShape(batch2.shape)}`,
    );
}
