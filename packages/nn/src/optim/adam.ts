import { adamStep, zerosLike, type Tensor } from '@dl/tensor';
import { checkMomentOptions } from './moment-options.js';
import { Optimizer, optimizerOptions, type OptimizerParameters, type OptimizerState, type ParameterGroup } from './optimizer.js';

export interface AdamOptions {
  /** Learning rate. Default 1e-3. */
  lr: number;
  /** Decay rates (β₁, β₂) of the first and second moment averages. Default [0.9, 0.999]. */
  betas: [number, number];
  /** Added to the denominator for stability. Default 1e-8. */
  eps: number;
  /** Weight decay λ: an L2 term in the gradient (Adam) or decoupled shrinking (AdamW). Adam 0, AdamW 1e-2. Default 0 (AdamW: 1e-2). */
  weightDecay: number;
  /** Use the maximum of past second moments (AMSGrad). Default false. */
  amsgrad: boolean;
  /** Maximise the objective instead of minimising it. Default false. */
  maximize: boolean;
  /** Decoupled weight decay θ ← θ(1 − lr·λ) instead of g ← g + λθ; true makes Adam AdamW. Default false (AdamW: true). */
  decoupledWeightDecay: boolean;
}

const adamDefaults: AdamOptions = {
  lr: 1e-3,
  betas: [0.9, 0.999],
  eps: 1e-8,
  weightDecay: 0,
  amsgrad: false,
  maximize: false,
  decoupledWeightDecay: false,
};
/** PyTorch's positional order after the parameters. */
const adamPositionals = ['lr', 'betas', 'eps', 'weightDecay', 'amsgrad'] as const;

/**
 * Adam (PyTorch's `torch.optim.Adam`; with `decoupledWeightDecay`, `torch.optim.AdamW`). At step t:
 *
 *   g ← ±∇;  g ← g + λθ (Adam)  or  θ ← θ(1 − lr·λ) (AdamW)
 *   m ← β₁m + (1 − β₁)g
 *   v ← β₂v + (1 − β₂)g²;  v̂max ← max(v̂max, v) (AMSGrad, used in place of v)
 *   θ ← θ − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
 *
 * State per parameter: `step`, `expAvg`, `expAvgSq`, `maxExpAvgSq` (state dict: `exp_avg`, ...).
 * @example
 * const optimizer = new Adam(model.parameters(), { lr: 0.01 });
 * optimizer.zeroGrad();
 * loss.backward();
 * optimizer.step();
 */
export class Adam extends Optimizer<AdamOptions> {
  /** Defaults a variant changes (AdamW: decoupled weight decay 1e-2). */
  protected static variantDefaults: Partial<AdamOptions> = {};

  constructor(parameters: OptimizerParameters<AdamOptions>, options?: Partial<AdamOptions>);
  /** PyTorch's order: `Adam(params, lr, betas, eps, weight_decay, amsgrad)`, optionally then an options object. */
  constructor(
    parameters: OptimizerParameters<AdamOptions>,
    lr: number,
    betas?: [number, number],
    eps?: number,
    weightDecay?: number,
    amsgrad?: boolean,
    options?: Partial<AdamOptions>,
  );
  constructor(parameters: OptimizerParameters<AdamOptions>, ...rest: unknown[]) {
    super(
      parameters,
      optimizerOptions(new.target.name, rest, adamPositionals, { ...adamDefaults, ...(new.target as typeof Adam).variantDefaults }),
    );
  }

  protected override validateGroup(group: ParameterGroup<AdamOptions>): void {
    super.validateGroup(group);
    checkMomentOptions(this.constructor.name, group);
  }

  protected updateParameter(parameter: Tensor, gradient: Tensor, state: OptimizerState, group: ParameterGroup<AdamOptions>): void {
    const {
      lr,
      betas: [beta1, beta2],
      eps,
      weightDecay,
      amsgrad,
      maximize,
      decoupledWeightDecay,
    } = group;
    if (state.step === undefined) {
      state.step = 0;
      state.expAvg = this.keepBuffer(zerosLike(parameter));
      state.expAvgSq = this.keepBuffer(zerosLike(parameter));
      if (amsgrad) state.maxExpAvgSq = this.keepBuffer(zerosLike(parameter));
    }
    const step = (state.step as number) + 1;
    state.step = step;
    // one call: a fused kernel where the backend has one, the reference composite otherwise
    adamStep(parameter, gradient, state.expAvg as Tensor, state.expAvgSq as Tensor, amsgrad ? (state.maxExpAvgSq as Tensor) : null, {
      lr,
      beta1,
      beta2,
      eps,
      weightDecay,
      decoupledWeightDecay,
      maximize,
      step,
    });
  }
}

/**
 * AdamW (PyTorch's `torch.optim.AdamW`): Adam with decoupled weight decay θ ← θ(1 − lr·λ), default
 * λ = 1e-2. The same class as Adam with `decoupledWeightDecay: true`.
 * @example
 * const optimizer = new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.05 });
 */
export class AdamW extends Adam {
  protected static override variantDefaults: Partial<AdamOptions> = { weightDecay: 1e-2, decoupledWeightDecay: true };

  constructor(parameters: OptimizerParameters<AdamOptions>, options?: Partial<AdamOptions>);
  /** PyTorch's order: `AdamW(params, lr, betas, eps, weight_decay, amsgrad)`, optionally then an options object. */
  constructor(
    parameters: OptimizerParameters<AdamOptions>,
    lr: number,
    betas?: [number, number],
    eps?: number,
    weightDecay?: number,
    amsgrad?: boolean,
    options?: Partial<AdamOptions>,
  );
  constructor(parameters: OptimizerParameters<AdamOptions>, ...rest: unknown[]) {
    super(parameters, ...(rest as [Partial<AdamOptions>]));
  }
}
