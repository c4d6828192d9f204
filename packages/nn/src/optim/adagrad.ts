import { fullLike, type Tensor } from '@dl/tensor';
import { Optimizer, optimizerOptions, type OptimizerParameters, type OptimizerState, type ParameterGroup } from './optimizer.js';

export interface AdagradOptions {
  /** Learning rate. Default 1e-2. */
  lr: number;
  /** Learning-rate decay η: step t uses lr / (1 + (t − 1)η). Default 0. */
  lrDecay: number;
  /** L2 penalty λ added to the gradient. Default 0. */
  weightDecay: number;
  /** Starting value of the squared-gradient sum. Default 0. */
  initialAccumulatorValue: number;
  /** Added to the denominator for stability. Default 1e-10. */
  eps: number;
  /** Maximise the objective instead of minimising it. Default false. */
  maximize: boolean;
}

/**
 * Adagrad (PyTorch's `torch.optim.Adagrad`). At step t:
 *
 *   g ← ±∇ + λθ
 *   s ← s + g²
 *   θ ← θ − lr/(1 + (t − 1)η) · g / (√s + ε)
 *
 * State per parameter (created with the optimizer, as PyTorch does): `step`, `sum`.
 * @example
 * const optimizer = new Adagrad(model.parameters(), { lr: 0.1 });
 */
export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(parameters: OptimizerParameters<AdagradOptions>, options?: Partial<AdagradOptions>);
  /** PyTorch's order: `Adagrad(params, lr, lr_decay, weight_decay, initial_accumulator_value, eps)`, optionally then an options object. */
  constructor(
    parameters: OptimizerParameters<AdagradOptions>,
    lr: number,
    lrDecay?: number,
    weightDecay?: number,
    initialAccumulatorValue?: number,
    eps?: number,
    options?: Partial<AdagradOptions>,
  );
  constructor(parameters: OptimizerParameters<AdagradOptions>, ...rest: unknown[]) {
    const defaults = { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false };
    super(parameters, optimizerOptions('Adagrad', rest, ['lr', 'lrDecay', 'weightDecay', 'initialAccumulatorValue', 'eps'], defaults));
    for (const group of this.paramGroups)
      for (const parameter of group.params)
        this.state.set(parameter, { step: 0, sum: this.keepBuffer(fullLike(parameter, group.initialAccumulatorValue)) });
  }

  protected override validateGroup(group: ParameterGroup<AdagradOptions>): void {
    super.validateGroup(group);
    if (!(group.lrDecay >= 0)) throw new Error(`${this.constructor.name}: invalid lr_decay value: ${group.lrDecay}`);
    if (!(group.weightDecay >= 0)) throw new Error(`${this.constructor.name}: invalid weight_decay value: ${group.weightDecay}`);
    if (!(group.initialAccumulatorValue >= 0))
      throw new Error(`${this.constructor.name}: invalid initial_accumulator_value value: ${group.initialAccumulatorValue}`);
    if (!(group.eps >= 0)) throw new Error(`${this.constructor.name}: invalid epsilon value: ${group.eps}`);
  }

  protected updateParameter(parameter: Tensor, gradient: Tensor, state: OptimizerState, group: ParameterGroup<AdagradOptions>): void {
    const { lr, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize } = group;
    // a group added later gets its state here
    if (state.sum === undefined) Object.assign(state, { step: 0, sum: this.keepBuffer(fullLike(parameter, initialAccumulatorValue)) });
    const step = (state.step as number) + 1;
    state.step = step;
    let direction = maximize ? gradient.neg() : gradient;
    if (weightDecay !== 0) direction = direction.add(parameter, weightDecay);
    const clippedLr = lr / (1 + (step - 1) * lrDecay);
    const sum = (state.sum as Tensor).addcmul_(direction, direction, 1);
    parameter.addcdiv_(direction, sum.sqrt().add(eps), -clippedLr);
  }
}
