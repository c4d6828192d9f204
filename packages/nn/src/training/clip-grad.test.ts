import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memory, tensor, zeros } from '@dl/tensor';
import { expectClose, type FixtureTensor } from '../../test/helpers/optimizer-reference.js';
import { clipGradNorm, clipGradValue } from './clip-grad.js';

interface ClipCase {
  kind: 'norm' | 'value';
  maxNorm?: number;
  normType?: number | 'Infinity';
  totalNorm?: number;
  clipValue?: number;
  clipped: number[][];
}

/** Written by tools/fixtures/nn_optim_reference.py (PyTorch 1.13). */
const fixture: { gradients: FixtureTensor[]; cases: ClipCase[] } = JSON.parse(
  readFileSync(new URL('../../test/__fixtures__/nn_clip_grad_reference.json', import.meta.url), 'utf8'),
);

function parametersWithGradients() {
  return fixture.gradients.map((gradient) => {
    const parameter = zeros(gradient.shape, { requiresGrad: true });
    parameter.grad = tensor(gradient.values, { shape: gradient.shape });
    return parameter;
  });
}

describe('clipGradNorm and clipGradValue', () => {
  for (const testCase of fixture.cases) {
    const label =
      testCase.kind === 'norm'
        ? `clipGradNorm(maxNorm ${testCase.maxNorm}, normType ${testCase.normType})`
        : `clipGradValue(${testCase.clipValue})`;
    it(`${label} matches PyTorch`, () => {
      const parameters = parametersWithGradients();
      if (testCase.kind === 'norm') {
        const total = clipGradNorm(parameters, testCase.maxNorm!, Number(testCase.normType));
        expect(total.shape).toEqual([]);
        expectClose([total.itemSync()], [testCase.totalNorm!], 1e-6, 0, 'total norm');
      } else clipGradValue(parameters, testCase.clipValue!);
      parameters.forEach((parameter, index) =>
        expectClose(parameter.grad!.dataSync(), testCase.clipped[index]!, 1e-6, 1e-7, `grad ${index}`),
      );
    });
  }

  it('returns 0 without gradients, skips parameters without one, and frees its temporaries', () => {
    expect(clipGradNorm([zeros([2], { requiresGrad: true })], 1).itemSync()).toBe(0);
    const parameters = parametersWithGradients();
    const before = memory().cpu!.liveTensors;
    clipGradNorm(parameters, 1).dispose();
    clipGradValue(parameters, 0.1);
    expect(memory().cpu!.liveTensors).toBe(before);
  });

  it('can refuse a non-finite norm', () => {
    const parameter = zeros([2], { requiresGrad: true });
    parameter.grad = tensor([Infinity, 1]);
    expect(() => clipGradNorm([parameter], 1, 2, { errorIfNonfinite: true })).toThrow(/non-finite/);
  });
});
