import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { zeros } from '@dl/tensor';
import { Adam, SGD, type Optimizer } from '../../src/optim/index.js';
import {
  ConstantLR,
  CosineAnnealingWarmRestarts,
  CyclicLR,
  LambdaLR,
  MultiplicativeLR,
  PolynomialLR,
  CosineAnnealingLR,
  ExponentialLR,
  LinearLR,
  MultiStepLR,
  OneCycleLR,
  ReduceLROnPlateau,
  SequentialLR,
  StepLR,
  ChainedScheduler,
  type LRScheduler,
  type SchedulerStateDict,
} from '../../src/schedulers/index.js';

export interface SchedulerSpec {
  scheduler: string;
  optimizer?: 'Adam';
  options: Record<string, unknown>;
}

export interface SchedulerCase extends SchedulerSpec {
  lrs: number[][];
  momenta: number[][];
  lastLr: number[];
  getLastLr?: number[];
  stateDictAfter15: SchedulerStateDict;
}

/** Written by tools/fixtures/nn_optim_reference.py (PyTorch 1.13). */
export const schedulerFixture: { steps: number; plateauMetrics: number[]; cases: SchedulerCase[] } = JSON.parse(
  readFileSync(new URL('../__fixtures__/nn_schedulers_reference.json', import.meta.url), 'utf8'),
);

type AnyScheduler = LRScheduler | ReduceLROnPlateau | SequentialLR | ChainedScheduler;

/** The fixture's optimizer: two groups, lr 0.1 and 0.01; SGD with momentum 0.9, or Adam. */
export function makeOptimizer(kind?: 'Adam'): Optimizer<object> {
  const groups = [{ params: [zeros([2], { requiresGrad: true })] }, { params: [zeros([3], { requiresGrad: true })], lr: 0.01 }];
  return kind === 'Adam' ? new Adam(groups, { lr: 0.1 }) : new SGD(groups, { lr: 0.1, momentum: 0.9 });
}

/** The functions of the LambdaLR and MultiplicativeLR cases, by name, as tools/fixtures/nn_optim_reference.py defines them. */
const lambdas: Record<string, (epoch: number) => number> = {
  warmup5: (epoch) => Math.min(1, (epoch + 1) / 5),
  inverseSqrt: (epoch) => 1 / (1 + epoch) ** 0.5,
  'times0.95': () => 0.95,
  alternate: (epoch) => (epoch % 2 ? 0.9 : 1.05),
};

export function makeScheduler(spec: SchedulerSpec, optimizer: Optimizer<object>): AnyScheduler {
  const options = spec.options as never;
  switch (spec.scheduler) {
    case 'StepLR':
      return new StepLR(optimizer, options);
    case 'MultiStepLR':
      return new MultiStepLR(optimizer, options);
    case 'ExponentialLR':
      return new ExponentialLR(optimizer, options);
    case 'CosineAnnealingLR':
      return new CosineAnnealingLR(optimizer, options);
    case 'LinearLR':
      return new LinearLR(optimizer, options);
    case 'OneCycleLR':
      return new OneCycleLR(optimizer, options);
    case 'ReduceLROnPlateau':
      return new ReduceLROnPlateau(optimizer, options);
    case 'ConstantLR':
      return new ConstantLR(optimizer, options);
    case 'PolynomialLR':
      return new PolynomialLR(optimizer, options);
    case 'LambdaLR':
      return new LambdaLR(optimizer, { lrLambda: (spec.options.lrLambda as string[]).map((name) => lambdas[name]!) });
    case 'MultiplicativeLR':
      return new MultiplicativeLR(optimizer, { lrLambda: (spec.options.lrLambda as string[]).map((name) => lambdas[name]!) });
    case 'CyclicLR':
      return new CyclicLR(optimizer, options);
    case 'CosineAnnealingWarmRestarts':
      return new CosineAnnealingWarmRestarts(optimizer, options);
    case 'SequentialLR': {
      const inner = (spec.options.schedulers as SchedulerSpec[]).map((entry) => makeScheduler(entry, optimizer) as LRScheduler);
      return new SequentialLR(optimizer, { schedulers: inner, milestones: spec.options.milestones as number[] });
    }
    case 'ChainedScheduler':
      return new ChainedScheduler(
        (spec.options.schedulers as SchedulerSpec[]).map((entry) => makeScheduler(entry, optimizer) as LRScheduler),
      );
    default:
      throw new Error(`unknown scheduler ${spec.scheduler}`);
  }
}

