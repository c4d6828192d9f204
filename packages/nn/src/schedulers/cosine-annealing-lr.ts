import { LRScheduler, groupLr, type SchedulableOptimizer } from './lr-scheduler.js';
import { schedulerOptions } from './scheduler-options.js';

/**
 * Cosine annealing from lr₀ down to `etaMin` over `tMax` epochs, then back up (PyTorch's
 * `CosineAnnealingLR`, SGDR without restarts):
 *
 *   lr_t = η_min + (lr₀ − η_min)(1 + cos(πt / T_max)) / 2
 *
 * computed in PyTorch's recursive form lr_t = η_min + (lr_{t−1} − η_min)(1 + cos(πt/T))/(1 + cos(π(t−1)/T)).
 * @example
 * const scheduler = new CosineAnnealingLR(optimizer, { tMax: 100 });
 */
export class CosineAnnealingLR extends LRScheduler {
  tMax: number;
  etaMin: number;
  protected readonly settingKeys = [
    ['T_max', 'tMax'],
    ['eta_min', 'etaMin'],
  ] as const;

  constructor(optimizer: SchedulableOptimizer, options: { tMax: number; etaMin?: number; lastEpoch?: number });
  /** PyTorch's order: `CosineAnnealingLR(optimizer, T_max, eta_min, last_epoch)`. */
  constructor(optimizer: SchedulableOptimizer, tMax: number, etaMin?: number, lastEpoch?: number);
  constructor(optimizer: SchedulableOptimizer, ...rest: unknown[]) {
    const options = schedulerOptions<{ tMax: number; etaMin?: number; lastEpoch?: number }>(
      'CosineAnnealingLR',
      rest,
      ['tMax', 'etaMin', 'lastEpoch'],
      ['tMax'],
    );
    super(optimizer, options.lastEpoch);
    this.tMax = options.tMax;
    this.etaMin = options.etaMin ?? 0;
    this.initialStep();
  }

  protected computeLr(): number[] {
    const { lastEpoch: t, tMax, etaMin, baseLrs } = this;
    const groups = this.optimizer.paramGroups;
    if (t === 0) return groups.map(groupLr);
    if (this.stepCount === 1 && t > 0) return baseLrs.map((base) => etaMin + ((base - etaMin) * (1 + Math.cos((t * Math.PI) / tMax))) / 2);
    // the first epoch of a rising half-period: add the increment explicitly (the ratio would be 0/0)
    if ((t - 1 - tMax) % (2 * tMax) === 0)
      return groups.map((group, index) => groupLr(group) + ((baseLrs[index]! - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2);
    return groups.map(
      (group) => ((1 + Math.cos((Math.PI * t) / tMax)) / (1 + Math.cos((Math.PI * (t - 1)) / tMax))) * (groupLr(group) - etaMin) + etaMin,
    );
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((base) => this.etaMin + ((base - this.etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / this.tMax))) / 2);
  }
}
