import type { Tensor } from '@dl/tensor';
import { Optimizer, optimizerOptions, type OptimizerParameters, type OptimizerState, type ParameterGroup } from './optimizer.js';

export interface SGDOptions {
  /** Learning rate. Default 1e-3. */
  lr: number;
  /** Momentum factor μ. Default 0. */
  momentum: number;
  /** Dampening τ of the momentum. Default 0. */
  dampening: number;
  /** L2 penalty λ added to the gradient. Default 0. */
  weightDecay: number;
  /** Nesterov momentum (needs momentum > 0 and dampening 0). Default false. */
  nesterov: boolean;
  /** Maximise the objective instead of minimising it. Default false. */
  maximize: boolean;
}

/**
 * Stochastic gradient descent with momentum (PyTorch's `torch.optim.SGD`):
 *
 *   g ← ±∇ + λθ
 *   b ← g (first step), else b ← μb + (1 − τ)g
 *   g ← g + μb (Nesterov), else g ← b          (when μ ≠ 0)
 *   θ ← θ − lr·g
 *
 * State per parameter: `momentumBuffer` (`momentum_buffer` in the state dict).
 * @example
 * const optimizer = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 * optimizer.zeroGrad();
 * loss.backward();
 * optimizer.step();
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(parameters: OptimizerParameters<SGDOptions>, options?: Partial<SGDOptions>);
  /** PyTorch's order: `SGD(params, lr, momentum, dampening, weight_decay, nesterov)`, optionally then an options object. */
  constructor(
    parameters: OptimizerParameters<SGDOptions>,
    lr: number,
    momentum?: number,
    dampening?: number,
    weightDecay?: number,
    nesterov?: boolean,
    options?: Partial<SGDOptions>,
  );
  constructor(parameters: OptimizerParameters<SGDOptions>, ...rest: unknown[]) {
    const defaults = { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };
    super(parameters, optimizerOptions('SGD', rest, ['lr', 'momentum', 'dampening', 'weightDecay', 'nesterov'], defaults));
  }

  protected override validateGroup(group: ParameterGroup<SGDOptions>): void {
    super.validateGroup(group);
    if (group.momentum < 0) throw new Error(`${this.constructor.name}: invalid momentum value: ${group.momentum}`);
    if (group.weightDecay < 0) throw new Error(`${this.constructor.name}: invalid weight_decay value: ${group.weightDecay}`);
    if (group.nesterov && (group.momentum <= 0 || group.dampening !== 0))
      throw new Error(
        `SGD: Nesterov momentum requires a momentum > 0 and zero dampening, got momentum ${group.momentum} and dampening ${group.dampening}`,
      );
  }

  protected updateParameter(parameter: Tensor, gradient: Tensor, state: OptimizerState, group: ParameterGroup<SGDOptions>): void {
    const { lr, momentum, dampening, weightDecay, nesterov, maximize } = group;
    let direction = maximize ? gradient.neg() : gradient;
    if (weightDecay !== 0) direction = direction.add(parameter, weightDecay);
    // PyTorch keeps `momentum_buffer: None` without momentum
    if (momentum === 0) state.momentumBuffer ??= null;
    else {
      let buffer = state.momentumBuffer as Tensor | null | undefined;
      if (buffer == null) state.momentumBuffer = buffer = this.keepBuffer(direction.clone());
      else buffer.mul_(momentum).add_(direction, 1 - dampening);
      direction = nesterov ? direction.add(buffer, momentum) : buffer;
    }
    parameter.add_(direction, -lr);
  }
}
