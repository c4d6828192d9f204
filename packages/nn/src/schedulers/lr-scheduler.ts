import { checkInteger, refuseExtraArguments, installTorchSpellings } from '@dl/tensor';
import type { Optimizer } from '../optim/optimizer.js';

/** The optimizer side a scheduler needs: its parameter groups (with `lr`) and its defaults. */
export type SchedulableOptimizer = Pick<Optimizer<object>, 'paramGroups' | 'defaults'>;

/** A scheduler's state in PyTorch's layout (torch's attribute names, e.g. `last_epoch`, `base_lrs`). */
export type SchedulerStateDict = Record<string, unknown>;

/** Reads a group's learning rate. */
export const groupLr = (group: Record<string, unknown>): number => group.lr as number;

/**
 * The base of the epoch-based schedulers (PyTorch's `torch.optim.lr_scheduler.LRScheduler`). The
 * constructor records each group's `initialLr` and takes step 0, so `getLastLr()` is the first rate;
 * call `step()` after each `optimizer.step()`. Subclasses give the chainable rule `computeLr()`
 * (from the current rates, as PyTorch does, so the values match it to the rounding) and, where
 * PyTorch has one, the closed form `closedFormLr()`.
 * @example
 * const scheduler = new StepLR(optimizer, { stepSize: 10, gamma: 0.5 });
 * for (let epoch = 0; epoch < 30; epoch++) {
 *   trainOneEpoch(); // calls optimizer.step()
 *   scheduler.step();
 *   console.log(scheduler.getLastLr());
 * }
 */
export abstract class LRScheduler {
  baseLrs: number[];
  lastEpoch: number;
  protected stepCount = 0;
  protected lastLr: number[] = [];
  /** Settings saved in the state dict, as [PyTorch's name, our property]. */
  protected abstract readonly settingKeys: ReadonlyArray<readonly [string, string]>;

  constructor(
    readonly optimizer: SchedulableOptimizer,
    lastEpoch = -1,
  ) {
    if (lastEpoch === -1) for (const group of optimizer.paramGroups) group.initialLr ??= group.lr;
    else
      optimizer.paramGroups.forEach((group, index) => {
        if (group.initialLr === undefined)
          throw new Error(`param 'initial_lr' is not specified in param_groups[${index}] when resuming an optimizer`);
      });
    this.baseLrs = optimizer.paramGroups.map((group) => group.initialLr as number);
    this.lastEpoch = lastEpoch;
  }

  /** Step 0; subclasses call it at the end of their constructor, once their settings are set. */
  protected initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  /** The new learning rates from the current ones (PyTorch's chainable `get_lr`). */
  protected abstract computeLr(): number[];

  /** The learning rates at `lastEpoch` from the base rates, if the schedule has a closed form. */
  protected closedFormLr(): number[] | undefined {
    return undefined;
  }

  /**
   * Advances one epoch (or, with `epoch`, jumps to it through the closed form where there is one)
   * and writes the new rates into the optimizer's groups.
   */
  step(epoch?: number, ...extra: never[]): void {
    if (extra.length > 0) refuseExtraArguments(`${this.constructor.name}.step`, ['epoch'], extra);
    // torch's deprecated step(epoch); ReduceLROnPlateau's step(loss) habit would pass a tensor here
    if (epoch !== undefined) checkInteger(`${this.constructor.name}.step`, 'epoch', epoch, 0);
    this.stepCount += 1;
    let values: number[];
    if (epoch === undefined) {
      this.lastEpoch += 1;
      values = this.computeLr();
    } else {
      this.lastEpoch = epoch;
      values = this.closedFormLr() ?? this.computeLr();
    }
    this.optimizer.paramGroups.forEach((group, index) => (group.lr = values[index]!));
    this.lastLr = this.optimizer.paramGroups.map(groupLr);
  }

  /** The learning rates the last `step()` set, one per group. */
  getLastLr(...extra: never[]): number[] {
    if (extra.length > 0) refuseExtraArguments(`${this.constructor.name}.getLastLr`, [], extra);
    return [...this.lastLr];
  }

  /**
   * The scheduler's state, with PyTorch's keys (settings, `base_lrs`, `last_epoch`, `_step_count`,
   * `_last_lr`), so it loads into torch's scheduler and back.
   * @example
   * const saved = scheduler.stateDict(); // { step_size: 7, gamma: 0.1, last_epoch: 3, ... }
   * other.loadStateDict(saved);
   */
  stateDict(...extra: never[]): SchedulerStateDict {
    if (extra.length > 0) refuseExtraArguments(`${this.constructor.name}.stateDict`, [], extra);
    const saved: SchedulerStateDict = {};
    const self = this as unknown as Record<string, unknown>;
    for (const [name, property] of this.settingKeys) saved[name] = copyValue(self[property]);
    return { ...saved, base_lrs: [...this.baseLrs], last_epoch: this.lastEpoch, _step_count: this.stepCount, _last_lr: [...this.lastLr] };
  }

  /** Restores `stateDict()` output (ours or PyTorch's); keys it does not know are ignored. */
  loadStateDict(saved: SchedulerStateDict, ...extra: never[]): void {
    if (extra.length > 0) refuseExtraArguments(`${this.constructor.name}.loadStateDict`, ['stateDict'], extra);
    const self = this as unknown as Record<string, unknown>;
    for (const [name, property] of this.settingKeys) if (name in saved) self[property] = copyValue(saved[name]);
    if ('base_lrs' in saved) this.baseLrs = [...(saved.base_lrs as number[])];
    if ('last_epoch' in saved) this.lastEpoch = saved.last_epoch as number;
    if ('_step_count' in saved) this.stepCount = saved._step_count as number;
    if ('_last_lr' in saved) this.lastLr = [...(saved._last_lr as number[])];
  }
}

// torch's snake_case names (`get_last_lr`, `state_dict`, `last_epoch`, …) throw, naming the spelling here
installTorchSpellings(LRScheduler.prototype, 'scheduler', ['lastEpoch', 'baseLrs']);

function copyValue(value: unknown): unknown {
  return value === undefined ? undefined : structuredClone(value);
}
