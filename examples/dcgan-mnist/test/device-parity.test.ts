import { describe, it } from 'vitest';
import { acquireWebGPU, expectSameGanLosses } from '../../shared/device-parity.js';
// @ts-expect-error: plain ES modules with JSDoc types
import { train } from '../train.mjs';

const available = await acquireWebGPU('examples/dcgan-mnist');

describe.skipIf(!available)('examples/dcgan-mnist on webgpu', () => {
  it('trains 3 steps of the DCGAN (f = 4, BatchNorm) with the same D and G losses as the CPU', async () => {
    await expectSameGanLosses(train, { steps: 3, features: 4 });
  }, 300_000);
});
