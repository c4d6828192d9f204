import { zerosLike, type Tensor } from '@dl/tensor';
import { Optimizer, optimizerOptions, type OptimizerParameters, type OptimizerState, type ParameterGroup } from './optimizer.js';

export interface AdadeltaOptions {
  /** Scales the step. Default 1. */
  lr: number;
  /** Decay ρ of both running averages. Default 0.9. */
  rho: number;
  /** Added inside both square roots. Default 1e-6. */
  eps: number;
  /** L2 penalty λ added to the gradient. Default 0. */
  weightDecay: number;
  /** Maximise the objective instead of minimising it. Default false. */
  maximize: boolean;
}

/**
 * Adadelta (PyTorch's `torch.optim.Adadelta`): steps scaled by the ratio of the running RMS of past
 * steps to that of the gradients. At each step:
 *
 *   g ← ±∇ + λθ;  v ← ρv + (1 − ρ)g²;  Δ = √(u + ε)/√(v + ε) · g;  u ← ρu + (1 − ρ)Δ²;  θ ← θ − lr·Δ
 *
 * State per parameter: `step`, `squareAvg` (v), `accDelta` (u).
 * @example
 * const optimizer = new Adadelta(model.parameters());
 */
export class Adadelta extends Optimizer<AdadeltaOptions> {
  constructor(parameters: OptimizerParameters<AdadeltaOptions>, options?: Partial<AdadeltaOptions>);
  /** PyTorch's order: `Adadelta(params, lr, rho, eps, weight_decay)`, optionally then an options object. */
  constructor(
    parameters: OptimizerParameters<AdadeltaOptions>,
    lr: number,
    rho?: number,
    eps?: number,
    weightDecay?: number,
    options?: Partial<AdadeltaOptions>,
  );
  constructor(parameters: OptimizerParameters<AdadeltaOptions>, ...rest: unknown[]) {
    const defaults = { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false };
    super(parameters, optimizerOptions('Adadelta', rest, ['lr', 'rho', 'eps', 'weightDecay'], defaults));
  }

  protected override validateGroup(group: ParameterGroup<AdadeltaOptions>): void {
    super.validateGroup(group);
    const owner = this.constructor.name;
    if (!(group.rho >= 0 && group.rho <= 1)) throw new Error(`${owner}: invalid rho value: ${group.rho}`);
    if (!(group.eps >= 0)) throw new Error(`${owner}: invalid epsilon value: ${group.eps}`);
    if (!(group.weightDecay >= 0)) throw new Error(`${owner}: invalid weight_decay value: ${group.weightDecay}`);
  }

  protected updateParameter(parameter: Tensor, gradient: Tensor, state: OptimizerState, group: ParameterGroup<AdadeltaOptions>): void {
    const { lr, rho, eps, weightDecay, maximize } = group;
    if (state.step === undefined)
      Object.assign(state, { step: 0, squareAvg: this.keepBuffer(zerosLike(parameter)), accDelta: this.keepBuffer(zerosLike(parameter)) });
    state.step = (state.step as number) + 1;
    let direction = maximize ? gradient.neg() : gradient;
    if (weightDecay !== 0) direction = direction.add(parameter, weightDecay);
    const squareAvg = (state.squareAvg as Tensor).mul_(rho).addcmul_(direction, direction, 1 - rho);
    const accDelta = state.accDelta as Tensor;
    const delta = accDelta.add(eps).sqrt().div(squareAvg.add(eps).sqrt()).mul(direction);
    accDelta.mul_(rho).addcmul_(delta, delta, 1 - rho);
    parameter.sub_(delta.mul(lr));
  }
}
