import { describeValue } from '@dl/tensor';
import { LRScheduler, groupLr, type SchedulableOptimizer, type SchedulerStateDict } from './lr-scheduler.js';
import { schedulerOptions } from './scheduler-options.js';

/** A function of the epoch, or one per parameter group. */
export type LrLambda = ((epoch: number) => number) | ReadonlyArray<(epoch: number) => number>;

/** One function per group: torch's check that a list has as many entries as there are groups. */
function perGroup(owner: string, lrLambda: unknown, groups: number): ((epoch: number) => number)[] {
  if (typeof lrLambda === 'function') return Array.from({ length: groups }, () => lrLambda as (epoch: number) => number);
  if (Array.isArray(lrLambda) && lrLambda.every((entry) => typeof entry === 'function')) {
    if (lrLambda.length !== groups)
      throw new Error(`${owner}: expected ${groups} lrLambda functions (one per parameter group), got ${lrLambda.length}`);
    return [...lrLambda];
  }
  throw new Error(`${owner}: lrLambda must be a function of the epoch or an array of them, got ${describeValue(lrLambda)}`);
}

/** What LambdaLR and MultiplicativeLR share: the functions, and their state-dict entry (torch writes null for a plain function). */
abstract class FunctionScheduler extends LRScheduler {
  readonly lrLambdas: ((epoch: number) => number)[];
  protected readonly settingKeys = [] as const;

  constructor(owner: string, optimizer: SchedulableOptimizer, rest: readonly unknown[]) {
    const options = schedulerOptions<{ lrLambda: LrLambda; lastEpoch?: number }>(owner, rest, ['lrLambda', 'lastEpoch'], ['lrLambda']);
    super(optimizer, options.lastEpoch);
    this.lrLambdas = perGroup(owner, options.lrLambda, optimizer.paramGroups.length);
    this.initialStep();
  }

  override stateDict(...extra: never[]): SchedulerStateDict {
    return { ...super.stateDict(...extra), lr_lambdas: this.lrLambdas.map(() => null) };
  }
}

/**
 * The base rate times a function of the epoch (PyTorch's `LambdaLR`): lr_t = lr₀ · λ(t), one λ for
 * every group or one each. Functions are not saved in the state dict (torch writes null for them).
 * @example
 * const warmUp = new LambdaLR(optimizer, { lrLambda: (epoch) => Math.min(1, (epoch + 1) / 5) });
 */
export class LambdaLR extends FunctionScheduler {
  constructor(optimizer: SchedulableOptimizer, options: { lrLambda: LrLambda; lastEpoch?: number });
  /** PyTorch's order: `LambdaLR(optimizer, lr_lambda, last_epoch)`. */
  constructor(optimizer: SchedulableOptimizer, lrLambda: LrLambda, lastEpoch?: number);
  constructor(optimizer: SchedulableOptimizer, ...rest: unknown[]) {
    super('LambdaLR', optimizer, rest);
  }

  protected computeLr(): number[] {
    return this.baseLrs.map((base, index) => base * this.lrLambdas[index]!(this.lastEpoch));
  }
}

/**
 * The current rate times a function of the epoch, from epoch 1 on (PyTorch's `MultiplicativeLR`):
 * lr_t = lr_{t−1} · λ(t).
 * @example
 * const decay = new MultiplicativeLR(optimizer, { lrLambda: () => 0.95 });
 */
export class MultiplicativeLR extends FunctionScheduler {
  constructor(optimizer: SchedulableOptimizer, options: { lrLambda: LrLambda; lastEpoch?: number });
  /** PyTorch's order: `MultiplicativeLR(optimizer, lr_lambda, last_epoch)`. */
  constructor(optimizer: SchedulableOptimizer, lrLambda: LrLambda, lastEpoch?: number);
  constructor(optimizer: SchedulableOptimizer, ...rest: unknown[]) {
    super('MultiplicativeLR', optimizer, rest);
  }

  protected computeLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch <= 0) return groups.map(groupLr);
    return groups.map((group, index) => groupLr(group) * this.lrLambdas[index]!(this.lastEpoch));
  }
}
