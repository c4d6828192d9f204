import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module with JSDoc types
import { train } from '../train.mjs';

describe('examples/char-lm', () => {
  it('lowers the held-out perplexity in a few truncated-BPTT steps and samples text', async () => {
    const result = await train({
      maxCharacters: 20_000,
      maxSteps: 25,
      batchSize: 8,
      sequenceLength: 16,
      hiddenSize: 32,
      learningRate: 0.01,
      sampleLength: 40,
      logEvery: 5,
    });
    expect(result.steps).toBe(25);
    // uniform guessing over the vocabulary is perplexity V; a few steps learn the character frequencies
    expect(result.initialPerplexity).toBeGreaterThan(result.vocabularySize * 0.5);
    expect(result.heldOutPerplexity).toBeLessThan(result.initialPerplexity * 0.6);
    expect(result.sample.startsWith('The ')).toBe(true);
    expect(Array.from(result.sample).length).toBe(44);
  });
});
