import { describe, expect, it } from 'vitest';
import { tensor } from '@dl/tensor';
import fixture from '../__fixtures__/text.json';
import { expectClose } from '../__fixtures__/reference.js';
import { Perplexity, perplexity, perplexityFromLoss } from './perplexity.js';

describe('perplexity matches torch cross_entropy', () => {
  const { logits, target, ignoreIndex, meanLoss, perplexity: reference } = fixture.perplexity;

  it('from logits [batch, time, vocabulary] with an ignore index', async () => {
    expectClose(await perplexity(target, logits, { ignoreIndex }), reference, 1e-12);
  });

  it('from the mean loss', () => {
    expectClose(perplexityFromLoss(meanLoss), reference, 1e-14);
    expect(() => perplexityFromLoss(-1)).toThrow(/^perplexityFromLoss: mean loss must be/);
  });

  it('streamed per sequence, from float64 tensors', async () => {
    const metric = new Perplexity({ ignoreIndex });
    for (let row = 0; row < target.length; row++)
      await metric.update(tensor(target[row]!, { dtype: 'int32' }), tensor(logits[row]!, { dtype: 'float64' }));
    expectClose(metric.compute(), reference, 1e-12);
  });

  it('rejects targets out of the vocabulary and all-ignored input', async () => {
    await expect(perplexity([7], [[0, 0, 0]])).rejects.toThrow(/^perplexity: target 7 is out of range for a vocabulary of 3/);
    await expect(perplexity([-100], [[0, 0]], { ignoreIndex: -100 })).rejects.toThrow(/^perplexity: no target tokens/);
  });
});
