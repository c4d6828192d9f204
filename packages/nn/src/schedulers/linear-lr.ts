import { LRScheduler, groupLr, type SchedulableOptimizer } from './lr-scheduler.js';
import { schedulerOptions } from './scheduler-options.js';

export interface LinearLROptions {
  /** Factor of the first epoch's rate. Default 1/3. */
  startFactor?: number;
  /** Factor reached after `totalIters` epochs. Default 1. */
  endFactor?: number;
  /** Epochs of the ramp. Default 5. */
  totalIters?: number;
  /** The epoch to resume after; default -1 (a fresh start). */
  lastEpoch?: number;
}

/**
 * Linear warm-up (or decay) of the learning rate (PyTorch's `LinearLR`):
 * lr_t = lr₀ · (s + (e − s) · min(t, T) / T), computed recursively as PyTorch does.
 * @example
 * const warmUp = new LinearLR(optimizer, { startFactor: 0.1, totalIters: 5 });
 */
export class LinearLR extends LRScheduler {
  startFactor: number;
  endFactor: number;
  totalIters: number;
  protected readonly settingKeys = [
    ['start_factor', 'startFactor'],
    ['end_factor', 'endFactor'],
    ['total_iters', 'totalIters'],
  ] as const;

  constructor(optimizer: SchedulableOptimizer, options?: LinearLROptions);
  /** PyTorch's order: `LinearLR(optimizer, start_factor, end_factor, total_iters, last_epoch)`. */
  constructor(optimizer: SchedulableOptimizer, startFactor: number, endFactor?: number, totalIters?: number, lastEpoch?: number);
  constructor(optimizer: SchedulableOptimizer, ...rest: unknown[]) {
    const options = schedulerOptions<LinearLROptions>('LinearLR', rest, ['startFactor', 'endFactor', 'totalIters', 'lastEpoch'], []);
    super(optimizer, options.lastEpoch);
    this.startFactor = options.startFactor ?? 1 / 3;
    this.endFactor = options.endFactor ?? 1;
    this.totalIters = options.totalIters ?? 5;
    if (this.startFactor > 1 || this.startFactor <= 0) throw new Error(`LinearLR: startFactor must be in (0, 1], got ${this.startFactor}`);
    if (this.endFactor > 1 || this.endFactor < 0) throw new Error(`LinearLR: endFactor must be in [0, 1], got ${this.endFactor}`);
    this.initialStep();
  }

  protected computeLr(): number[] {
    const { lastEpoch: t, startFactor: s, endFactor: e, totalIters: total } = this;
    const groups = this.optimizer.paramGroups;
    if (t === 0) return groups.map((group) => groupLr(group) * s);
    if (t > total) return groups.map(groupLr);
    // lr_t / lr_{t−1} = 1 + (e − s) / (T·s + (t − 1)(e − s))
    return groups.map((group) => groupLr(group) * (1 + (e - s) / (total * s + (t - 1) * (e - s))));
  }

  protected override closedFormLr(): number[] {
    const { lastEpoch: t, startFactor: s, endFactor: e, totalIters: total } = this;
    return this.baseLrs.map((base) => base * (s + ((e - s) * Math.min(total, t)) / total));
  }
}
