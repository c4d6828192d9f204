import { refuseExtraArguments } from '@dl/tensor';
import { LRScheduler, type SchedulableOptimizer, type SchedulerStateDict } from './lr-scheduler.js';
import { schedulerOptions } from './scheduler-options.js';

export interface SequentialLROptions {
  /** The schedulers, run one after another. */
  schedulers: LRScheduler[];
  /** The epochs at which the next scheduler takes over (one fewer than the schedulers). */
  milestones: number[];
  lastEpoch?: number;
}

/**
 * Runs schedulers one after another, switching at the milestone epochs (PyTorch's `SequentialLR`),
 * e.g. a linear warm-up followed by cosine annealing. At a milestone the next scheduler restarts
 * from epoch 0 through its closed form.
 * @example
 * const warmUp = new LinearLR(optimizer, { startFactor: 0.1, totalIters: 5 });
 * const decay = new CosineAnnealingLR(optimizer, { tMax: 95 });
 * const scheduler = new SequentialLR(optimizer, { schedulers: [warmUp, decay], milestones: [5] });
 */
export class SequentialLR {
  readonly schedulers: LRScheduler[];
  milestones: number[];
  lastEpoch: number;
  private lastLr: number[];

  constructor(optimizer: SchedulableOptimizer, options: SequentialLROptions);
  /** PyTorch's order: `SequentialLR(optimizer, schedulers, milestones, last_epoch)`. */
  constructor(optimizer: SchedulableOptimizer, schedulers: LRScheduler[], milestones: number[], lastEpoch?: number);
  constructor(
    readonly optimizer: SchedulableOptimizer,
    ...rest: unknown[]
  ) {
    const options = schedulerOptions<SequentialLROptions>(
      'SequentialLR',
      rest,
      ['schedulers', 'milestones', 'lastEpoch'],
      ['schedulers', 'milestones'],
    );
    const { schedulers, milestones } = options;
    schedulers.forEach((scheduler, index) => {
      if (scheduler.optimizer !== optimizer)
        throw new Error(
          `Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index ${index} to be different than the optimizer passed in.`,
        );
    });
    if (milestones.length !== schedulers.length - 1)
      throw new Error(
        `Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${schedulers.length} and the number of milestones to be equal to ${milestones.length}`,
      );
    this.schedulers = schedulers;
    this.milestones = [...milestones];
    this.lastEpoch = (options.lastEpoch ?? -1) + 1;
    // undo the step each scheduler's constructor took, then start the first one again
    for (const group of optimizer.paramGroups) group.lr = group.initialLr;
    for (const scheduler of schedulers) scheduler.lastEpoch -= 1;
    schedulers[0]!['initialStep']();
    this.lastLr = schedulers[0]!.getLastLr();
  }

  step(...extra: never[]): void {
    if (extra.some((value) => value !== undefined))
      throw new Error("SequentialLR.step: takes no arguments (torch's deprecated step(epoch) is not supported by SequentialLR)");
    this.lastEpoch += 1;
    const index = this.milestones.filter((milestone) => milestone <= this.lastEpoch).length; // bisect_right
    const scheduler = this.schedulers[index]!;
    if (index > 0 && this.milestones[index - 1] === this.lastEpoch) scheduler.step(0);
    else scheduler.step();
    this.lastLr = scheduler.getLastLr();
  }

  getLastLr(...extra: never[]): number[] {
    if (extra.length > 0) refuseExtraArguments('SequentialLR.getLastLr', [], extra);
    return [...this.lastLr];
  }

  /** PyTorch's keys: `_milestones`, `last_epoch`, `_last_lr`, `_schedulers` (each inner state dict). */
  stateDict(...extra: never[]): SchedulerStateDict {
    if (extra.length > 0) refuseExtraArguments('SequentialLR.stateDict', [], extra);
    return {
      _milestones: [...this.milestones],
      last_epoch: this.lastEpoch,
      _last_lr: [...this.lastLr],
      _schedulers: this.schedulers.map((scheduler) => scheduler.stateDict()),
    };
  }

  loadStateDict(saved: SchedulerStateDict, ...extra: never[]): void {
    if (extra.length > 0) refuseExtraArguments('SequentialLR.loadStateDict', ['stateDict'], extra);
    if ('_milestones' in saved) this.milestones = [...(saved._milestones as number[])];
    if ('last_epoch' in saved) this.lastEpoch = saved.last_epoch as number;
    if ('_last_lr' in saved) this.lastLr = [...(saved._last_lr as number[])];
    (saved._schedulers as SchedulerStateDict[] | undefined)?.forEach((inner, index) => this.schedulers[index]!.loadStateDict(inner));
  }
}
