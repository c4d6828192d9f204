import { checkTensorArguments, enableGrad, grad, rand, refuseExtraArguments, scope, type Tensor } from '@dl/tensor';
import { checkOptions, formatShape } from '../options.js';
import { checkCritic, scoreWith, type Critic } from './critic.js';
import { perSampleNorm } from './per-sample-norm.js';

export interface GradientPenaltyOptions {
  /** Weight λ of the penalty; default 10 (Gulrajani et al.). */
  lambda?: number;
  /** Interpolation weights, one per sample ([B] or [B, 1, …]); default U(0, 1) drawn from the global generator. */
  eps?: Tensor;
}

/**
 * WGAN-GP's gradient penalty (Gulrajani et al. 2017):
 *   x̂ = ε·x + (1 − ε)·x̃,  ε ~ U(0, 1) per sample,
 *   GP = λ · mean_i (‖∇_x̂ C(x̂_i)‖₂ − 1)²,  ‖·‖ as torch.norm (gradient 0 where ∇ = 0).
 * The gradient is taken with `createGraph`, so `(criticLoss + GP).backward()` differentiates through
 * it (a second derivative of the critic). `real` and `fake` are detached: the penalty trains the
 * critic only.
 * @example
 * const penalty = gradientPenalty(critic, real, fake.detach(), { lambda: 10 });
 * wassersteinCriticLoss(critic.call(real), critic.call(fake.detach())).add(penalty).backward();
 */
export function gradientPenalty(
  critic: Critic,
  real: Tensor,
  fake: Tensor,
  options: GradientPenaltyOptions = {},
  ...extra: never[]
): Tensor {
  refuseExtraArguments('gradientPenalty', ['critic', 'real', 'fake', 'options'], extra);
  checkCritic('gradientPenalty', 'critic', critic);
  checkTensorArguments('gradientPenalty', { real, fake });
  checkOptions('gradientPenalty', options, ['lambda', 'eps']);
  const lambda = options.lambda ?? 10;
  if (real.ndim < 1 || real.shape.length !== fake.shape.length || real.shape.some((extent, axis) => extent !== fake.shape[axis]))
    throw new Error(
      `gradientPenalty: real and fake must have the same shape [batch, ...], got ${formatShape(real.shape)} and ${formatShape(fake.shape)}`,
    );
  if (real.device !== fake.device) throw new Error(`gradientPenalty: real is on ${real.device} and fake on ${fake.device}`);
  const batch = real.shape[0]!;
  const weightShape = [batch, ...real.shape.slice(1).map(() => 1)];
  // [B] or [B, 1, …]: one weight per sample along the first dim; a [1, B] would be read as B weights
  // here but broadcast against the batch in torch's formula (or fail), so it is refused
  const epsShape = options.eps?.shape;
  if (epsShape && (epsShape[0] !== batch || epsShape.slice(1).some((extent) => extent !== 1)))
    throw new Error(
      `gradientPenalty: eps must hold one weight per sample, shape [${batch}] or [${batch}, 1, …], got shape ${formatShape(epsShape)}`,
    );
  // the penalty is itself a gradient: it needs the graph even when called under noGrad
  return enableGrad(() =>
    scope(() => {
      // drawn inside the scope, so that it goes with the call's other intermediates
      const eps = options.eps ?? rand(weightShape, { device: real.device, dtype: real.dtype });
      const weight = eps.reshape(weightShape);
      const interpolated = weight.mul(real.detach()).add(weight.neg().add(1).mul(fake.detach())).detach();
      interpolated.requiresGrad = true;
      const scores = scoreWith(critic, interpolated);
      const [gradient] = grad(scores.sum(), [interpolated], { createGraph: true });
      const norm = perSampleNorm(gradient!);
      // returned from the scope: released with the graph that consumes it, like any loss
      return norm.sub(1).square().mean().mul(lambda);
    }),
  );
}
