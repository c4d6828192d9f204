import { zerosLike, type Tensor } from '@dl/tensor';
import { Optimizer, optimizerOptions, type OptimizerParameters, type OptimizerState, type ParameterGroup } from './optimizer.js';

export interface RMSpropOptions {
  /** Learning rate. Default 1e-2. */
  lr: number;
  /** Smoothing constant α of the squared-gradient average. Default 0.99. */
  alpha: number;
  /** Added to the denominator for stability. Default 1e-8. */
  eps: number;
  /** L2 penalty λ added to the gradient. Default 0. */
  weightDecay: number;
  /** Momentum factor μ. Default 0. */
  momentum: number;
  /** Normalise by the estimated variance (subtract the squared mean gradient). Default false. */
  centered: boolean;
  /** Maximise the objective instead of minimising it. Default false. */
  maximize: boolean;
}

/**
 * RMSprop (PyTorch's `torch.optim.RMSprop`):
 *
 *   g ← ±∇ + λθ
 *   v ← αv + (1 − α)g²
 *   ḡ ← αḡ + (1 − α)g;  d ← √(v − ḡ²) + ε   (centered)   else  d ← √v + ε
 *   b ← μb + g/d;  θ ← θ − lr·b             (μ > 0)      else  θ ← θ − lr·g/d
 *
 * State per parameter: `step`, `squareAvg`, `momentumBuffer`, `gradAvg`.
 * @example
 * const optimizer = new RMSprop(model.parameters(), { lr: 0.01, momentum: 0.9 });
 */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(parameters: OptimizerParameters<RMSpropOptions>, options?: Partial<RMSpropOptions>);
  /** PyTorch's order: `RMSprop(params, lr, alpha, eps, weight_decay, momentum, centered)`, optionally then an options object. */
  constructor(
    parameters: OptimizerParameters<RMSpropOptions>,
    lr: number,
    alpha?: number,
    eps?: number,
    weightDecay?: number,
    momentum?: number,
    centered?: boolean,
    options?: Partial<RMSpropOptions>,
  );
  constructor(parameters: OptimizerParameters<RMSpropOptions>, ...rest: unknown[]) {
    const defaults = { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false };
    super(parameters, optimizerOptions('RMSprop', rest, ['lr', 'alpha', 'eps', 'weightDecay', 'momentum', 'centered'], defaults));
  }

  protected override validateGroup(group: ParameterGroup<RMSpropOptions>): void {
    super.validateGroup(group);
    if (!(group.eps >= 0)) throw new Error(`${this.constructor.name}: invalid epsilon value: ${group.eps}`);
    if (!(group.momentum >= 0)) throw new Error(`${this.constructor.name}: invalid momentum value: ${group.momentum}`);
    if (!(group.weightDecay >= 0)) throw new Error(`${this.constructor.name}: invalid weight_decay value: ${group.weightDecay}`);
    if (!(group.alpha >= 0)) throw new Error(`${this.constructor.name}: invalid alpha value: ${group.alpha}`);
  }

  protected updateParameter(parameter: Tensor, gradient: Tensor, state: OptimizerState, group: ParameterGroup<RMSpropOptions>): void {
    const { lr, alpha, eps, weightDecay, momentum, centered, maximize } = group;
    if (state.step === undefined) {
      state.step = 0;
      state.squareAvg = this.keepBuffer(zerosLike(parameter));
      if (momentum > 0) state.momentumBuffer = this.keepBuffer(zerosLike(parameter));
      if (centered) state.gradAvg = this.keepBuffer(zerosLike(parameter));
    }
    state.step = (state.step as number) + 1;
    let direction = maximize ? gradient.neg() : gradient;
    if (weightDecay !== 0) direction = direction.add(parameter, weightDecay);

    const squareAvg = (state.squareAvg as Tensor).mul_(alpha).addcmul_(direction, direction, 1 - alpha);
    let average: Tensor;
    if (centered) {
      const gradAvg = (state.gradAvg as Tensor).mul_(alpha).add_(direction, 1 - alpha);
      average = squareAvg.sub(gradAvg.mul(gradAvg)).sqrt();
    } else average = squareAvg.sqrt();
    average = average.add(eps);

    if (momentum > 0) {
      const buffer = (state.momentumBuffer as Tensor).mul_(momentum).addcdiv_(direction, average);
      parameter.add_(buffer, -lr);
    } else parameter.addcdiv_(direction, average, -lr);
  }
}
