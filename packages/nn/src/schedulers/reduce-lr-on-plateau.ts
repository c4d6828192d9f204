import { checkChoice, checkInteger, isTensor, refuseExtraArguments, type Tensor, installTorchSpellings } from '@dl/tensor';
import { schedulerOptions } from './scheduler-options.js';
import { groupLr, type SchedulableOptimizer, type SchedulerStateDict } from './lr-scheduler.js';

export interface ReduceLROnPlateauOptions {
  /** 'min': the metric should fall (a loss); 'max': rise (an accuracy). Default 'min'. */
  mode?: 'min' | 'max';
  /** new lr = lr · factor. Default 0.1. */
  factor?: number;
  /** Epochs without improvement tolerated before reducing. Default 10. */
  patience?: number;
  /** Minimum change that counts as an improvement. Default 1e-4. */
  threshold?: number;
  /** 'rel': best·(1 ∓ threshold); 'abs': best ∓ threshold. Default 'rel'. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** Lower bound of the rate, one for all groups or one per group. Default 0. */
  minLr?: number | number[];
  /** Reductions smaller than eps are skipped. Default 1e-8. */
  eps?: number;
}

const stateKeys = [
  ['factor', 'factor'],
  ['min_lrs', 'minLrs'],
  ['patience', 'patience'],
  ['cooldown', 'cooldown'],
  ['cooldown_counter', 'cooldownCounter'],
  ['mode', 'mode'],
  ['threshold', 'threshold'],
  ['threshold_mode', 'thresholdMode'],
  ['best', 'best'],
  ['num_bad_epochs', 'numBadEpochs'],
  ['mode_worse', 'modeWorse'],
  ['eps', 'eps'],
  ['last_epoch', 'lastEpoch'],
  ['_last_lr', 'lastLr'],
] as const;

/**
 * Reduces the learning rate when a metric has stopped improving (PyTorch's `ReduceLROnPlateau`):
 * after more than `patience` epochs without improvement, lr ← max(lr · factor, minLr).
 * @example
 * const scheduler = new ReduceLROnPlateau(optimizer, { patience: 3 });
 * for (let epoch = 0; epoch < 50; epoch++) { train(); scheduler.step(validationLoss()); }
 */
export class ReduceLROnPlateau {
  factor: number;
  minLrs: number[];
  patience: number;
  cooldown: number;
  cooldownCounter = 0;
  mode: 'min' | 'max';
  threshold: number;
  thresholdMode: 'rel' | 'abs';
  best: number;
  numBadEpochs = 0;
  modeWorse: number;
  eps: number;
  lastEpoch = 0;
  private lastLr: number[];

  constructor(optimizer: SchedulableOptimizer, options?: ReduceLROnPlateauOptions);
  /** PyTorch's order: `ReduceLROnPlateau(optimizer, mode, factor, patience, threshold, threshold_mode, cooldown, min_lr, eps)`. */
  constructor(
    optimizer: SchedulableOptimizer,
    mode: 'min' | 'max',
    factor?: number,
    patience?: number,
    threshold?: number,
    thresholdMode?: 'rel' | 'abs',
    cooldown?: number,
    minLr?: number | number[],
    eps?: number,
  );
  constructor(
    readonly optimizer: SchedulableOptimizer,
    ...rest: unknown[]
  ) {
    const options = schedulerOptions<ReduceLROnPlateauOptions>('ReduceLROnPlateau', rest, [
      'mode',
      'factor',
      'patience',
      'threshold',
      'thresholdMode',
      'cooldown',
      'minLr',
      'eps',
    ]);
    const groups = optimizer.paramGroups;
    this.factor = options.factor ?? 0.1;
    if (this.factor >= 1) throw new Error(`ReduceLROnPlateau: factor must be < 1, got ${this.factor}`);
    const minLr = options.minLr ?? 0;
    if (Array.isArray(minLr) && minLr.length !== groups.length)
      throw new Error(`ReduceLROnPlateau: expected ${groups.length} minLr values (one per parameter group), got ${minLr.length}`);
    this.minLrs = Array.isArray(minLr) ? [...minLr] : groups.map(() => minLr);
    this.patience = options.patience ?? 10;
    this.cooldown = options.cooldown ?? 0;
    this.mode = checkChoice('ReduceLROnPlateau', 'mode', options.mode ?? 'min', { min: 'min', max: 'max' });
    this.threshold = options.threshold ?? 1e-4;
    this.thresholdMode = checkChoice('ReduceLROnPlateau', 'thresholdMode', options.thresholdMode ?? 'rel', {
      rel: 'rel',
      abs: 'abs',
    });
    this.eps = options.eps ?? 1e-8;
    this.modeWorse = this.mode === 'min' ? Infinity : -Infinity;
    this.best = this.modeWorse;
    this.lastLr = groups.map(groupLr);
  }

