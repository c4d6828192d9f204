import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module with JSDoc types
import { train } from '../train.mjs';

describe('examples/lstm-sequence', () => {
  it('starts to learn the memory task in a few epochs, also stacked with dropout', async () => {
    for (const options of [{}, { numLayers: 2, dropout: 0.2 }]) {
      const result = await train({ epochs: 40, logEvery: 10, ...options });
      const losses = result.losses.map((entry: { loss: number }) => entry.loss);
      expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.9);
      expect(result.testAccuracy).toBeGreaterThan(0.55);
    }
  });
});
