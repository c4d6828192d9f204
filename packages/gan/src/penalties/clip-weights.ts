import { isModule, type Module } from '@dl/nn';
import { describeValue, noGrad, refuseExtraArguments } from '@dl/tensor';

/**
 * WGAN's weight clipping (Arjovsky et al. 2017): every parameter of `critic` is clamped in place to
 * [−clipValue, clipValue] after each critic step, a crude way to keep the critic Lipschitz.
 * @example
 * criticOptimizer.step();
 * clipWeights(critic, 0.01);
 */
export function clipWeights(critic: Module, clipValue = 0.01, ...extra: never[]): void {
  refuseExtraArguments('clipWeights', ['critic', 'clipValue'], extra);
  if (!isModule(critic)) throw new Error(`clipWeights: critic must be a module, got ${describeValue(critic)}`);
  if (!(clipValue > 0)) throw new Error(`clipWeights: clipValue must be positive, got ${clipValue}`);
  noGrad(() => {
    for (const parameter of critic.parameters()) parameter.clamp_(-clipValue, clipValue);
  });
}
