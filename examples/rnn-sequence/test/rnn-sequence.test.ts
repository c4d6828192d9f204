import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module with JSDoc types
import { train } from '../train.mjs';

describe('examples/rnn-sequence', () => {
  it('learns the running-sum task in a few epochs (RNN and bidirectional GRU)', async () => {
    for (const options of [{ cell: 'rnn' }, { cell: 'gru', bidirectional: true }]) {
      const result = await train({ epochs: 30, logEvery: 10, ...options });
      const losses = result.losses.map((entry: { loss: number }) => entry.loss);
      expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.8);
      expect(result.testAccuracy).toBeGreaterThan(0.6);
    }
  });
});
