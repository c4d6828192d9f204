import {
  cat,
  checkInteger,
  describeValue,
  enableGrad,
  isTensor,
  keep,
  noGrad,
  refuseExtraArguments,
  scope,
  zeros,
  type Tensor,
} from '@dl/tensor';
import {
  Optimizer,
  optimizerOptions,
  type OptimizerParameters,
  type OptimizerState,
  type OptimizerStateDict,
  type ParameterGroup,
  type ParameterGroupInput,
} from './optimizer.js';
import { pythonMin, strongWolfe, type LineSearchPoint } from './strong-wolfe.js';
import { checkGroupsBeforeStep } from './group-option-types.js';

export interface LBFGSOptions {
  /** Learning rate: the step length tried along each direction. Default 1. */
  lr: number;
  /** Most iterations per `step(closure)`. Default 20. */
  maxIter: number;
  /** Most closure evaluations per `step(closure)`. Default ⌊1.25 · maxIter⌋ (null means that). */
  maxEval: number | null;
  /** Stop once every gradient element is at most this in magnitude. Default 1e-7. */
  toleranceGrad: number;
  /** Stop once the loss or the parameters change by less than this. Default 1e-9. */
  toleranceChange: number;
  /** How many (step, gradient change) pairs approximate the inverse Hessian. Default 100. */
  historySize: number;
  /** `'strong_wolfe'` for a line search satisfying the strong Wolfe conditions, null for fixed steps of `lr`. Default null. */
  lineSearchFn: 'strong_wolfe' | null;
}

/** The loss a closure returns: a one-element tensor or a number. */
function lossValue(loss: unknown): number {
  if (typeof loss === 'number') return loss;
  if (isTensor(loss) && loss.numel() === 1) return loss.itemSync();
  throw new Error(
    `LBFGS.step: the closure must return the loss (a one-element tensor or a number), got ${
      isTensor(loss) ? `a tensor of shape [${loss.shape.join(', ')}]` : describeValue(loss)
    }`,
  );
}

const maxAbs = (flat: Tensor) => flat.abs().max().itemSync();

/**
 * L-BFGS (PyTorch's `torch.optim.LBFGS`, after minFunc): a quasi-Newton method for full-batch
 * problems. Each `step(closure)` runs up to `maxIter` iterations; each takes the direction
 * d = −H·g, where H approximates the inverse Hessian from the last `historySize` pairs
 * (s = θ_{k+1} − θ_k, y = g_{k+1} − g_k) by the two-loop recursion, starting from H₀ = (sᵀy / yᵀy)·I.
 * The step along d is `lr` (the very first one min(1, 1/‖g‖₁)·lr), or one found by the strong-Wolfe
 * line search. An iteration stops the step when the gradient's largest element is below
 * `toleranceGrad`, when gᵀd, the step or the loss change is below `toleranceChange`, or when
 * `maxEval` evaluations are spent.
 *
 * One parameter group only. The closure clears the gradients, evaluates the model, calls
 * `backward()` and returns the loss; it runs several times per step. The search reads values as it
 * goes, so the parameters must be on the CPU. State (kept on the first parameter, as torch does):
 * `funcEvals`, `nIter`, `d`, `t`, `oldDirs`, `oldStps`, `ro`, `hDiag` (`H_diag` in the state
 * dict), `prevFlatGrad`, `prevLoss`, `al`; scalars are numbers in float64 (torch's 0-d tensors take
 * the parameters' dtype, so float32 runs agree to float32 rounding, not bit for bit).
 * @example
 * const optimizer = new LBFGS(model.parameters(), { lineSearchFn: 'strong_wolfe' });
 * for (let epoch = 0; epoch < 10; epoch++)
 *   optimizer.step(() => {
 *     optimizer.zeroGrad();
 *     const loss = lossFunction.call(model.call(x), y);
 *     loss.backward();
 *     return loss;
 *   });
 */
export class LBFGS extends Optimizer<LBFGSOptions> {
  protected override readonly scalarStateKeys: readonly string[] = ['funcEvals', 'nIter', 't', 'hDiag', 'prevLoss', 'ro', 'al'];

