import { describe, expect, it } from 'vitest';
import {
  caseName,
  checkResumeFromPyTorch,
  checkSequence,
  checkStateDictKeys,
  schedulerFixture,
} from '../../test/helpers/scheduler-reference.js';

const cases = schedulerFixture.cases.filter((testCase) => testCase.scheduler === 'StepLR');

describe('StepLR', () => {
  it('has reference cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const testCase of cases) {
    it(`gives PyTorch's rates for 30 epochs: ${caseName(testCase)}`, () => checkSequence(testCase));
    it(`resumes from PyTorch's state dict: ${caseName(testCase)}`, () => checkResumeFromPyTorch(testCase));
    it(`state dict has PyTorch's keys and values: ${caseName(testCase)}`, () => checkStateDictKeys(testCase));
  }
});
