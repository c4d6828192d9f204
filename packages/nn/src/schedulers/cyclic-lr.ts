import { describeValue, refuseExtraArguments } from '@dl/tensor';
import { LRScheduler, type SchedulableOptimizer, type SchedulerStateDict } from './lr-scheduler.js';
import { schedulerOptions } from './scheduler-options.js';

export interface CyclicLROptions {
  /** The lowest rate of the cycle, one number or one per group (set on the groups at the start). Required. */
  baseLr: number | number[];
  /** The highest rate of the cycle, one number or one per group. Required. */
  maxLr: number | number[];
  /** Steps (batches) rising from baseLr to maxLr. Default 2000. */
  stepSizeUp?: number;
  /** Steps falling back. Default stepSizeUp. */
  stepSizeDown?: number | null;
  /** 'triangular' (constant amplitude), 'triangular2' (halved each cycle), 'exp_range' (γ^step). Default 'triangular'. */
  mode?: 'triangular' | 'triangular2' | 'exp_range';
  /** The base of 'exp_range'. Default 1. */
  gamma?: number;
  /** A custom amplitude scale of the cycle number or the step, replacing `mode`'s. Default none. */
  scaleFn?: ((x: number) => number) | null;
  /** What a custom scaleFn reads: 'cycle' or 'iterations'. Default 'cycle'. */
  scaleMode?: 'cycle' | 'iterations';
  /** Cycle the momentum inversely to the rate, between maxMomentum and baseMomentum. Default true. */
  cycleMomentum?: boolean;
  /** The lowest momentum, one number or one per group. Default 0.8. */
  baseMomentum?: number | number[];
  /** The highest momentum, one number or one per group. Default 0.9. */
  maxMomentum?: number | number[];
  /** The step to resume from (−1: a new schedule). Default −1. */
  lastEpoch?: number;
}

const keys = [
  'baseLr',
  'maxLr',
  'stepSizeUp',
  'stepSizeDown',
  'mode',
  'gamma',
  'scaleFn',
  'scaleMode',
  'cycleMomentum',
  'baseMomentum',
  'maxMomentum',
  'lastEpoch',
] as const;

/** One value per group, from one number or a list of them (torch's _format_param). */
function perGroup(name: string, value: number | number[], groups: number): number[] {
  if (!Array.isArray(value)) return Array.from({ length: groups }, () => value);
  if (value.length !== groups)
    throw new Error(`CyclicLR: expected ${groups} values for ${name} (one per parameter group), got ${value.length}`);
  return [...value];
}

/**
 * The cyclical learning rate (PyTorch's `CyclicLR`, Smith 2017), stepped once per batch: the rate
 * rises linearly from baseLr to maxLr over `stepSizeUp` steps and falls back over `stepSizeDown`,
 *   cycle = ⌊1 + t/T⌋,  x = 1 + t/T − cycle,  s = x/r if x ≤ r else (x − 1)/(r − 1)  (T = up + down, r = up/T)
 *   lr = baseLr + (maxLr − baseLr)·s·scale(cycle or t),
 * and the momentum moves the other way (maxMomentum − (maxMomentum − baseMomentum)·s·scale).
 * @example
 * const scheduler = new CyclicLR(optimizer, { baseLr: 1e-3, maxLr: 1e-2, stepSizeUp: 500 });
 * for (const batch of loader) { train(batch); scheduler.step(); }
 */
export class CyclicLR extends LRScheduler {
  maxLrs: number[];
  totalSize: number;
  stepRatio: number;
  mode: string;
  gamma: number;
  scaleMode: 'cycle' | 'iterations';
  cycleMomentum: boolean;
  baseMomentums: number[] = [];
  maxMomentums: number[] = [];
  private readonly customScale: ((x: number) => number) | null;
  protected readonly settingKeys = [
    ['max_lrs', 'maxLrs'],
    ['total_size', 'totalSize'],
    ['step_ratio', 'stepRatio'],
    ['mode', 'mode'],
    ['gamma', 'gamma'],
    ['scale_mode', 'scaleMode'],
    ['cycle_momentum', 'cycleMomentum'],
    ['base_momentums', 'baseMomentums'],
    ['max_momentums', 'maxMomentums'],
  ] as const;

