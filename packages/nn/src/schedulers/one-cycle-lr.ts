import { toCamelCase, toSnakeCase } from '../optim/state-dict-keys.js';
import { checkChoice, refuseExtraArguments } from '@dl/tensor';
import { LRScheduler, type SchedulableOptimizer, type SchedulerStateDict } from './lr-scheduler.js';
import { schedulerOptions } from './scheduler-options.js';

export interface OneCycleLROptions {
  /** Peak learning rate, one for all groups or one per group. The peak rate, per group or one for all. Required. */
  maxLr: number | number[];
  /** Length of the cycle; or give `epochs` and `stepsPerEpoch`. Steps in the cycle; default epochs · stepsPerEpoch. */
  totalSteps?: number | null;
  /** With stepsPerEpoch, instead of totalSteps. Default: none. */
  epochs?: number;
  /** With epochs, instead of totalSteps. Default: none. */
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent increasing the rate. Default 0.3. */
  pctStart?: number;
  /** 'cos' (default) or 'linear' annealing. */
  annealStrategy?: 'cos' | 'linear';
  /** Cycle momentum (SGD's `momentum`, Adam's β₁) inversely to the rate. Default true. */
  cycleMomentum?: boolean;
  /** Default 0.85. */
  baseMomentum?: number | number[];
  /** Default 0.95. */
  maxMomentum?: number | number[];
  /** initial lr = maxLr / divFactor. Default 25. */
  divFactor?: number;
  /** min lr = initial lr / finalDivFactor. Default 1e4. */
  finalDivFactor?: number;
  /** Annihilate the rate in a third phase (fast.ai's schedule). Default false. */
  threePhase?: boolean;
  /** Default -1. */
  lastEpoch?: number;
}

/** One phase: ends at `endStep`, anneals between two group keys. */
interface Phase {
  endStep: number;
  startLr: string;
  endLr: string;
  startMomentum: string;
  endMomentum: string;
}

/** OneCycleLR's options in PyTorch's positional order. */
const oneCycleKeys: (keyof OneCycleLROptions)[] = [
  'maxLr',
  'totalSteps',
  'epochs',
  'stepsPerEpoch',
  'pctStart',
  'annealStrategy',
  'cycleMomentum',
  'baseMomentum',
  'maxMomentum',
  'divFactor',
  'finalDivFactor',
  'threePhase',
  'lastEpoch',
];

/**
 * The 1cycle policy (PyTorch's `OneCycleLR`): the rate rises from maxLr/divFactor to maxLr over
 * `pctStart` of the steps, then anneals to initial/finalDivFactor; momentum moves the other way.
 * Stepped after every batch, `totalSteps` times. Cosine annealing between a and b at fraction p:
 * b + (a − b)(1 + cos πp)/2.
 * @example
 * const scheduler = new OneCycleLR(optimizer, { maxLr: 0.01, epochs: 10, stepsPerEpoch: 100 });
 */
export class OneCycleLR extends LRScheduler {
  totalSteps: number;
  phases: Phase[];
  annealStrategy: 'cos' | 'linear';
  cycleMomentum: boolean;
  useBeta1: boolean;
  protected readonly settingKeys = [
    ['total_steps', 'totalSteps'],
    ['cycle_momentum', 'cycleMomentum'],
    ['use_beta1', 'useBeta1'],
    ['anneal_strategy', 'annealStrategy'],
  ] as const;

