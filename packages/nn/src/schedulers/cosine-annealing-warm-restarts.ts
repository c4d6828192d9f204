import { checkInteger, describeValue, refuseExtraArguments } from '@dl/tensor';
import { LRScheduler, groupLr, type SchedulableOptimizer, type SchedulerStateDict } from './lr-scheduler.js';
import { schedulerOptions } from './scheduler-options.js';

export interface CosineAnnealingWarmRestartsOptions {
  /** Epochs of the first period. Required. */
  t0: number;
  /** Each period is this many times the one before. Default 1. */
  tMult?: number;
  /** The rate at the bottom of each period. Default 0. */
  etaMin?: number;
  /** The epoch to resume from (−1: a new schedule). Default −1. */
  lastEpoch?: number;
}

/**
 * Cosine annealing with warm restarts (PyTorch's `CosineAnnealingWarmRestarts`, SGDR): within a
 * period of T_i epochs, lr = η_min + (lr₀ − η_min)(1 + cos(π·T_cur/T_i))/2; at its end the rate jumps
 * back to lr₀ and the next period lasts T_i·tMult. `step(epoch)` takes fractional epochs (a step per
 * batch: `scheduler.step(epoch + batch / batches)`).
 * @example
 * const scheduler = new CosineAnnealingWarmRestarts(optimizer, { t0: 10, tMult: 2 });
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  t0: number;
  tMult: number;
  etaMin: number;
  /** The current period's length. */
  tI: number;
  /** Epochs since the last restart (fractional with `step(epoch)`). */
  tCur: number;
  protected readonly settingKeys = [
    ['T_0', 't0'],
    ['T_i', 'tI'],
    ['T_mult', 'tMult'],
    ['eta_min', 'etaMin'],
    ['T_cur', 'tCur'],
  ] as const;

  constructor(optimizer: SchedulableOptimizer, options: CosineAnnealingWarmRestartsOptions);
  /** PyTorch's order: `CosineAnnealingWarmRestarts(optimizer, T_0, T_mult, eta_min, last_epoch)`. */
  constructor(optimizer: SchedulableOptimizer, t0: number, tMult?: number, etaMin?: number, lastEpoch?: number);
  constructor(optimizer: SchedulableOptimizer, ...rest: unknown[]) {
    const owner = 'CosineAnnealingWarmRestarts';
    const options = schedulerOptions<CosineAnnealingWarmRestartsOptions>(owner, rest, ['t0', 'tMult', 'etaMin', 'lastEpoch'], ['t0']);
    super(optimizer, options.lastEpoch);
    this.t0 = checkInteger(owner, 't0', options.t0);
    this.tMult = checkInteger(owner, 'tMult', options.tMult ?? 1);
    this.etaMin = options.etaMin ?? 0;
    this.tI = this.t0;
    this.tCur = this.lastEpoch;
    this.initialStep();
  }

  protected computeLr(): number[] {
    return this.baseLrs.map((base) => this.etaMin + ((base - this.etaMin) * (1 + Math.cos((Math.PI * this.tCur) / this.tI))) / 2);
  }

  /**
   * The next epoch, or `epoch` (fractional allowed): T_cur and T_i follow it, as torch's step does.
   * torch leaves `_step_count` at 0 for this scheduler; so does this one.
   */
  override step(epoch?: number, ...extra: never[]): void {
    if (extra.length > 0) refuseExtraArguments('CosineAnnealingWarmRestarts.step', ['epoch'], extra);
    if (epoch !== undefined && typeof epoch !== 'number')
      throw new Error(`CosineAnnealingWarmRestarts.step: epoch must be a number (fractional allowed), got ${describeValue(epoch)}`);
    if (epoch === undefined && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.lastEpoch + 1;
      this.tCur += 1;
      if (this.tCur >= this.tI) {
        this.tCur -= this.tI;
        this.tI *= this.tMult;
      }
    } else {
      if (!(epoch >= 0)) throw new Error(`CosineAnnealingWarmRestarts: expected a non-negative epoch, got ${epoch}`);
      if (epoch >= this.t0) {
        if (this.tMult === 1) this.tCur = epoch % this.t0;
        else {
          // the period n holding `epoch`: T₀(mⁿ − 1)/(m − 1) ≤ epoch < T₀(mⁿ⁺¹ − 1)/(m − 1)
          const n = Math.floor(Math.log((epoch / this.t0) * (this.tMult - 1) + 1) / Math.log(this.tMult));
          this.tCur = epoch - (this.t0 * (this.tMult ** n - 1)) / (this.tMult - 1);
          this.tI = this.t0 * this.tMult ** n;
        }
      } else {
        this.tI = this.t0;
        this.tCur = epoch;
      }
    }
    this.lastEpoch = Math.floor(epoch);
    const values = this.computeLr();
    this.optimizer.paramGroups.forEach((group, index) => (group.lr = values[index]!));
    this.lastLr = this.optimizer.paramGroups.map(groupLr);
  }

  override stateDict(...extra: never[]): SchedulerStateDict {
    if (extra.length > 0) refuseExtraArguments('CosineAnnealingWarmRestarts.stateDict', [], extra);
    return { ...super.stateDict(), _step_count: 0 };
  }
}
