import { fullLike, zerosLike, type Tensor } from '@dl/tensor';
import { Optimizer, optimizerOptions, type OptimizerParameters, type OptimizerState, type ParameterGroup } from './optimizer.js';

export interface RpropOptions {
  /** Initial step size of every element. Default 1e-2. */
  lr: number;
  /** (η₋, η₊): the step size's factors when the gradient's sign flips and when it holds; 0 < η₋ < 1 < η₊. Default [0.5, 1.2]. */
  etas: [number, number];
  /** (Γ_min, Γ_max): the bounds of the step sizes. Default [1e-6, 50]. */
  stepSizes: [number, number];
  /** Maximise the objective instead of minimising it. Default false. */
  maximize: boolean;
}

/**
 * Resilient backpropagation (PyTorch's `torch.optim.Rprop`): each element has its own step size,
 * grown while its gradient keeps its sign and shrunk when the sign flips; only the gradient's sign
 * moves the parameter. At each step, with g_prev the previous step's (possibly zeroed) gradient:
 *
 *   g ← ±∇;  η = η₊ if g·g_prev > 0, η₋ if g·g_prev < 0, else 1;  Γ ← clamp(Γ·η, Γ_min, Γ_max)
 *   g ← 0 where the sign flipped;  θ ← θ − Γ·sign(g);  g_prev ← g
 *
 * Meant for full-batch training. State per parameter: `step`, `prev` (g_prev), `stepSize` (Γ).
 * @example
 * const optimizer = new Rprop(model.parameters(), { lr: 0.01, etas: [0.5, 1.2] });
 */
export class Rprop extends Optimizer<RpropOptions> {
  constructor(parameters: OptimizerParameters<RpropOptions>, options?: Partial<RpropOptions>);
  /** PyTorch's order: `Rprop(params, lr, etas, step_sizes)`, optionally then an options object. */
  constructor(
    parameters: OptimizerParameters<RpropOptions>,
    lr: number,
    etas?: [number, number],
    stepSizes?: [number, number],
    options?: Partial<RpropOptions>,
  );
  constructor(parameters: OptimizerParameters<RpropOptions>, ...rest: unknown[]) {
    const defaults = { lr: 1e-2, etas: [0.5, 1.2] as [number, number], stepSizes: [1e-6, 50] as [number, number], maximize: false };
    super(parameters, optimizerOptions('Rprop', rest, ['lr', 'etas', 'stepSizes'], defaults));
  }

  protected override validateGroup(group: ParameterGroup<RpropOptions>): void {
    super.validateGroup(group);
    const owner = this.constructor.name;
    const etas: unknown[] = Array.isArray(group.etas) ? group.etas : [group.etas];
    const [etaMinus, etaPlus] = etas as number[];
    if (!(etas.length === 2 && etaMinus! > 0 && etaMinus! < 1 && etaPlus! > 1))
      throw new Error(`${owner}: invalid eta values: ${etas.join(', ')} (expected 0 < etaMinus < 1 < etaPlus)`);
  }

  protected updateParameter(parameter: Tensor, gradient: Tensor, state: OptimizerState, group: ParameterGroup<RpropOptions>): void {
    const {
      lr,
      etas: [etaMinus, etaPlus],
      stepSizes: [smallest, largest],
      maximize,
    } = group;
    if (state.step === undefined)
      Object.assign(state, { step: 0, prev: this.keepBuffer(zerosLike(parameter)), stepSize: this.keepBuffer(fullLike(parameter, lr)) });
    state.step = (state.step as number) + 1;
    const direction = maximize ? gradient.neg() : gradient;
    const prev = state.prev as Tensor;
    const agreement = direction.mul(prev);
    const flipped = agreement.lt(0);
    // sign(g·g_prev) → η₊, η₋ or 1, in the parameter's dtype (float32 holds η rounded, as torch's does)
    const factor = fullLike(parameter, 1).maskedFill(agreement.gt(0), etaPlus).maskedFill(flipped, etaMinus);
    const stepSize = (state.stepSize as Tensor).mul_(factor).clamp_(smallest, largest);
    // a flipped sign skips this step and forgets the gradient, so the next step counts as neutral
    const kept = direction.maskedFill(flipped, 0);
    parameter.addcmul_(kept.sign(), stepSize, -1);
    prev.copy_(kept);
  }
}
