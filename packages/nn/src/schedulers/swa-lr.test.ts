import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test/helpers/nn-fixtures.js';
import { makeOptimizer } from '../../test/helpers/scheduler-reference.js';
import type { Optimizer } from '../optim/optimizer.js';
import type { SchedulerStateDict } from './lr-scheduler.js';
import { type AnnealStrategy, SWALR } from './swa-lr.js';

// SWALR against PyTorch 1.13's torch.optim.swa_utils.SWALR (tools/fixtures/nn_swa_reference.py): SGD with
// two groups (lr 0.1 and 0.01), every group's rate before each of 15 steps, a resume from torch's state
// dict after 6 steps, and that state dict's keys and values.

interface SWALRCase {
  swaLr: number | number[];
  annealEpochs: number;
  annealStrategy: AnnealStrategy;
  epochArgument?: boolean;
  lrs: number[][];
  lastLr: number[];
  swaLrOfGroups: number[];
  stateDictAtResume: SchedulerStateDict;
}

const fixture = readFixture<{ swalr: { steps: number; resumeAt: number; cases: SWALRCase[] } }>('nn_swa.json').swalr;

const caseName = ({ swaLr, annealEpochs, annealStrategy, epochArgument }: SWALRCase) =>
  `swaLr ${JSON.stringify(swaLr)}, ${annealEpochs} epochs, ${annealStrategy}${epochArgument ? ', step(epoch)' : ''}`;

const makeScheduler = (testCase: SWALRCase, optimizer: Optimizer<object>) =>
  new SWALR(optimizer, { swaLr: testCase.swaLr, annealEpochs: testCase.annealEpochs, annealStrategy: testCase.annealStrategy });

function expectRates(actual: number[], expected: number[], label: string): void {
  expected.forEach((value, index) => {
    if (!(Math.abs(actual[index]! - value) <= 1e-12 * Math.abs(value) + 1e-15))
      expect.fail(`${label} group ${index}: ${actual[index]} vs PyTorch ${value}`);
  });
}

const rates = (optimizer: Optimizer<object>) => optimizer.paramGroups.map((group) => group.lr as number);

/** The fixture's steps from `from`: optimizer.step() then scheduler.step() (or step(2·i), torch ignores it). */
function run(testCase: SWALRCase, optimizer: Optimizer<object>, scheduler: SWALR, from: number): void {
  for (let step = from; step < fixture.steps; step++) {
    expectRates(rates(optimizer), testCase.lrs[step]!, `lr before step ${step}`);
    optimizer.step();
    if (testCase.epochArgument) scheduler.step(step * 2);
    else scheduler.step();
  }
  expectRates(scheduler.getLastLr(), testCase.lastLr, 'getLastLr() at the end');
}

describe('SWALR', () => {
  it('has reference cases', () => expect(fixture.cases.length).toBeGreaterThan(0));
  for (const testCase of fixture.cases) {
    it(`gives PyTorch's rates for ${fixture.steps} steps: ${caseName(testCase)}`, () => {
      const optimizer = makeOptimizer();
      const scheduler = makeScheduler(testCase, optimizer);
      expect(optimizer.paramGroups.map((group) => group.swaLr)).toEqual(testCase.swaLrOfGroups);
      run(testCase, optimizer, scheduler, 0);
    });

    it(`resumes from PyTorch's state dict after ${fixture.resumeAt} steps: ${caseName(testCase)}`, () => {
      const optimizer = makeOptimizer();
      const scheduler = makeScheduler(testCase, optimizer);
      // the rates a loaded optimizer state would hold
      optimizer.paramGroups.forEach((group, index) => (group.lr = testCase.lrs[fixture.resumeAt]![index]!));
      scheduler.loadStateDict(testCase.stateDictAtResume);
      run(testCase, optimizer, scheduler, fixture.resumeAt);
    });

    it(`state dict has PyTorch's keys and values: ${caseName(testCase)}`, () => {
      const optimizer = makeOptimizer();
      const scheduler = makeScheduler(testCase, optimizer);
      for (let step = 0; step < fixture.resumeAt; step++) {
        optimizer.step();
        if (testCase.epochArgument) scheduler.step(step * 2);
        else scheduler.step();
      }
      const ours = scheduler.stateDict();
      for (const [key, value] of Object.entries(testCase.stateDictAtResume)) {
        if (key === 'verbose' || key === '_get_lr_called_within_step') continue;
        if (Array.isArray(value)) expectRates(ours[key] as number[], value as number[], key);
        else expect(ours[key], key).toEqual(value);
      }
    });
  }

  it("takes PyTorch's positional order (swa_lr, anneal_epochs, anneal_strategy, last_epoch)", () => {
    const testCase = fixture.cases.find((entry) => entry.annealStrategy === 'linear' && Array.isArray(entry.swaLr))!;
    const optimizer = makeOptimizer();
    const scheduler = new SWALR(optimizer, testCase.swaLr, testCase.annealEpochs, testCase.annealStrategy);
    run(testCase, optimizer, scheduler, 0);
  });

  it('loads the strategy from the state dict', () => {
    const optimizer = makeOptimizer();
    const scheduler = new SWALR(optimizer, { swaLr: 0.05 });
    scheduler.loadStateDict({ ...scheduler.stateDict(), anneal_func: 'linear' });
    expect(scheduler.annealStrategy).toBe('linear');
    expect(() => scheduler.loadStateDict({ anneal_func: 'exp' })).toThrow(/SWALR: invalid anneal_func 'exp'/);
  });

  it('throws clear errors for bad options', () => {
    expect(() => new SWALR(makeOptimizer(), { swaLr: [0.1, 0.2, 0.3] })).toThrow(
      'SWALR: swaLr must have the same length as optimizer.paramGroups: swaLr has 3, optimizer.paramGroups has 2',
    );
    expect(() => new SWALR(makeOptimizer(), { swaLr: 0.05, annealStrategy: 'exp' as never })).toThrow(
      /SWALR: invalid annealStrategy 'exp'/,
    );
    expect(() => new SWALR(makeOptimizer(), { swaLr: 0.05, annealEpochs: -1 })).toThrow(
      /SWALR: annealEpochs must be an integer ≥ 0, got -1/,
    );
    expect(() => new SWALR(makeOptimizer(), { swaLr: 0.05, annealEpochs: 2.5 })).toThrow(/annealEpochs.*2\.5/);
    expect(() => new SWALR(makeOptimizer(), { swaLr: '0.05' } as never)).toThrow(
      "SWALR: swaLr must be a number or a list of numbers (one per parameter group), got '0.05'",
    );
    expect(() => new SWALR(makeOptimizer(), {} as never)).toThrow('SWALR: the option `swaLr` is required');
    expect(() => new SWALR(makeOptimizer(), { swaLr: 0.05, swa_lr: 0.05 } as never)).toThrow(/SWALR.*swa_lr/);
    expect(() => new SWALR(makeOptimizer(), { swaLr: 0.05, lastEpoch: 3 })).toThrow(/initial_lr/);
  });
});