  constructor(parameters: OptimizerParameters<LBFGSOptions>, options?: Partial<LBFGSOptions>);
  /** PyTorch's order: `LBFGS(params, lr, max_iter, max_eval, tolerance_grad, tolerance_change, history_size, line_search_fn)`, optionally then an options object. */
  constructor(
    parameters: OptimizerParameters<LBFGSOptions>,
    lr: number,
    maxIter?: number,
    maxEval?: number | null,
    toleranceGrad?: number,
    toleranceChange?: number,
    historySize?: number,
    lineSearchFn?: 'strong_wolfe' | null,
    options?: Partial<LBFGSOptions>,
  );
  constructor(parameters: OptimizerParameters<LBFGSOptions>, ...rest: unknown[]) {
    const defaults: LBFGSOptions = {
      lr: 1,
      maxIter: 20,
      maxEval: null,
      toleranceGrad: 1e-7,
      toleranceChange: 1e-9,
      historySize: 100,
      lineSearchFn: null,
    };
    const positionals = ['lr', 'maxIter', 'maxEval', 'toleranceGrad', 'toleranceChange', 'historySize', 'lineSearchFn'] as const;
    const options = optimizerOptions('LBFGS', rest, positionals, defaults);
    checkInteger('LBFGS', 'maxIter', options.maxIter);
    options.maxEval ??= Math.floor((options.maxIter * 5) / 4);
    super(parameters, options);
  }

  /** Refuses a second group: torch's LBFGS optimizes one flat vector with one set of options. */
  override addParamGroup(group: ParameterGroupInput<LBFGSOptions>, ...extra: never[]): void {
    if (extra.length > 0) refuseExtraArguments('LBFGS.addParamGroup', ['group'], extra);
    if (this.paramGroups.length > 0) throw new Error("LBFGS doesn't support per-parameter options (parameter groups): give it one group");
    super.addParamGroup(group);
  }

  protected override validateGroup(group: ParameterGroup<LBFGSOptions>): void {
    super.validateGroup(group);
    const owner = this.constructor.name;
    checkInteger(owner, 'maxIter', group.maxIter);
    checkInteger(owner, 'maxEval', group.maxEval);
    checkInteger(owner, 'historySize', group.historySize);
    if (group.lineSearchFn !== null && group.lineSearchFn !== 'strong_wolfe')
      throw new Error(`${owner}: only 'strong_wolfe' is supported as lineSearchFn (or null), got ${describeValue(group.lineSearchFn)}`);
  }

  /** LBFGS moves all parameters together in `step(closure)`; there is no per-parameter update. */
  protected updateParameter(): void {
    throw new Error('LBFGS: parameters are updated together by step(closure), never one by one');
  }

  /**
   * Runs up to `maxIter` L-BFGS iterations, evaluating `closure` (with gradients enabled) as often
   * as needed; returns the loss of its first evaluation, before the update, as torch does (a
   * detached copy when it is a tensor: the later evaluations' backward passes free the original).
   */
  override step<Loss>(closure: () => Loss, ...extra: never[]): Loss {
    if (extra.length > 0) refuseExtraArguments('LBFGS.step', ['closure'], extra);
    if (typeof closure !== 'function')
      throw new Error(
        `LBFGS.step: needs a closure that clears the gradients, evaluates the model, calls backward() and returns the loss (optimizer.step(() => { ... })); got ${describeValue(closure)}`,
      );
    checkGroupsBeforeStep('LBFGS.step', this.paramGroups, this.defaults);
    const group = this.paramGroups[0]!;
    const parameters = group.params;
    for (const parameter of parameters)
      if (parameter.device !== 'cpu')
        throw new Error(
          `LBFGS.step: its tolerance checks and line search read values synchronously, which only the CPU does; a parameter is on '${parameter.device}'`,
        );
    const state: OptimizerState = this.state.get(parameters[0]!) ?? {};
    this.state.set(parameters[0]!, state);
    state.funcEvals ??= 0;
    state.nIter ??= 0;

    const evaluate = () => lossValue(enableGrad(closure));
    const originalLoss = enableGrad(closure);
    const loss = lossValue(originalLoss);
    // the evaluations that follow consume its graph, which frees it: hand back a detached copy
    const returned = (isTensor(originalLoss) ? originalLoss.detach().clone() : originalLoss) as Loss;
    state.funcEvals = (state.funcEvals as number) + 1;
    // every temporary of the step is freed when it returns (each iteration's at the iteration's end)
    noGrad(() => scope(() => this.optimize(state, evaluate, loss), 'the end of LBFGS.step()'));
    return returned;
  }

