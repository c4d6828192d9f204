import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module with JSDoc types
import { train } from '../train.mjs';

describe('examples/forecast', () => {
  it('beats the naive last-value forecast after a few epochs on a short series', async () => {
    const result = await train({ epochs: 4, length: 500, window: 12, hiddenSize: 16, batchSize: 32 });
    expect(result.losses[3].loss).toBeLessThan(result.losses[0].loss);
    expect(result.mse).toBeLessThan(result.naiveMse);
    expect(result.mae).toBeGreaterThan(0);
  });
});
