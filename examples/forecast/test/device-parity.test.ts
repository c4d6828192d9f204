import { describe, it } from 'vitest';
import { acquireWebGPU, expectSameStepLosses } from '../../shared/device-parity.js';
// @ts-expect-error: plain ES modules with JSDoc types
import { train } from '../train.mjs';

const available = await acquireWebGPU('examples/forecast');

describe.skipIf(!available)('examples/forecast on webgpu', () => {
  it('trains 3 shuffled mini-batch steps of the GRU with the same per-step losses as the CPU', async () => {
    await expectSameStepLosses(train, { maxSteps: 3, length: 120, window: 8, batchSize: 16, hiddenSize: 8 });
  }, 300_000);
});
