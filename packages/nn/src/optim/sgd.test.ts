import { describe, expect, it } from 'vitest';
import { tensor } from '@dl/tensor';
import { caseName, checkAgainstPyTorch, checkStateDictLayout, optimizerFixture } from '../../test/helpers/optimizer-reference.js';
import { SGD } from './sgd.js';

const cases = optimizerFixture.cases.filter((testCase) => testCase.optimizer === 'SGD');

describe('SGD', () => {
  it('has reference cases', () => expect(cases.length).toBeGreaterThanOrEqual(5));
  for (const testCase of cases) {
    it(`matches PyTorch for 10 steps: ${caseName(testCase)}`, () => checkAgainstPyTorch(testCase));
    it(`state dict has PyTorch's layout: ${caseName(testCase)}`, () => checkStateDictLayout(testCase));
  }

  it('rejects Nesterov without momentum, and negative rates', () => {
    const parameter = tensor([1], { requiresGrad: true });
    expect(() => new SGD([parameter], { nesterov: true })).toThrow(/Nesterov/);
    expect(() => new SGD([parameter], { lr: -1 })).toThrow(/learning rate/);
  });
});
