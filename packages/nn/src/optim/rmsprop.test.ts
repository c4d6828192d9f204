import { describe, expect, it } from 'vitest';
import { caseName, checkAgainstPyTorch, checkStateDictLayout, optimizerFixture } from '../../test/helpers/optimizer-reference.js';

const cases = optimizerFixture.cases.filter((testCase) => testCase.optimizer === 'RMSprop');

describe('RMSprop', () => {
  it('has reference cases', () => expect(cases.length).toBeGreaterThanOrEqual(3));
  for (const testCase of cases) {
    it(`matches PyTorch for 10 steps: ${caseName(testCase)}`, () => checkAgainstPyTorch(testCase));
    it(`state dict has PyTorch's layout: ${caseName(testCase)}`, () => checkStateDictLayout(testCase));
  }
});