  constructor(optimizer: SchedulableOptimizer, options: CyclicLROptions);
  /** PyTorch's order: `CyclicLR(optimizer, base_lr, max_lr, step_size_up, step_size_down, mode, gamma, scale_fn, scale_mode, cycle_momentum, base_momentum, max_momentum, last_epoch)`. */
  constructor(optimizer: SchedulableOptimizer, baseLr: number | number[], maxLr: number | number[], ...rest: unknown[]);
  constructor(optimizer: SchedulableOptimizer, ...rest: unknown[]) {
    const options = schedulerOptions<CyclicLROptions>('CyclicLR', rest, keys, ['baseLr', 'maxLr']);
    const groups = optimizer.paramGroups;
    const baseLrs = perGroup('baseLr', options.baseLr, groups.length);
    const lastEpoch = options.lastEpoch ?? -1;
    if (lastEpoch === -1) groups.forEach((group, index) => (group.lr = baseLrs[index]!));
    const cycleMomentum = options.cycleMomentum ?? true;
    if (cycleMomentum) {
      if (!('momentum' in optimizer.defaults))
        throw new Error('CyclicLR: the optimizer must have a momentum with cycleMomentum (pass cycleMomentum: false)');
      const baseMomentums = perGroup('baseMomentum', options.baseMomentum ?? 0.8, groups.length);
      if (lastEpoch === -1) groups.forEach((group, index) => (group.momentum = baseMomentums[index]!));
    }
    super(optimizer, lastEpoch);
    const mode = options.mode ?? 'triangular';
    this.customScale = options.scaleFn ?? null;
    if (this.customScale === null && !['triangular', 'triangular2', 'exp_range'].includes(mode))
      throw new Error(`CyclicLR: mode must be 'triangular', 'triangular2' or 'exp_range' (or give scaleFn), got ${describeValue(mode)}`);
    this.mode = mode;
    this.gamma = options.gamma ?? 1;
    this.scaleMode = this.customScale ? (options.scaleMode ?? 'cycle') : mode === 'exp_range' ? 'iterations' : 'cycle';
    this.maxLrs = perGroup('maxLr', options.maxLr, groups.length);
    const up = options.stepSizeUp ?? 2000;
    const down = options.stepSizeDown ?? up;
    this.totalSize = up + down;
    this.stepRatio = up / this.totalSize;
    this.cycleMomentum = cycleMomentum;
    if (cycleMomentum) {
      this.baseMomentums = groups.map((group) => group.momentum as number);
      this.maxMomentums = perGroup('maxMomentum', options.maxMomentum ?? 0.9, groups.length);
    }
    this.baseLrs = baseLrs;
    this.initialStep();
  }

  private scale(x: number): number {
    if (this.customScale) return this.customScale(x);
    if (this.mode === 'triangular2') return 1 / 2 ** (x - 1);
    if (this.mode === 'exp_range') return this.gamma ** x;
    return 1;
  }

  /** The rates at `lastEpoch`, and, with cycleMomentum, the momenta written into the groups (torch's side effect). */
  protected computeLr(): number[] {
    const cycle = Math.floor(1 + this.lastEpoch / this.totalSize);
    const x = 1 + this.lastEpoch / this.totalSize - cycle;
    const factor = x <= this.stepRatio ? x / this.stepRatio : (x - 1) / (this.stepRatio - 1);
    const scale = this.scale(this.scaleMode === 'cycle' ? cycle : this.lastEpoch);
    if (this.cycleMomentum)
      this.optimizer.paramGroups.forEach((group, index) => {
        const [base, highest] = [this.baseMomentums[index]!, this.maxMomentums[index]!];
        group.momentum = highest - (highest - base) * factor * scale;
      });
    return this.baseLrs.map((base, index) => base + (this.maxLrs[index]! - base) * factor * scale);
  }

  protected override closedFormLr(): number[] {
    return this.computeLr();
  }

  override stateDict(...extra: never[]): SchedulerStateDict {
    if (extra.length > 0) refuseExtraArguments('CyclicLR.stateDict', [], extra);
    // a custom scale function is not saved (torch saves the function object, which JSON cannot hold)
    return { ...super.stateDict(), _scale_fn_custom: null };
  }
}
