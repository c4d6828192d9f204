import { zerosLike, type Tensor } from '@dl/tensor';
import { Optimizer, optimizerOptions, type OptimizerParameters, type OptimizerState, type ParameterGroup } from './optimizer.js';
import { checkMomentOptions } from './moment-options.js';

export interface RAdamOptions {
  /** Learning rate. Default 1e-3. */
  lr: number;
  /** Decay rates (β₁, β₂) of the first and second moment averages. Default [0.9, 0.999]. */
  betas: [number, number];
  /** Added to the denominator for stability. Default 1e-8. */
  eps: number;
  /** L2 penalty λ added to the gradient. Default 0. */
  weightDecay: number;
}

/**
 * Rectified Adam (PyTorch's `torch.optim.RAdam`): Adam whose adaptive step is switched on only once the
 * variance of its estimate is tractable. At step t, with ρ_∞ = 2/(1 − β₂) − 1 and
 * ρ_t = ρ_∞ − 2tβ₂ᵗ/(1 − β₂ᵗ):
 *
 *   g ← ∇ + λθ;  m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  m̂ = m/(1 − β₁ᵗ)
 *   ρ_t > 5:  r = √((ρ_t − 4)(ρ_t − 2)ρ_∞ / ((ρ_∞ − 4)(ρ_∞ − 2)ρ_t)),  θ ← θ − lr·m̂·r·√(1 − β₂ᵗ)/(√v + ε)
 *   else:     θ ← θ − lr·m̂  (momentum SGD)
 *
 * State per parameter: `step`, `expAvg`, `expAvgSq`.
 * @example
 * const optimizer = new RAdam(model.parameters(), { lr: 1e-3 });
 */
export class RAdam extends Optimizer<RAdamOptions> {
  constructor(parameters: OptimizerParameters<RAdamOptions>, options?: Partial<RAdamOptions>);
  /** PyTorch's order: `RAdam(params, lr, betas, eps, weight_decay)`, optionally then an options object. */
  constructor(
    parameters: OptimizerParameters<RAdamOptions>,
    lr: number,
    betas?: [number, number],
    eps?: number,
    weightDecay?: number,
    options?: Partial<RAdamOptions>,
  );
  constructor(parameters: OptimizerParameters<RAdamOptions>, ...rest: unknown[]) {
    const defaults = { lr: 1e-3, betas: [0.9, 0.999] as [number, number], eps: 1e-8, weightDecay: 0 };
    super(parameters, optimizerOptions('RAdam', rest, ['lr', 'betas', 'eps', 'weightDecay'], defaults));
  }

  protected override validateGroup(group: ParameterGroup<RAdamOptions>): void {
    super.validateGroup(group);
    checkMomentOptions(this.constructor.name, group);
  }

  protected updateParameter(parameter: Tensor, gradient: Tensor, state: OptimizerState, group: ParameterGroup<RAdamOptions>): void {
    const {
      lr,
      betas: [beta1, beta2],
      eps,
      weightDecay,
    } = group;
    if (state.step === undefined)
      Object.assign(state, { step: 0, expAvg: this.keepBuffer(zerosLike(parameter)), expAvgSq: this.keepBuffer(zerosLike(parameter)) });
    const step = (state.step as number) + 1;
    state.step = step;
    const direction = weightDecay !== 0 ? gradient.add(parameter, weightDecay) : gradient;
    const correction1 = 1 - beta1 ** step;
    const correction2 = 1 - beta2 ** step;
    const expAvg = (state.expAvg as Tensor).mul_(beta1).add_(direction, 1 - beta1);
    const expAvgSq = (state.expAvgSq as Tensor).mul_(beta2).addcmul_(direction, direction, 1 - beta2);
    const corrected = expAvg.div(correction1);
    const rhoInfinity = 2 / (1 - beta2) - 1;
    const rho = rhoInfinity - (2 * step * beta2 ** step) / correction2;
    if (rho > 5) {
      const rectification = Math.sqrt(((rho - 4) * (rho - 2) * rhoInfinity) / ((rhoInfinity - 4) * (rhoInfinity - 2) * rho));
      const adaptive = expAvgSq.sqrt().add(eps).reciprocal().mul(Math.sqrt(correction2));
      parameter.sub_(corrected.mul(lr).mul(adaptive).mul(rectification));
    } else parameter.sub_(corrected.mul(lr));
  }
}
