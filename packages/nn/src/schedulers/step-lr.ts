import { LRScheduler, groupLr, type SchedulableOptimizer } from './lr-scheduler.js';
import { schedulerOptions } from './scheduler-options.js';

/**
 * Multiplies the learning rate by γ every `stepSize` epochs (PyTorch's `StepLR`):
 * lr_t = lr₀ · γ^⌊t / stepSize⌋.
 * @example
 * const scheduler = new StepLR(optimizer, { stepSize: 30, gamma: 0.1 });
 * for (let epoch = 0; epoch < 100; epoch++) { train(); scheduler.step(); }
 */
export class StepLR extends LRScheduler {
  stepSize: number;
  gamma: number;
  protected readonly settingKeys = [
    ['step_size', 'stepSize'],
    ['gamma', 'gamma'],
  ] as const;

  constructor(optimizer: SchedulableOptimizer, options: { stepSize: number; gamma?: number; lastEpoch?: number });
  /** PyTorch's order: `StepLR(optimizer, step_size, gamma, last_epoch)`. */
  constructor(optimizer: SchedulableOptimizer, stepSize: number, gamma?: number, lastEpoch?: number);
  constructor(optimizer: SchedulableOptimizer, ...rest: unknown[]) {
    const options = schedulerOptions<{ stepSize: number; gamma?: number; lastEpoch?: number }>(
      'StepLR',
      rest,
      ['stepSize', 'gamma', 'lastEpoch'],
      ['stepSize'],
    );
    super(optimizer, options.lastEpoch);
    this.stepSize = options.stepSize;
    this.gamma = options.gamma ?? 0.1;
    this.initialStep();
  }

  protected computeLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return groups.map(groupLr);
    return groups.map((group) => groupLr(group) * this.gamma);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((base) => base * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
  }
}
