import { describeValue, refuseExtraArguments } from '@dl/tensor';
import { groupLr, type SchedulableOptimizer, type SchedulerStateDict } from './lr-scheduler.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
import { schedulerOptions } from './scheduler-options.js';

/** A scheduler that steps without a metric: every epoch-based one, `SequentialLR`, another `ChainedScheduler`. */
export interface ChainableScheduler {
  readonly optimizer: SchedulableOptimizer;
  step(): void;
  getLastLr(): number[];
  stateDict(): SchedulerStateDict;
  loadStateDict(saved: SchedulerStateDict): void;
}

export interface ChainedSchedulerOptions {
  /** The schedulers to step, in this order, at every `step()`; all of one optimizer. Required. */
  schedulers: ChainableScheduler[];
}

/**
 * Steps several schedulers of one optimizer together (PyTorch's `ChainedScheduler`): each `step()`
 * steps every scheduler in order, so their chainable rules compose, e.g. a constant warm-up factor
 * on top of an exponential decay.
 * @example
 * const warmUp = new ConstantLR(optimizer, { factor: 0.1, totalIters: 2 });
 * const decay = new ExponentialLR(optimizer, { gamma: 0.9 });
 * const scheduler = new ChainedScheduler([warmUp, decay]); // from lr 1: 0.1, then 0.09, 0.81, 0.729, ...
 * for (let epoch = 0; epoch < 100; epoch++) { train(); scheduler.step(); }
 */
export class ChainedScheduler {
  readonly schedulers: ChainableScheduler[];
  readonly optimizer: SchedulableOptimizer;
  private lastLr: number[];

  constructor(options: ChainedSchedulerOptions);
  /** PyTorch's order: `ChainedScheduler(schedulers)`. */
  constructor(schedulers: ChainableScheduler[]);
  constructor(...rest: unknown[]) {
    const { schedulers } = schedulerOptions<ChainedSchedulerOptions>('ChainedScheduler', rest, ['schedulers'], ['schedulers']);
    if (!Array.isArray(schedulers) || schedulers.length === 0)
      throw new Error(`ChainedScheduler: expected a non-empty list of schedulers, got ${describeValue(schedulers)}`);
    schedulers.forEach((scheduler, index) => {
      if (scheduler instanceof ReduceLROnPlateau)
        throw new Error(
          `ChainedScheduler: the scheduler at index ${index} is a ReduceLROnPlateau, which steps on a metric; step it on its own`,
        );
      if (scheduler.optimizer !== schedulers[0]!.optimizer)
        throw new Error(
          `ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and ${index} to be different`,
        );
    });
    this.schedulers = [...schedulers];
    this.optimizer = schedulers[0]!.optimizer;
    this.lastLr = this.optimizer.paramGroups.map(groupLr);
  }

  /** Steps every scheduler, in order. */
  step(...extra: never[]): void {
    if (extra.some((value) => value !== undefined))
      throw new Error("ChainedScheduler.step: takes no arguments (torch's deprecated step(epoch) is not supported by ChainedScheduler)");
    for (const scheduler of this.schedulers) scheduler.step();
    this.lastLr = this.optimizer.paramGroups.map(groupLr);
  }

  /** The learning rates after the last `step()`, one per group. */
  getLastLr(...extra: never[]): number[] {
    if (extra.length > 0) refuseExtraArguments('ChainedScheduler.getLastLr', [], extra);
    return [...this.lastLr];
  }

  /** PyTorch's keys: `_last_lr` and `_schedulers` (each scheduler's state dict). */
  stateDict(...extra: never[]): SchedulerStateDict {
    if (extra.length > 0) refuseExtraArguments('ChainedScheduler.stateDict', [], extra);
    return { _last_lr: [...this.lastLr], _schedulers: this.schedulers.map((scheduler) => scheduler.stateDict()) };
  }

  /** Restores `stateDict()` output (ours or PyTorch's), each scheduler from its own entry. */
  loadStateDict(saved: SchedulerStateDict, ...extra: never[]): void {
    if (extra.length > 0) refuseExtraArguments('ChainedScheduler.loadStateDict', ['stateDict'], extra);
    const inner = saved._schedulers as SchedulerStateDict[] | undefined;
    if (inner && inner.length !== this.schedulers.length)
      throw new Error(
        `ChainedScheduler.loadStateDict: the state dict has ${inner.length} schedulers; this ChainedScheduler has ${this.schedulers.length}`,
      );
    if ('_last_lr' in saved) this.lastLr = [...(saved._last_lr as number[])];
    inner?.forEach((state, index) => this.schedulers[index]!.loadStateDict(state));
  }
}
