import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module with JSDoc types
import { train } from '../train.mjs';

describe('examples/moons-mlp', () => {
  it('trains on a reduced setting: the loss decreases and the metrics are sane', async () => {
    const result = await train({ epochs: 40, logEvery: 10 });
    const losses = result.losses.map((entry: { loss: number }) => entry.loss);
    expect(losses.length).toBeGreaterThan(2);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.8);
    for (const name of ['accuracy', 'precision', 'recall', 'f1']) {
      expect(result[name]).toBeGreaterThan(0.7);
      expect(result[name]).toBeLessThanOrEqual(1);
    }
  });
});
