import { LRScheduler, groupLr, type SchedulableOptimizer } from './lr-scheduler.js';
import { schedulerOptions } from './scheduler-options.js';

/**
 * Multiplies the learning rate by γ every epoch (PyTorch's `ExponentialLR`): lr_t = lr₀ · γᵗ.
 * @example
 * const scheduler = new ExponentialLR(optimizer, { gamma: 0.95 });
 */
export class ExponentialLR extends LRScheduler {
  gamma: number;
  protected readonly settingKeys = [['gamma', 'gamma']] as const;

  constructor(optimizer: SchedulableOptimizer, options: { gamma: number; lastEpoch?: number });
  /** PyTorch's order: `ExponentialLR(optimizer, gamma, last_epoch)`. */
  constructor(optimizer: SchedulableOptimizer, gamma: number, lastEpoch?: number);
  constructor(optimizer: SchedulableOptimizer, ...rest: unknown[]) {
    const options = schedulerOptions<{ gamma: number; lastEpoch?: number }>('ExponentialLR', rest, ['gamma', 'lastEpoch'], ['gamma']);
    super(optimizer, options.lastEpoch);
    this.gamma = options.gamma;
    this.initialStep();
  }

  protected computeLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0) return groups.map(groupLr);
    return groups.map((group) => groupLr(group) * this.gamma);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((base) => base * this.gamma ** this.lastEpoch);
  }
}
