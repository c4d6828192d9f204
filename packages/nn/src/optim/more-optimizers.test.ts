import { describe, expect, it } from 'vitest';
import { tensor } from '@dl/tensor';
import { caseName, checkAgainstPyTorch, checkStateDictLayout, optimizerFixture } from '../../test/helpers/optimizer-reference.js';
import { Adadelta, Adamax, NAdam, RAdam } from './index.js';

// NAdam, RAdam, Adamax and Adadelta against PyTorch 1.13 (tools/fixtures/nn_optim_reference.py): ten
// steps in float64 and float32 (and float64 under a float64 default), and the state dict's layout after five (NAdam's float32 μ product
// bit for bit).

for (const name of ['NAdam', 'RAdam', 'Adamax', 'Adadelta']) {
  const cases = optimizerFixture.cases.filter((testCase) => testCase.optimizer === name);
  describe(name, () => {
    it('has reference cases', () => expect(cases.length).toBeGreaterThanOrEqual(2));
    for (const testCase of cases) {
      it(`matches PyTorch for 10 steps: ${caseName(testCase)}`, () => checkAgainstPyTorch(testCase));
      it(`state dict has PyTorch's layout: ${caseName(testCase)}`, () => checkStateDictLayout(testCase));
    }
  });
}

describe('their arguments', () => {
  const parameter = () => tensor([1, 2], { requiresGrad: true });
  it("take torch's positional order and name bad values", () => {
    expect(new NAdam([parameter()], 0.01, [0.8, 0.9], 1e-6, 0.1, 0.02).paramGroups[0]).toMatchObject({
      lr: 0.01,
      betas: [0.8, 0.9],
      momentumDecay: 0.02,
    });
    expect(() => new RAdam([parameter()], { betas: [1, 0.9] })).toThrow('RAdam: invalid beta parameter at index 0: 1');
    expect(() => new Adamax([parameter()], { eps: -1 })).toThrow('Adamax: invalid epsilon value: -1');
    expect(() => new Adadelta([parameter()], { rho: 1.5 })).toThrow('Adadelta: invalid rho value: 1.5');
    expect(() => new NAdam([parameter()], { momentum_decay: 0.1 } as never)).toThrow('NAdam: unknown option `momentum_decay`');
  });
});
