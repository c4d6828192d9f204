import { checkNumber, checkOptions, composite, noGrad, type Tensor, checkTensorArguments } from '@dl/tensor';
import { checkReduction, refuseLossArguments } from '../losses/loss-arguments.js';
import { reduce, type LossOptions } from './loss.js';

const poissonKeys = ['reduction', 'logInput', 'full', 'eps'];
const gaussianKeys = ['reduction', 'full', 'eps'];

/**
 * Poisson negative log-likelihood (torch.nn.functional.poisson_nll_loss): e^x − y·x for a log-rate x
 * (`logInput`, the default), else x − y·log(x + eps); `full` adds Stirling's y·log y − y + ½·log(2πy)
 * where y > 1.
 */
export function poissonNllLoss(
  input: Tensor,
  target: Tensor,
  options: LossOptions & { logInput?: boolean; full?: boolean; eps?: number } = {},
  ...extra: never[]
): Tensor {
  checkTensorArguments('poissonNllLoss', { input, target });
  if (extra.length > 0) refuseLossArguments('poissonNllLoss', ['input', 'target'], poissonKeys, extra);
  checkOptions('poissonNllLoss', options, poissonKeys);
  const reduction = checkReduction('poissonNllLoss', options.reduction);
  const { logInput = true, full = false, eps = 1e-8 } = options;
  checkNumber('poissonNllLoss', 'eps', eps);
  return composite(() => {
    let losses = logInput ? input.exp().sub(target.mul(input)) : input.sub(target.mul(input.add(eps).log()));
    if (full) {
      const stirling = target
        .mul(target.log())
        .sub(target)
        .add(
          target
            .mul(2 * Math.PI)
            .log()
            .mul(0.5),
        );
      losses = losses.add(stirling.where(target.gt(1), 0));
    }
    return reduce(losses, reduction);
  });
}

/**
 * Gaussian negative log-likelihood with a predicted variance (torch.nn.functional.gaussian_nll_loss):
 * ½·(log v + (x − y)²/v), v clamped below at `eps` (the clamp passes no gradient, as torch's); `full`
 * adds ½·log 2π. `variance` has the input's shape, or one dim of size 1 less or at the end.
 */
export function gaussianNllLoss(
  input: Tensor,
  target: Tensor,
  variance: Tensor,
  options: LossOptions & { full?: boolean; eps?: number } = {},
  ...extra: never[]
): Tensor {
  checkTensorArguments('gaussianNllLoss', { input, target, var: variance });
  if (extra.length > 0) refuseLossArguments('gaussianNllLoss', ['input', 'target', 'variance'], gaussianKeys, extra);
  checkOptions('gaussianNllLoss', options, gaussianKeys);
  const reduction = checkReduction('gaussianNllLoss', options.reduction);
  const { full = false, eps = 1e-6 } = options;
  checkNumber('gaussianNllLoss', 'eps', eps);
  const sameRank = variance.ndim === input.ndim;
  if (!(sameRank || variance.ndim === input.ndim - 1))
    throw new Error(
      `gaussianNllLoss: var [${variance.shape.join(', ')}] must have the input's shape [${input.shape.join(', ')}], or one dim less`,
    );
  // torch reads every variance back to check it; here only on the CPU (a GPU read would need an await)
  if (variance.device === 'cpu' && variance.dataSync().some((value) => value < 0))
    throw new Error('gaussianNllLoss: var has negative entry/entries');
  return composite(() => {
    const spread = sameRank ? variance : variance.unsqueeze(-1);
    // torch clamps a copy in place under no_grad: the gradient then flows as if unclamped
    const floor = noGrad(() => spread.clamp(eps).sub(spread));
    const clamped = spread.add(floor);
    let losses = clamped.log().add(input.sub(target).square().div(clamped)).mul(0.5);
    if (full) losses = losses.add(0.5 * Math.log(2 * Math.PI));
    return reduce(losses, reduction);
  });
}
