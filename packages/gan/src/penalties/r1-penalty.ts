import { checkTensorArguments, enableGrad, grad, refuseExtraArguments, scope, type Tensor } from '@dl/tensor';
import { checkOptions } from '../options.js';
import { checkCritic, scoreWith, type Critic } from './critic.js';
import { perSampleSquaredNorm } from './per-sample-norm.js';

export interface R1PenaltyOptions {
  /** Weight γ; the penalty is γ/2 · E‖∇D(x)‖². Default 10 (Mescheder et al. 2018). */
  gamma?: number;
}

/**
 * The R1 penalty (Mescheder, Geiger & Nowozin 2018) on real data: (γ/2) · mean_i ‖∇_x D(x_i)‖².
 * It pushes the discriminator's gradient on the data manifold to zero, which makes the
 * non-saturating GAN converge locally. Taken with `createGraph`; add it to the discriminator loss.
 * @example
 * const loss = bceDiscriminatorLoss(discriminator.call(real), discriminator.call(fake.detach())).add(r1Penalty(discriminator, real));
 */
export function r1Penalty(discriminator: Critic, real: Tensor, options: R1PenaltyOptions = {}, ...extra: never[]): Tensor {
  refuseExtraArguments('r1Penalty', ['discriminator', 'real', 'options'], extra);
  checkCritic('r1Penalty', 'discriminator', discriminator);
  checkTensorArguments('r1Penalty', { real });
  checkOptions('r1Penalty', options, ['gamma']);
  const gamma = options.gamma ?? 10;
  if (real.ndim < 1) throw new Error(`r1Penalty: real must be a batch [batch, ...], got a scalar`);
  // the penalty is itself a gradient: it needs the graph even when called under noGrad
  return enableGrad(() =>
    scope(() => {
      const input = real.detach();
      input.requiresGrad = true;
      const [gradient] = grad(scoreWith(discriminator, input).sum(), [input], { createGraph: true });
      // returned from the scope: released with the graph that consumes it, like any loss
      return perSampleSquaredNorm(gradient!)
        .mean()
        .mul(gamma / 2);
    }),
  );
}