  /** The iterations of one step, after its first evaluation (`firstLoss`, the gradients in place). */
  private optimize(state: OptimizerState, evaluate: () => number, firstLoss: number): void {
    const { params: parameters, lr, maxIter, toleranceGrad, toleranceChange, historySize, lineSearchFn } = this.paramGroups[0]!;
    const maxEval = this.paramGroups[0]!.maxEval ?? Math.floor((maxIter * 5) / 4);
    let loss = firstLoss;
    let currentEvaluations = 1;
    let flatGrad = keep(this.gatherFlatGrad());
    if (maxAbs(flatGrad) <= toleranceGrad) {
      flatGrad.dispose();
      return;
    }
    // the flat gradient carried to the next iteration; the one it replaces is freed
    const adoptGradient = (next: Tensor) => {
      if (next === flatGrad) return;
      flatGrad.dispose();
      flatGrad = keep(next);
    };
    let d = state.d as Tensor | undefined;
    let t = state.t as number | undefined;
    let oldDirs = (state.oldDirs as Tensor[] | undefined) ?? [];
    let oldStps = (state.oldStps as Tensor[] | undefined) ?? [];
    let ro = (state.ro as number[] | undefined) ?? [];
    let hDiag = (state.hDiag as number | undefined) ?? 1;
    let prevFlatGrad = state.prevFlatGrad as Tensor | undefined;
    let prevLoss = state.prevLoss as number | undefined;

    // one iteration; true stops the step. Its temporaries are freed when it returns; what carries
    // over (d, the flat gradient, the history) is kept and disposed when replaced.
    const iterate = (iteration: number): boolean => {
      const totalIterations = (state.nIter as number) + 1;
      state.nIter = totalIterations;
      let direction: Tensor;
      if (totalIterations === 1) {
        direction = flatGrad.neg();
        for (const entry of [...oldDirs, ...oldStps]) entry.dispose();
        [oldDirs, oldStps, ro, hDiag] = [[], [], [], 1];
      } else {
        const y = flatGrad.sub(prevFlatGrad!);
        const s = d!.mul(t!);
        const ys = y.dot(s).itemSync();
        if (ys > 1e-10) {
          if (oldDirs.length === historySize) {
            oldDirs.shift()!.dispose();
            oldStps.shift()!.dispose();
            ro.shift();
          }
          oldDirs.push(keep(y));
          oldStps.push(keep(s));
          ro.push(1 / ys);
          hDiag = ys / y.dot(y).itemSync();
        }
        direction = this.twoLoopDirection(flatGrad, oldDirs, oldStps, ro, hDiag, state, historySize);
      }
      d?.dispose();
      d = keep(direction);
      if (prevFlatGrad === undefined) prevFlatGrad = keep(flatGrad.clone());
      else prevFlatGrad.copy_(flatGrad);
      prevLoss = loss;

      // the first step ever is scaled by min(1, 1/‖g‖₁) (the direction is −g, unscaled)
      t = totalIterations === 1 ? pythonMin(1, 1 / flatGrad.abs().sum().itemSync()) * lr : lr;
      const slope = flatGrad.dot(d).itemSync(); // gᵀd
      if (slope > -toleranceChange) return true;

      let evaluations = 0;
      if (lineSearchFn === 'strong_wolfe') {
        const start = parameters.map((parameter) => parameter.clone());
        const evaluateAlong = (step: number): LineSearchPoint => {
          this.addToParameters(step, d!);
          const point = { loss: evaluate(), gradient: this.gatherFlatGrad() };
          parameters.forEach((parameter, index) => parameter.copy_(start[index]!));
          return point;
        };
        const found = strongWolfe(evaluateAlong, t, d, loss, flatGrad, slope);
        [loss, t, evaluations] = [found.loss, found.step, found.evaluations];
        adoptGradient(found.gradient);
        this.addToParameters(t, d);
      } else {
        this.addToParameters(t, d);
        // a fixed step re-evaluates only if another iteration may follow (the last loss would go unused)
        if (iteration !== maxIter) {
          loss = evaluate();
          adoptGradient(this.gatherFlatGrad());
          evaluations = 1;
        }
      }
      currentEvaluations += evaluations;
      state.funcEvals = (state.funcEvals as number) + evaluations;

      if (iteration === maxIter || currentEvaluations >= maxEval) return true;
      if (maxAbs(flatGrad) <= toleranceGrad) return true;
      // no progress: the step |t·d|∞ or the loss change is below the tolerance
      if (d.mul(t).abs().max().itemSync() <= toleranceChange) return true;
      return Math.abs(loss - prevLoss) < toleranceChange;
    };

    for (let iteration = 1; iteration <= maxIter; iteration++) if (scope(() => iterate(iteration), 'the end of an LBFGS iteration')) break;
    flatGrad.dispose();
    Object.assign(state, { d: d ?? null, t: t ?? null, oldDirs, oldStps, ro, hDiag, prevFlatGrad: prevFlatGrad ?? null, prevLoss });
  }

