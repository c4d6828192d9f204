import type { AdamStepOptions } from '../core/backend.js';
import { noGrad } from '../autograd/grad-mode.js';
import { scope } from '../core/scope.js';
import { shapesEqual } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';

/**
 * One Adam step in place on `parameter` and its moment buffers — the update of PyTorch's
 * `torch.optim.Adam` (AdamW with `decoupledWeightDecay`, AMSGrad when `maxExpAvgSq` is given):
 *   g ← ±∇ (+ λθ, or θ ← θ(1 − lr·λ) for AdamW)
 *   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  v̂ ← max(v̂, v)
 *   θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v̂ / √(1 − β₂ᵗ) + ε)
 * This composite is the reference; a backend with a fused `adam` kernel runs it in one pass on
 * contiguous float32 tensors.
 * @example
 * adamStep(weight, weight.grad!, expAvg, expAvgSq, null, { lr: 1e-3, beta1: 0.9, beta2: 0.999,
 *   eps: 1e-8, weightDecay: 0, decoupledWeightDecay: false, maximize: false, step: 1 });
 */
export function adamStep(
  parameter: Tensor,
  gradient: Tensor,
  expAvg: Tensor,
  expAvgSq: Tensor,
  maxExpAvgSq: Tensor | null,
  options: AdamStepOptions,
): void {
  // index 1 is the gradient, every other tensor is state the step updates in place; plain loops (no
  // spreads, closures or Sets) keep this once-per-parameter function small for V8 to optimise early
  const tensors = maxExpAvgSq ? [parameter, gradient, expAvg, expAvgSq, maxExpAvgSq] : [parameter, gradient, expAvg, expAvgSq];
  for (const tensor of tensors)
    if (!shapesEqual(tensor.shape, parameter.shape) || tensor.device !== parameter.device)
      throw new Error(`adamStep: every tensor must match the parameter's shape [${parameter.shape}] and device '${parameter.device}'`);
  const fused = parameter.storage.backend.fused?.adam;
  if (fused && isFusible(tensors)) {
    for (const tensor of tensors) tensor.assertAlive('adamStep');
    // gradients often arrive as transposed views (Linear's weight is used as wᵀ), which the kernel reads
    // as they are; any other layout is made dense by one copy
    const dense = gradient.isContiguous() || isTransposedMatrix(gradient) ? gradient : noGrad(() => gradient.contiguous());
    fused(
      parameter.kernelView(),
      dense.kernelView(),
      expAvg.kernelView(),
      expAvgSq.kernelView(),
      maxExpAvgSq?.kernelView() ?? null,
      options,
    );
    if (dense !== gradient) dense.dispose();
    for (let index = 0; index < tensors.length; index++) if (index !== 1) tensors[index]!.storage.version++;
    return;
  }
  scope(() => noGrad(() => compositeAdamStep(parameter, gradient, expAvg, expAvgSq, maxExpAvgSq, options)));
}

/**
 * Whether the fused kernel can take these tensors (the gradient at index 1): all float32, the states
 * contiguous (the kernel writes them in place), and no two sharing a storage.
 */
function isFusible(tensors: Tensor[]): boolean {
  for (let index = 0; index < tensors.length; index++) {
    const tensor = tensors[index]!;
    if (tensor.dtype !== 'float32' || (index !== 1 && !tensor.isContiguous())) return false;
    for (let earlier = 0; earlier < index; earlier++) if (tensors[earlier]!.storage === tensor.storage) return false;
  }
  return true;
}

/** A 2-D [R, C] view with strides [1, R]: the transpose of a dense matrix, which fused `adam` accepts. */
function isTransposedMatrix(tensor: Tensor): boolean {
  return tensor.ndim === 2 && tensor.strides[0] === 1 && tensor.strides[1] === tensor.shape[0];
}

function compositeAdamStep(
  parameter: Tensor,
  gradient: Tensor,
  expAvg: Tensor,
  expAvgSq: Tensor,
  maxExpAvgSq: Tensor | null,
  options: AdamStepOptions,
): void {
  const { lr, beta1, beta2, eps, weightDecay, decoupledWeightDecay, maximize, step } = options;
  let direction = maximize ? gradient.neg() : gradient;
  if (weightDecay !== 0) {
    if (decoupledWeightDecay) parameter.mul_(1 - lr * weightDecay);
    else direction = direction.add(parameter, weightDecay);
  }
  expAvg.mul_(beta1).add_(direction, 1 - beta1);
  expAvgSq.mul_(beta2).addcmul_(direction, direction, 1 - beta2);
  let secondMoment = expAvgSq;
  if (maxExpAvgSq) {
    maxExpAvgSq.copy_(maxExpAvgSq.maximum(expAvgSq));
    secondMoment = maxExpAvgSq;
  }
  const denominator = secondMoment
    .sqrt()
    .div(Math.sqrt(1 - beta2 ** step))
    .add(eps);
  parameter.addcdiv_(expAvg, denominator, -lr / (1 - beta1 ** step));
}