  constructor(optimizer: SchedulableOptimizer, options: OneCycleLROptions);
  /**
   * PyTorch's order: `OneCycleLR(optimizer, max_lr, total_steps, epochs, steps_per_epoch, pct_start,
   * anneal_strategy, cycle_momentum, base_momentum, max_momentum, div_factor, final_div_factor, three_phase, last_epoch)`.
   */
  constructor(optimizer: SchedulableOptimizer, maxLr: number | number[], totalSteps?: number | null, ...more: unknown[]);
  constructor(optimizer: SchedulableOptimizer, ...rest: unknown[]) {
    const options = schedulerOptions<OneCycleLROptions>('OneCycleLR', rest, oneCycleKeys, ['maxLr']);
    if (options.totalSteps === null) delete options.totalSteps;
    const groups = optimizer.paramGroups;
    const perGroup = (name: string, value: number | number[]): number[] => {
      if (!Array.isArray(value)) return groups.map(() => value);
      if (value.length !== groups.length)
        throw new Error(`OneCycleLR: expected ${groups.length} values for ${name} (one per parameter group), got ${value.length}`);
      return value;
    };
    const { pctStart = 0.3, divFactor = 25, finalDivFactor = 1e4, threePhase = false, cycleMomentum = true, lastEpoch = -1 } = options;
    let totalSteps: number;
    if (options.totalSteps !== undefined) totalSteps = options.totalSteps;
    else if (options.epochs !== undefined && options.stepsPerEpoch !== undefined) totalSteps = options.epochs * options.stepsPerEpoch;
    else throw new Error('OneCycleLR: give either totalSteps or both epochs and stepsPerEpoch');
    if (!Number.isInteger(totalSteps) || totalSteps <= 0)
      throw new Error(`OneCycleLR: totalSteps must be a positive integer, got ${totalSteps}`);
    if (!(pctStart >= 0 && pctStart <= 1)) throw new Error(`OneCycleLR: pctStart must be between 0 and 1, got ${pctStart}`);

    if (lastEpoch === -1) {
      const maxLrs = perGroup('maxLr', options.maxLr);
      groups.forEach((group, index) => {
        group.initialLr = maxLrs[index]! / divFactor;
        group.maxLr = maxLrs[index]!;
        group.minLr = (group.initialLr as number) / finalDivFactor;
      });
    }
    const useBeta1 = 'betas' in optimizer.defaults;
    if (cycleMomentum) {
      if (!('momentum' in optimizer.defaults) && !useBeta1)
        throw new Error('optimizer must support momentum with `cycleMomentum` option enabled');
      const maxMomenta = perGroup('maxMomentum', options.maxMomentum ?? 0.95);
      const baseMomenta = perGroup('baseMomentum', options.baseMomentum ?? 0.85);
      if (lastEpoch === -1)
        groups.forEach((group, index) => {
          setMomentum(group, useBeta1, maxMomenta[index]!);
          group.maxMomentum = maxMomenta[index]!;
          group.baseMomentum = baseMomenta[index]!;
        });
    }
    super(optimizer, lastEpoch);
    this.totalSteps = totalSteps;
    this.annealStrategy = checkChoice('OneCycleLR', 'annealStrategy', options.annealStrategy ?? 'cos', { cos: 'cos', linear: 'linear' });
    this.cycleMomentum = cycleMomentum;
    this.useBeta1 = useBeta1;
    const phase = (endStep: number, startLr: string, endLr: string, startMomentum: string, endMomentum: string): Phase => ({
      endStep,
      startLr,
      endLr,
      startMomentum,
      endMomentum,
    });
    this.phases = threePhase
      ? [
          phase(pctStart * totalSteps - 1, 'initialLr', 'maxLr', 'maxMomentum', 'baseMomentum'),
          phase(2 * pctStart * totalSteps - 2, 'maxLr', 'initialLr', 'baseMomentum', 'maxMomentum'),
          phase(totalSteps - 1, 'initialLr', 'minLr', 'maxMomentum', 'maxMomentum'),
        ]
      : [
          phase(pctStart * totalSteps - 1, 'initialLr', 'maxLr', 'maxMomentum', 'baseMomentum'),
          phase(totalSteps - 1, 'maxLr', 'minLr', 'baseMomentum', 'maxMomentum'),
        ];
    this.initialStep();
  }

  private anneal(start: number, end: number, fraction: number): number {
    if (this.annealStrategy === 'linear') return (end - start) * fraction + start;
    return end + ((start - end) / 2) * (Math.cos(Math.PI * fraction) + 1);
  }

  protected computeLr(): number[] {
    const stepNumber = this.lastEpoch;
    if (stepNumber > this.totalSteps)
      throw new Error(`OneCycleLR: tried to step ${stepNumber + 1} times; the specified number of total steps is ${this.totalSteps}`);
    return this.optimizer.paramGroups.map((group) => {
      let startStep = 0;
      for (const [index, phase] of this.phases.entries()) {
        if (stepNumber <= phase.endStep || index === this.phases.length - 1) {
          const fraction = (stepNumber - startStep) / (phase.endStep - startStep);
          if (this.cycleMomentum)
            setMomentum(
              group,
              this.useBeta1,
              this.anneal(group[phase.startMomentum] as number, group[phase.endMomentum] as number, fraction),
            );
          return this.anneal(group[phase.startLr] as number, group[phase.endLr] as number, fraction);
        }
        startStep = phase.endStep;
      }
      throw new Error('unreachable: the last phase always matches');
    });
  }

  override stateDict(...extra: never[]): SchedulerStateDict {
    if (extra.length > 0) refuseExtraArguments('OneCycleLR.stateDict', [], extra);
    const phases = this.phases.map((phase) =>
      Object.fromEntries(
        Object.entries(phase).map(([key, value]) => [toSnakeCase(key), typeof value === 'string' ? toSnakeCase(value) : value]),
      ),
    );
    return { ...super.stateDict(), _schedule_phases: phases };
  }

  override loadStateDict(saved: SchedulerStateDict, ...extra: never[]): void {
    if (extra.length > 0) refuseExtraArguments('OneCycleLR.loadStateDict', ['stateDict'], extra);
    super.loadStateDict(saved);
    const phases = saved._schedule_phases as Record<string, unknown>[] | undefined;
    if (phases)
      this.phases = phases.map(
        (phase) =>
          Object.fromEntries(
            Object.entries(phase).map(([key, value]) => [toCamelCase(key), typeof value === 'string' ? toCamelCase(value) : value]),
          ) as unknown as Phase,
      );
  }
}

function setMomentum(group: Record<string, unknown>, useBeta1: boolean, momentum: number): void {
  if (useBeta1) group.betas = [momentum, ...(group.betas as number[]).slice(1)];
  else group.momentum = momentum;
}
