import { describe, expect, it } from 'vitest';
import {
  caseName,
  checkResumeFromPyTorch,
  checkSequence,
  checkStateDictKeys,
  schedulerFixture,
} from '../../test/helpers/scheduler-reference.js';

// Every scheduler against PyTorch 1.13 (tools/fixtures/nn_optim_reference.py): 30 epochs of rates and
// momenta, a resume from torch's state dict after 15, and torch's state-dict keys and values.

const schedulers = [
  'StepLR',
  'MultiStepLR',
  'ExponentialLR',
  'CosineAnnealingLR',
  'LinearLR',
  'ConstantLR',
  'PolynomialLR',
  'LambdaLR',
  'MultiplicativeLR',
  'CosineAnnealingWarmRestarts',
  'CyclicLR',
  'OneCycleLR',
  'ReduceLROnPlateau',
  'SequentialLR',
  'ChainedScheduler',
];

for (const name of schedulers) {
  const cases = schedulerFixture.cases.filter((testCase) => testCase.scheduler === name);
  describe(name, () => {
    it('has reference cases', () => expect(cases.length).toBeGreaterThan(0));
    for (const testCase of cases) {
      it(`gives PyTorch's rates for 30 epochs: ${caseName(testCase)}`, () => checkSequence(testCase));
      it(`resumes from PyTorch's state dict: ${caseName(testCase)}`, () => checkResumeFromPyTorch(testCase));
      it(`state dict has PyTorch's keys and values: ${caseName(testCase)}`, () => checkStateDictKeys(testCase));
    }
  });
}

it('every case of the fixture belongs to a scheduler listed here', () => {
  expect(schedulerFixture.cases.filter((testCase) => !schedulers.includes(testCase.scheduler))).toEqual([]);
});
