import { zerosLike, type Tensor } from '@dl/tensor';
import { Optimizer, optimizerOptions, type OptimizerParameters, type OptimizerState, type ParameterGroup } from './optimizer.js';
import { checkMomentOptions } from './moment-options.js';

export interface AdamaxOptions {
  /** Learning rate. Default 2e-3. */
  lr: number;
  /** Decay rates (β₁, β₂) of the first moment and the infinity norm. Default [0.9, 0.999]. */
  betas: [number, number];
  /** Added to the infinity norm for stability. Default 1e-8. */
  eps: number;
  /** L2 penalty λ added to the gradient. Default 0. */
  weightDecay: number;
  /** Maximise the objective instead of minimising it. Default false. */
  maximize: boolean;
}

/**
 * Adamax, Adam with the infinity norm (PyTorch's `torch.optim.Adamax`). At step t:
 *
 *   g ← ±∇ + λθ;  m ← β₁m + (1 − β₁)g;  u ← max(β₂u, |g| + ε);  θ ← θ − lr/(1 − β₁ᵗ) · m/u
 *
 * State per parameter: `step`, `expAvg`, `expInf`.
 * @example
 * const optimizer = new Adamax(model.parameters(), { lr: 2e-3 });
 */
export class Adamax extends Optimizer<AdamaxOptions> {
  constructor(parameters: OptimizerParameters<AdamaxOptions>, options?: Partial<AdamaxOptions>);
  /** PyTorch's order: `Adamax(params, lr, betas, eps, weight_decay)`, optionally then an options object. */
  constructor(
    parameters: OptimizerParameters<AdamaxOptions>,
    lr: number,
    betas?: [number, number],
    eps?: number,
    weightDecay?: number,
    options?: Partial<AdamaxOptions>,
  );
  constructor(parameters: OptimizerParameters<AdamaxOptions>, ...rest: unknown[]) {
    const defaults = { lr: 2e-3, betas: [0.9, 0.999] as [number, number], eps: 1e-8, weightDecay: 0, maximize: false };
    super(parameters, optimizerOptions('Adamax', rest, ['lr', 'betas', 'eps', 'weightDecay'], defaults));
  }

  protected override validateGroup(group: ParameterGroup<AdamaxOptions>): void {
    super.validateGroup(group);
    checkMomentOptions(this.constructor.name, group);
  }

  protected updateParameter(parameter: Tensor, gradient: Tensor, state: OptimizerState, group: ParameterGroup<AdamaxOptions>): void {
    const {
      lr,
      betas: [beta1, beta2],
      eps,
      weightDecay,
      maximize,
    } = group;
    if (state.step === undefined)
      Object.assign(state, { step: 0, expAvg: this.keepBuffer(zerosLike(parameter)), expInf: this.keepBuffer(zerosLike(parameter)) });
    const step = (state.step as number) + 1;
    state.step = step;
    let direction = maximize ? gradient.neg() : gradient;
    if (weightDecay !== 0) direction = direction.add(parameter, weightDecay);
    const expAvg = (state.expAvg as Tensor).mul_(beta1).add_(direction, 1 - beta1);
    const expInf = (state.expInf as Tensor).mul_(beta2);
    expInf.copy_(expInf.maximum(direction.abs().add(eps)));
    parameter.addcdiv_(expAvg, expInf, -lr / (1 - beta1 ** step));
  }
}