  /**
   * Records this epoch's metric (a number or a one-element tensor on the CPU) and reduces the rates if
   * due. torch's deprecated `epoch` sets the epoch count instead of advancing it by one.
   */
  step(metric: number | Tensor, epoch?: number, ...extra: never[]): void {
    if (extra.some((value) => value !== undefined))
      throw new Error(`ReduceLROnPlateau.step: takes (metric, epoch?), got ${2 + extra.length} arguments`);
    if (epoch !== undefined) checkInteger('ReduceLROnPlateau.step', 'epoch', epoch, 0);
    const current = isTensor(metric) ? metric.itemSync() : metric;
    this.lastEpoch = epoch ?? this.lastEpoch + 1;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else this.numBadEpochs += 1;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad epochs in cooldown do not count
    }
    if (this.numBadEpochs > this.patience) {
      this.optimizer.paramGroups.forEach((group, index) => {
        const old = groupLr(group);
        const reduced = Math.max(old * this.factor, this.minLrs[index]!);
        if (old - reduced > this.eps) group.lr = reduced;
      });
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.lastLr = this.optimizer.paramGroups.map(groupLr);
  }

  /** min/rel: a < best·(1 − threshold); min/abs: a < best − threshold; max mirrors them. */
  private isBetter(value: number, best: number): boolean {
    if (this.mode === 'min') return this.thresholdMode === 'rel' ? value < best * (1 - this.threshold) : value < best - this.threshold;
    return this.thresholdMode === 'rel' ? value > best * (this.threshold + 1) : value > best + this.threshold;
  }

  getLastLr(...extra: never[]): number[] {
    if (extra.length > 0) refuseExtraArguments('ReduceLROnPlateau.getLastLr', [], extra);
    return [...this.lastLr];
  }

  /** PyTorch's keys; `best` and `mode_worse` may be ±Infinity. */
  stateDict(...extra: never[]): SchedulerStateDict {
    if (extra.length > 0) refuseExtraArguments('ReduceLROnPlateau.stateDict', [], extra);
    const self = this as unknown as Record<string, unknown>;
    return Object.fromEntries(stateKeys.map(([name, property]) => [name, structuredClone(self[property])]));
  }

  /** Restores `stateDict()` output; ±Infinity may come as the strings 'Infinity' / '-Infinity' (JSON). */
  loadStateDict(saved: SchedulerStateDict, ...extra: never[]): void {
    if (extra.length > 0) refuseExtraArguments('ReduceLROnPlateau.loadStateDict', ['stateDict'], extra);
    const self = this as unknown as Record<string, unknown>;
    for (const [name, property] of stateKeys)
      if (name in saved) {
        const value = saved[name];
        self[property] = (name === 'best' || name === 'mode_worse') && typeof value === 'string' ? Number(value) : structuredClone(value);
      }
  }
}

// torch's snake_case names (`state_dict`, `num_bad_epochs`, …) throw, naming the spelling here: the
// methods, and the fields its state dict holds
installTorchSpellings(
  ReduceLROnPlateau.prototype,
  'scheduler',
  stateKeys.map(([, property]) => property),
);