  /**
   * −H·g by the two-loop recursion: q ← −g; for i newest to oldest, αᵢ = ρᵢ sᵢᵀq, q ← q − αᵢyᵢ;
   * r ← H₀q; for i oldest to newest, βᵢ = ρᵢ yᵢᵀr, r ← r + (αᵢ − βᵢ)sᵢ. The α are kept in `al`, as torch does.
   */
  private twoLoopDirection(
    flatGrad: Tensor,
    oldDirs: Tensor[],
    oldStps: Tensor[],
    ro: number[],
    hDiag: number,
    state: OptimizerState,
    historySize: number,
  ): Tensor {
    const al = (state.al ??= new Array<number | null>(historySize).fill(null)) as Array<number | null>;
    const q = flatGrad.neg();
    for (let i = oldDirs.length - 1; i >= 0; i--) {
      al[i] = oldStps[i]!.dot(q).itemSync() * ro[i]!;
      q.add_(oldDirs[i]!, -al[i]!);
    }
    const r = q.mul(hDiag);
    for (let i = 0; i < oldDirs.length; i++) {
      const beta = oldDirs[i]!.dot(r).itemSync() * ro[i]!;
      r.add_(oldStps[i]!, al[i]! - beta);
    }
    return r;
  }

  /** All gradients as one flat vector (zeros for a parameter without one), a copy. */
  private gatherFlatGrad(): Tensor {
    const parameters = this.paramGroups[0]!.params;
    return cat(
      parameters.map((parameter) => {
        const gradient = parameter.borrowGrad();
        return gradient ? gradient.reshape([-1]) : zeros([parameter.numel()], { dtype: parameter.dtype, device: parameter.device });
      }),
    );
  }

  /** θ ← θ + step·update, with `update` flat over all parameters. */
  private addToParameters(step: number, update: Tensor): void {
    let offset = 0;
    for (const parameter of this.paramGroups[0]!.params) {
      const size = parameter.numel();
      parameter.add_(update.narrow(0, offset, size).reshape([...parameter.shape]), step);
      offset += size;
    }
  }

  /** torch's layout: the inverse-Hessian scale is `H_diag`, as torch names it. */
  override stateDict(...extra: never[]): OptimizerStateDict {
    const saved = super.stateDict(...extra);
    for (const entry of Object.values(saved.state))
      if ('h_diag' in entry) {
        entry.H_diag = entry.h_diag!;
        delete entry.h_diag;
      }
    return saved;
  }

  override loadStateDict(saved: OptimizerStateDict, ...extra: never[]): void {
    if (extra.length > 0) refuseExtraArguments('LBFGS.loadStateDict', ['stateDict'], extra);
    const state: OptimizerStateDict['state'] = {};
    for (const [index, entry] of Object.entries(saved.state)) {
      const { H_diag: hDiag, ...rest } = entry;
      state[index] = hDiag === undefined ? rest : { ...rest, h_diag: hDiag };
    }
    super.loadStateDict({ ...saved, state });
  }
}
