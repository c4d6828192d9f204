import { LRScheduler, groupLr, type SchedulableOptimizer } from './lr-scheduler.js';
import { schedulerOptions } from './scheduler-options.js';

/**
 * Multiplies the learning rate by γ at each milestone epoch (PyTorch's `MultiStepLR`; a milestone
 * listed twice multiplies by γ²): lr_t = lr₀ · γ^(number of milestones ≤ t).
 * @example
 * const scheduler = new MultiStepLR(optimizer, { milestones: [30, 80], gamma: 0.1 });
 */
export class MultiStepLR extends LRScheduler {
  /** Milestone epoch → how often it was listed (PyTorch keeps a `Counter`). */
  milestones: Record<string, number> = {};
  gamma: number;
  protected readonly settingKeys = [
    ['milestones', 'milestones'],
    ['gamma', 'gamma'],
  ] as const;

  constructor(optimizer: SchedulableOptimizer, options: { milestones: number[]; gamma?: number; lastEpoch?: number });
  /** PyTorch's order: `MultiStepLR(optimizer, milestones, gamma, last_epoch)`. */
  constructor(optimizer: SchedulableOptimizer, milestones: number[], gamma?: number, lastEpoch?: number);
  constructor(optimizer: SchedulableOptimizer, ...rest: unknown[]) {
    const options = schedulerOptions<{ milestones: number[]; gamma?: number; lastEpoch?: number }>(
      'MultiStepLR',
      rest,
      ['milestones', 'gamma', 'lastEpoch'],
      ['milestones'],
    );
    super(optimizer, options.lastEpoch);
    for (const milestone of options.milestones) this.milestones[milestone] = (this.milestones[milestone] ?? 0) + 1;
    this.gamma = options.gamma ?? 0.1;
    this.initialStep();
  }

  protected computeLr(): number[] {
    const count = this.milestones[this.lastEpoch];
    const groups = this.optimizer.paramGroups;
    if (count === undefined) return groups.map(groupLr);
    return groups.map((group) => groupLr(group) * this.gamma ** count);
  }

  protected override closedFormLr(): number[] {
    let passed = 0;
    for (const [milestone, count] of Object.entries(this.milestones)) if (Number(milestone) <= this.lastEpoch) passed += count;
    return this.baseLrs.map((base) => base * this.gamma ** passed);
  }
}
