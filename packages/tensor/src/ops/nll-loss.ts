import { refuseArgumentsPast } from '../core/options.js';
import { isGradEnabled } from '../autograd/grad-mode.js';
import { record } from '../autograd/record.js';
import type { Tensor } from '../core/tensor.js';
import { allocate, assertSameDevice } from './allocate.js';
import { div, neg } from './elementwise.js';
import { gather, scatterAdd } from './indexing.js';
import { sum } from './reduce.js';
import { zeros } from './creation.js';
import { expand, reshape, unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * The negative log-likelihood of log-probabilities `input` [N, C] at int32 class indices `target` [N],
 * without class weights or ignored targets (`F.nllLoss` and `F.crossEntropy` of @dl/nn come here when
 * none applies): −Σᵢ input[i, targetᵢ], divided by N for 'mean'. PyTorch's nll_loss.
 *
 * The composite (a gather, a sum and a division forward; a scatter-add into zeros backward) is the
 * reference. A backend with fused `nllLoss` kernels computes it in one pass each way, with the same
 * bits: the picked values summed in float64 in row order and rounded once, then divided by −N; each
 * target's gradient −g/N. Its derivative is linear in g (and nothing for the input), so a gradient
 * taken with `createGraph` goes through the composite's differentiable ops.
 * @example
 * nllLossUnweighted(logSoftmax(logits, 1), labels, 'mean');
 */
export function nllLossUnweighted(input: Tensor, target: Tensor, reduction: 'mean' | 'sum'): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('nllLossUnweighted', ['input', 'target', 'reduction'], arguments);
  assertSameDevice('nllLoss', [input, target]);
  if (input.ndim !== 2 || target.ndim !== 1 || target.shape[0] !== input.shape[0] || target.dtype !== 'int32')
    throw new Error(
      `nllLoss: expected input [N, C] and int32 target [N], got input [${input.shape.join(', ')}] and ${target.dtype} target [${target.shape.join(', ')}]`,
    );
  if (reduction !== 'mean' && reduction !== 'sum')
    throw new Error(`nllLoss: reduction must be 'mean' or 'sum' here, got ${String(reduction)}`);
  const kernel = input.storage.backend.fused?.nllLoss;
  if (kernel === undefined || (input.dtype !== 'float32' && input.dtype !== 'float64')) return compositeLoss(input, target, reduction);
  checkLive('nllLoss', 'input', input);
  target.assertAlive('nllLoss');
  const output = allocate([], input.dtype, input.device);
  kernel.forward(input.contiguous().kernelView(), target.contiguous().kernelView(), output.kernelView(), reduction === 'mean');
  return record(output, 'nllLoss', [input, target], { reduction });
}

/** gather, sum, then −N or a sign flip: the ops @dl/nn ran before this op existed. */
function compositeLoss(input: Tensor, target: Tensor, reduction: 'mean' | 'sum'): Tensor {
  const picked = gather(input, 1, unsqueeze(target, 1));
  // −(Σp)/N as (Σp)/(−N): the same bits (a sign flip is exact)
  return reduction === 'sum' ? neg(sum(picked)) : div(sum(picked), -picked.numel());
}

/**
 * The loss's gradient with respect to its input [N, C]: −g (÷ N for 'mean') at each row's target, 0
 * elsewhere. On the fused kernel unless a graph is being recorded (createGraph): then the composite,
 * whose ops are differentiable in g.
 */
export function nllLossGradient(gradient: Tensor, target: Tensor, shape: readonly number[], reduction: 'mean' | 'sum'): Tensor {
  const kernel = gradient.storage.backend.fused?.nllLoss;
  const rows = shape[0]!;
  if (kernel === undefined || isGradEnabled() || (gradient.dtype !== 'float32' && gradient.dtype !== 'float64')) {
    const perRow = reduction === 'sum' ? neg(gradient) : div(gradient, -rows);
    const source = expand(reshape(perRow, [1, 1]), [rows, 1]);
    return scatterAdd(zeros([...shape], { dtype: gradient.dtype, device: gradient.device }), 1, unsqueeze(target, 1), source);
  }
  const result = allocate([...shape], gradient.dtype, gradient.device);
  kernel.backward(gradient.contiguous().kernelView(), target.contiguous().kernelView(), result.kernelView(), reduction === 'mean');
  return result;
}
