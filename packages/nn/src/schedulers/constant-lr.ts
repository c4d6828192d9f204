import { LRScheduler, groupLr, type SchedulableOptimizer } from './lr-scheduler.js';
import { schedulerOptions } from './scheduler-options.js';

export interface ConstantLROptions {
  /** The factor of the first `totalIters` epochs. Default 1/3. */
  factor?: number;
  /** Epochs at the reduced rate. Default 5. */
  totalIters?: number;
  /** The epoch to resume from (−1: a new schedule). Default −1. */
  lastEpoch?: number;
}

/**
 * A constant factor for the first `totalIters` epochs, then the base rate (PyTorch's `ConstantLR`, a
 * warm-up): lr_t = lr₀ · (factor if t < totalIters else 1).
 * @example
 * const scheduler = new ConstantLR(optimizer, { factor: 0.5, totalIters: 4 });
 */
export class ConstantLR extends LRScheduler {
  factor: number;
  totalIters: number;
  protected readonly settingKeys = [
    ['factor', 'factor'],
    ['total_iters', 'totalIters'],
  ] as const;

  constructor(optimizer: SchedulableOptimizer, options?: ConstantLROptions);
  /** PyTorch's order: `ConstantLR(optimizer, factor, total_iters, last_epoch)`. */
  constructor(optimizer: SchedulableOptimizer, factor: number, totalIters?: number, lastEpoch?: number);
  constructor(optimizer: SchedulableOptimizer, ...rest: unknown[]) {
    const options = schedulerOptions<ConstantLROptions>('ConstantLR', rest, ['factor', 'totalIters', 'lastEpoch']);
    super(optimizer, options.lastEpoch);
    this.factor = options.factor ?? 1 / 3;
    this.totalIters = options.totalIters ?? 5;
    if (!(this.factor >= 0 && this.factor <= 1)) throw new Error(`ConstantLR: factor must be between 0 and 1, got ${this.factor}`);
    this.initialStep();
  }

  protected computeLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0) return groups.map((group) => groupLr(group) * this.factor);
    if (this.lastEpoch !== this.totalIters) return groups.map(groupLr);
    return groups.map((group) => groupLr(group) * (1 / this.factor));
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((base) => base * (this.factor + (this.lastEpoch >= this.totalIters ? 1 - this.factor : 0)));
  }
}
