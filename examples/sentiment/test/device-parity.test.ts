import { describe, it } from 'vitest';
import { acquireWebGPU, expectSameStepLosses } from '../../shared/device-parity.js';
// @ts-expect-error: plain ES modules with JSDoc types
import { train } from '../train.mjs';

const available = await acquireWebGPU('examples/sentiment');

describe.skipIf(!available)('examples/sentiment on webgpu', () => {
  it('trains 3 steps over packed batches (dropout included) with the same per-step losses as the CPU', async () => {
    await expectSameStepLosses(train, { maxSteps: 3, limit: 40, maxTokens: 12, batchSize: 4, embeddingSize: 8, hiddenSize: 8 });
  }, 300_000);
});
