import { checkChoice, checkInteger, describeValue, refuseExtraArguments } from '@dl/tensor';
import { LRScheduler, groupLr, type SchedulableOptimizer, type SchedulerStateDict } from './lr-scheduler.js';
import { schedulerOptions } from './scheduler-options.js';

/** How SWALR moves from the current rate to the SWA rate: the weight α(t) of `swaLr`, t ∈ [0, 1]. */
export type AnnealStrategy = 'cos' | 'linear';

export interface SWALROptions {
  /** The rate every group reaches (a number), or one per parameter group; required. */
  swaLr: number | readonly number[];
  /** Epochs of the annealing phase. Default 10. */
  annealEpochs?: number;
  /** 'cos': α(t) = (1 − cos πt)/2; 'linear': α(t) = t. Default 'cos'. */
  annealStrategy?: AnnealStrategy;
  /** The epoch to resume after. Default -1 (a fresh start). */
  lastEpoch?: number;
}

const annealFunctions: Record<AnnealStrategy, (t: number) => number> = {
  cos: (t) => (1 - Math.cos(Math.PI * t)) / 2,
  linear: (t) => t,
};

const strategies = { cos: 'cos', linear: 'linear' } as const;

/**
 * Anneals each group's learning rate to a fixed SWA rate (PyTorch's `torch.optim.swa_utils.SWALR`),
 * for Stochastic Weight Averaging with an `AveragedModel`. After k steps the rate is
 * lr_k = α(t)·swaLr + (1 − α(t))·lr₀ with t = min(1, k / annealEpochs), computed as torch does: from the
 * current rate, by undoing the previous step's α (so a rate changed by another scheduler carries on).
 * Like torch, it counts `step()` calls, not the epoch given to `step(epoch)`, and with
 * `annealEpochs = 0` the first rate is already `swaLr`. Each group's `swaLr` is stored in the group
 * (torch's `swa_lr`, so the optimizer's state dict keeps it).
 * @example
 * const swaScheduler = new SWALR(optimizer, { swaLr: 0.05, annealEpochs: 5, annealStrategy: 'linear' });
 * for (let epoch = 0; epoch < 100; epoch++) {
 *   trainOneEpoch();
 *   if (epoch >= swaStart) { swaModel.updateParameters(model); swaScheduler.step(); }
 * }
 */
export class SWALR extends LRScheduler {
  annealEpochs: number;
  annealStrategy: AnnealStrategy;
  protected readonly settingKeys = [['anneal_epochs', 'annealEpochs']] as const;

  constructor(optimizer: SchedulableOptimizer, options: SWALROptions);
  /** PyTorch's order: `SWALR(optimizer, swa_lr, anneal_epochs, anneal_strategy, last_epoch)`. */
  constructor(
    optimizer: SchedulableOptimizer,
    swaLr: number | readonly number[],
    annealEpochs?: number,
    annealStrategy?: AnnealStrategy,
    lastEpoch?: number,
  );
  constructor(optimizer: SchedulableOptimizer, ...rest: unknown[]) {
    const options = schedulerOptions<SWALROptions>('SWALR', rest, ['swaLr', 'annealEpochs', 'annealStrategy', 'lastEpoch'], ['swaLr']);
    const swaLrs = perGroup(options.swaLr, optimizer.paramGroups.length);
    optimizer.paramGroups.forEach((group, index) => (group.swaLr = swaLrs[index]));
    const annealStrategy = checkChoice('SWALR', 'annealStrategy', options.annealStrategy ?? 'cos', strategies);
    const annealEpochs = checkInteger('SWALR', 'annealEpochs', options.annealEpochs ?? 10, 0);
    super(optimizer, options.lastEpoch);
    this.annealStrategy = annealStrategy;
    this.annealEpochs = annealEpochs;
    this.initialStep();
  }

  protected computeLr(): number[] {
    const anneal = annealFunctions[this.annealStrategy];
    // torch's get_lr: the step count, not lastEpoch (step(epoch) does not jump)
    let step = this.stepCount - 1;
    if (this.annealEpochs === 0) step = Math.max(1, step);
    const span = Math.max(1, this.annealEpochs);
    const previousAlpha = anneal(clampUnit((step - 1) / span));
    const alpha = anneal(clampUnit(step / span));
    return this.optimizer.paramGroups.map((group) => {
      const swaLr = group.swaLr as number;
      // the rate before annealing, from lr = α'·swaLr + (1 − α')·lr₀ (undefined at α' = 1: torch returns swaLr)
      const startLr = previousAlpha === 1 ? swaLr : (groupLr(group) - previousAlpha * swaLr) / (1 - previousAlpha);
      return swaLr * alpha + startLr * (1 - alpha);
    });
  }

  /**
   * torch's state dict, with `anneal_func` (a function in torch's, which data cannot hold) written as
   * the strategy's name.
   * @example
   * scheduler.stateDict(); // { anneal_epochs: 10, anneal_func: 'cos', base_lrs: [0.1], last_epoch: 3, ... }
   */
  override stateDict(...extra: never[]): SchedulerStateDict {
    if (extra.length > 0) refuseExtraArguments('SWALR.stateDict', [], extra);
    return { ...super.stateDict(), anneal_func: this.annealStrategy };
  }

  /** Restores `stateDict()` output or torch's; an `anneal_func` that is not 'cos' or 'linear' is an error (null keeps the current one). */
  override loadStateDict(saved: SchedulerStateDict, ...extra: never[]): void {
    if (extra.length > 0) refuseExtraArguments('SWALR.loadStateDict', ['stateDict'], extra);
    const annealFunction = saved.anneal_func;
    const strategy =
      annealFunction === undefined || annealFunction === null
        ? this.annealStrategy
        : checkChoice('SWALR', 'anneal_func', annealFunction, strategies);
    super.loadStateDict(saved);
    this.annealStrategy = strategy;
  }
}

/** One SWA rate per group: torch's `_format_param`. */
function perGroup(swaLr: unknown, groups: number): number[] {
  if (Array.isArray(swaLr)) {
    if (swaLr.length !== groups)
      throw new Error(
        `SWALR: swaLr must have the same length as optimizer.paramGroups: swaLr has ${swaLr.length}, optimizer.paramGroups has ${groups}`,
      );
    swaLr.forEach((value) => checkRate(value));
    return [...swaLr];
  }
  return Array.from({ length: groups }, () => checkRate(swaLr));
}

function checkRate(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new Error(`SWALR: swaLr must be a finite number, got ${describeValue(value)}`);
  return value;
}

const clampUnit = (value: number) => Math.max(0, Math.min(1, value));
