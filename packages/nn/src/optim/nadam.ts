import { inDefaultDtype } from './default-dtype-scalar.js';
import { zerosLike, type Tensor } from '@dl/tensor';
import { Optimizer, optimizerOptions, type OptimizerParameters, type OptimizerState, type ParameterGroup } from './optimizer.js';
import { checkMomentOptions } from './moment-options.js';

export interface NAdamOptions {
  /** Learning rate. Default 2e-3. */
  lr: number;
  /** Decay rates (β₁, β₂) of the first and second moment averages. Default [0.9, 0.999]. */
  betas: [number, number];
  /** Added to the denominator for stability. Default 1e-8. */
  eps: number;
  /** L2 penalty λ added to the gradient. Default 0. */
  weightDecay: number;
  /** ψ, the momentum schedule's decay. Default 4e-3. */
  momentumDecay: number;
}

/**
 * NAdam, Adam with Nesterov momentum (PyTorch's `torch.optim.NAdam`). At step t, with the momentum
 * schedule μ_t = β₁(1 − ½·0.96^{tψ}) and Π_t = μ₁⋯μ_t:
 *
 *   g ← ∇ + λθ;  m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  d = √(v / (1 − β₂ᵗ)) + ε
 *   θ ← θ − lr(1 − μ_t)/(1 − Π_t) · g/d − lr·μ_{t+1}/(1 − Π_t·μ_{t+1}) · m/d
 *
 * State per parameter: `step`, `muProduct` (Π, kept in float32 as torch keeps it), `expAvg`, `expAvgSq`.
 * @example
 * const optimizer = new NAdam(model.parameters(), { lr: 2e-3 });
 */
export class NAdam extends Optimizer<NAdamOptions> {
  protected override readonly scalarStateKeys: readonly string[] = ['step', 'muProduct'];

  constructor(parameters: OptimizerParameters<NAdamOptions>, options?: Partial<NAdamOptions>);
  /** PyTorch's order: `NAdam(params, lr, betas, eps, weight_decay, momentum_decay)`, optionally then an options object. */
  constructor(
    parameters: OptimizerParameters<NAdamOptions>,
    lr: number,
    betas?: [number, number],
    eps?: number,
    weightDecay?: number,
    momentumDecay?: number,
    options?: Partial<NAdamOptions>,
  );
  constructor(parameters: OptimizerParameters<NAdamOptions>, ...rest: unknown[]) {
    const defaults = { lr: 2e-3, betas: [0.9, 0.999] as [number, number], eps: 1e-8, weightDecay: 0, momentumDecay: 4e-3 };
    super(parameters, optimizerOptions('NAdam', rest, ['lr', 'betas', 'eps', 'weightDecay', 'momentumDecay'], defaults));
  }

  protected override validateGroup(group: ParameterGroup<NAdamOptions>): void {
    super.validateGroup(group);
    checkMomentOptions(this.constructor.name, group);
    if (!(group.momentumDecay >= 0)) throw new Error(`${this.constructor.name}: invalid momentum_decay value: ${group.momentumDecay}`);
  }

  protected updateParameter(parameter: Tensor, gradient: Tensor, state: OptimizerState, group: ParameterGroup<NAdamOptions>): void {
    const {
      lr,
      betas: [beta1, beta2],
      eps,
      weightDecay,
      momentumDecay,
    } = group;
    if (state.step === undefined) {
      Object.assign(state, {
        step: 0,
        muProduct: 1,
        expAvg: this.keepBuffer(zerosLike(parameter)),
        expAvgSq: this.keepBuffer(zerosLike(parameter)),
      });
    }
    const step = (state.step as number) + 1;
    state.step = step;
    const direction = weightDecay !== 0 ? gradient.add(parameter, weightDecay) : gradient;
    const mu = beta1 * (1 - 0.5 * 0.96 ** (step * momentumDecay));
    const muNext = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * momentumDecay));
    // torch keeps Π in a 0-d tensor of the default dtype and multiplies it by each μ in that dtype;
    // torch 1.13's next product is Π·μ·μ_next (μ twice), kept as torch computes it
    const muProduct = inDefaultDtype((state.muProduct as number) * inDefaultDtype(mu));
    const muProductNext = inDefaultDtype(inDefaultDtype(muProduct * inDefaultDtype(mu)) * inDefaultDtype(muNext));
    state.muProduct = muProduct;
    const expAvg = (state.expAvg as Tensor).mul_(beta1).add_(direction, 1 - beta1);
    const expAvgSq = (state.expAvgSq as Tensor).mul_(beta2).addcmul_(direction, direction, 1 - beta2);
    const denominator = expAvgSq
      .div(1 - beta2 ** step)
      .sqrt()
      .add(eps);
    parameter.addcdiv_(direction, denominator, (-lr * (1 - mu)) / (1 - muProduct));
    parameter.addcdiv_(expAvg, denominator, (-lr * muNext) / (1 - muProductNext));
  }
}