const currentLrs = (optimizer: Optimizer<object>) => optimizer.paramGroups.map((group) => group.lr as number);
const currentMomenta = (optimizer: Optimizer<object>) =>
  optimizer.paramGroups.map((group) => (group.betas ? (group.betas as number[])[0]! : (group.momentum as number)));

function advance(scheduler: AnyScheduler, step: number): void {
  if (scheduler instanceof ReduceLROnPlateau) scheduler.step(schedulerFixture.plateauMetrics[step]!);
  else scheduler.step();
}

function expectSequence(actual: number[], expected: number[], label: string): void {
  expected.forEach((value, index) => {
    if (!(Math.abs(actual[index]! - value) <= 1e-12 * Math.abs(value) + 1e-15))
      expect.fail(`${label} group ${index}: ${actual[index]} vs PyTorch ${value}`);
  });
}

export const caseName = (testCase: SchedulerSpec) =>
  `${testCase.scheduler}${testCase.optimizer ? ` over ${testCase.optimizer}` : ''}(${JSON.stringify(testCase.options)})`;

/** 30 epochs: every group's rate (and momentum) before each step equals PyTorch's to 1e-12 relative. */
export function checkSequence(testCase: SchedulerCase): void {
  const optimizer = makeOptimizer(testCase.optimizer);
  const scheduler = makeScheduler(testCase, optimizer);
  for (let step = 0; step < schedulerFixture.steps; step++) {
    expectSequence(currentLrs(optimizer), testCase.lrs[step]!, `lr at epoch ${step}`);
    expectSequence(currentMomenta(optimizer), testCase.momenta[step]!, `momentum at epoch ${step}`);
    optimizer.step();
    advance(scheduler, step);
  }
  expectSequence(scheduler.getLastLr(), testCase.lastLr, 'getLastLr() at the end');
}

/**
 * A fresh scheduler loads PyTorch's state dict after 15 epochs (the optimizer's rates set as a loaded
 * optimizer state would) and continues exactly as PyTorch did.
 */
export function checkResumeFromPyTorch(testCase: SchedulerCase): void {
  const optimizer = makeOptimizer(testCase.optimizer);
  const scheduler = makeScheduler(testCase, optimizer);
  optimizer.paramGroups.forEach((group, index) => (group.lr = testCase.lrs[15]![index]!));
  scheduler.loadStateDict(testCase.stateDictAfter15);
  for (let step = 15; step < schedulerFixture.steps; step++) {
    expectSequence(currentLrs(optimizer), testCase.lrs[step]!, `lr at epoch ${step}`);
    optimizer.step();
    advance(scheduler, step);
  }
  expectSequence(scheduler.getLastLr(), testCase.lastLr, 'getLastLr() at the end');
}

/** Our state dict has every key PyTorch's has (but torch's private flags) with the same values. */
export function checkStateDictKeys(testCase: SchedulerCase): void {
  const optimizer = makeOptimizer(testCase.optimizer);
  const scheduler = makeScheduler(testCase, optimizer);
  for (let step = 0; step < 15; step++) {
    optimizer.step();
    advance(scheduler, step);
  }
  const ours = JSON.parse(
    JSON.stringify(scheduler.stateDict(), (_, value) => (value === Infinity ? 'Infinity' : value === -Infinity ? '-Infinity' : value)),
  );
  const strip = (dict: SchedulerStateDict): SchedulerStateDict => {
    const copy: SchedulerStateDict = {};
    for (const [key, value] of Object.entries(dict)) {
      if (key === 'verbose' || key === '_get_lr_called_within_step') continue;
      copy[key] = key === '_schedulers' ? (value as SchedulerStateDict[]).map(strip) : value;
    }
    return copy;
  };
  const theirs = strip(testCase.stateDictAfter15);
  for (const [key, value] of Object.entries(theirs)) {
    expect(ours, key).toHaveProperty([key]);
    if (key === '_schedulers') continue;
    if (Array.isArray(value) && typeof value[0] === 'number') expectSequence(ours[key], value as number[], key);
    else expect(ours[key], key).toEqual(value);
  }
}
