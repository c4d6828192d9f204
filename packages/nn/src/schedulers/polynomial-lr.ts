import { LRScheduler, groupLr, type SchedulableOptimizer } from './lr-scheduler.js';
import { schedulerOptions } from './scheduler-options.js';

export interface PolynomialLROptions {
  /** Epochs until the rate reaches 0. Default 5. */
  totalIters?: number;
  /** The polynomial's power. Default 1 (linear). */
  power?: number;
  /** The epoch to resume from (−1: a new schedule). Default −1. */
  lastEpoch?: number;
}

/**
 * Polynomial decay to 0 over `totalIters` epochs (PyTorch's `PolynomialLR`):
 * lr_t = lr₀ · (1 − min(t, T)/T)^power, computed in PyTorch's recursive form.
 * @example
 * const scheduler = new PolynomialLR(optimizer, { totalIters: 100, power: 0.9 });
 */
export class PolynomialLR extends LRScheduler {
  totalIters: number;
  power: number;
  protected readonly settingKeys = [
    ['total_iters', 'totalIters'],
    ['power', 'power'],
  ] as const;

  constructor(optimizer: SchedulableOptimizer, options?: PolynomialLROptions);
  /** PyTorch's order: `PolynomialLR(optimizer, total_iters, power, last_epoch)`. */
  constructor(optimizer: SchedulableOptimizer, totalIters: number, power?: number, lastEpoch?: number);
  constructor(optimizer: SchedulableOptimizer, ...rest: unknown[]) {
    const options = schedulerOptions<PolynomialLROptions>('PolynomialLR', rest, ['totalIters', 'power', 'lastEpoch']);
    super(optimizer, options.lastEpoch);
    this.totalIters = options.totalIters ?? 5;
    this.power = options.power ?? 1;
    this.initialStep();
  }

  protected computeLr(): number[] {
    const { lastEpoch: t, totalIters: total, power } = this;
    const groups = this.optimizer.paramGroups;
    if (t === 0 || t > total) return groups.map(groupLr);
    // lr_t / lr_{t−1} = ((1 − t/T) / (1 − (t − 1)/T))^power
    const decay = ((1 - t / total) / (1 - (t - 1) / total)) ** power;
    return groups.map((group) => groupLr(group) * decay);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((base) => base * (1 - Math.min(this.totalIters, this.lastEpoch) / this.totalIters) ** this.power);
  }
}
