import { zerosLike, type Tensor } from '@dl/tensor';
import { inDefaultDtype } from './default-dtype-scalar.js';
import { Optimizer, optimizerOptions, type OptimizerParameters, type OptimizerState, type ParameterGroup } from './optimizer.js';

export interface ASGDOptions {
  /** Learning rate. Default 1e-2. */
  lr: number;
  /** λ, the decay term. Default 1e-4. */
  lambd: number;
  /** α, the power of the step-size decay. Default 0.75. */
  alpha: number;
  /** t₀, the step after which averaging starts. Default 1e6. */
  t0: number;
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay: number;
  /** Maximise the objective instead of minimising it. Default false. */
  maximize: boolean;
}

/**
 * Averaged stochastic gradient descent (PyTorch's `torch.optim.ASGD`, Polyak–Juditsky averaging).
 * At step t, with η and μ from the previous step (η₀ = lr, μ₀ = 1):
 *
 *   g ← ±∇ + wθ;  θ ← θ(1 − λη) − ηg;  ā ← θ if μ = 1, else ā + μ(θ − ā)
 *   η ← lr / (1 + λ·lr·t)^α;  μ ← 1 / max(1, t − t₀)
 *
 * ā (`ax`) is the running average of the parameters from step t₀ on: copy it into the model to
 * evaluate the averaged solution. η and μ are rounded to the default dtype (float32 unless
 * `setDefaultDtype('float64')`), as torch keeps them in 0-d tensors of it (`torch.tensor(lr)`).
 * State per parameter: `step`, `eta`, `mu`, `ax`.
 * @example
 * const optimizer = new ASGD(model.parameters(), { lr: 0.01, t0: 100 });
 */
export class ASGD extends Optimizer<ASGDOptions> {
  protected override readonly scalarStateKeys: readonly string[] = ['step', 'eta', 'mu'];

  constructor(parameters: OptimizerParameters<ASGDOptions>, options?: Partial<ASGDOptions>);
  /** PyTorch's order: `ASGD(params, lr, lambd, alpha, t0, weight_decay)`, optionally then an options object. */
  constructor(
    parameters: OptimizerParameters<ASGDOptions>,
    lr: number,
    lambd?: number,
    alpha?: number,
    t0?: number,
    weightDecay?: number,
    options?: Partial<ASGDOptions>,
  );
  constructor(parameters: OptimizerParameters<ASGDOptions>, ...rest: unknown[]) {
    const defaults = { lr: 1e-2, lambd: 1e-4, alpha: 0.75, t0: 1e6, weightDecay: 0, maximize: false };
    super(parameters, optimizerOptions('ASGD', rest, ['lr', 'lambd', 'alpha', 't0', 'weightDecay'], defaults));
  }

  protected override validateGroup(group: ParameterGroup<ASGDOptions>): void {
    super.validateGroup(group);
    if (!(group.weightDecay >= 0)) throw new Error(`${this.constructor.name}: invalid weight_decay value: ${group.weightDecay}`);
  }

  protected updateParameter(parameter: Tensor, gradient: Tensor, state: OptimizerState, group: ParameterGroup<ASGDOptions>): void {
    const { lr, lambd, alpha, t0, weightDecay, maximize } = group;
    if (state.step === undefined)
      Object.assign(state, { step: 0, eta: inDefaultDtype(lr), mu: 1, ax: this.keepBuffer(zerosLike(parameter)) });
    const step = (state.step as number) + 1;
    state.step = step;
    const eta = state.eta as number;
    const mu = state.mu as number;
    let direction = maximize ? gradient.neg() : gradient;
    if (weightDecay !== 0) direction = direction.add(parameter, weightDecay);
    parameter.mul_(1 - lambd * eta);
    parameter.add_(direction, -eta);
    const ax = state.ax as Tensor;
    if (mu !== 1) ax.add_(parameter.sub(ax).mul(mu));
    else ax.copy_(parameter);
    state.eta = inDefaultDtype(lr / (1 + lambd * lr * step) ** alpha);
    state.mu = inDefaultDtype(1 / Math.max(1, step - t0));
  }
}
