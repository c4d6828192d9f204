import { describe, it } from 'vitest';
import { acquireWebGPU, expectSameGanLosses } from '../../shared/device-parity.js';
// @ts-expect-error: plain ES modules with JSDoc types
import { train } from '../train.mjs';

const available = await acquireWebGPU('examples/gan-mnist');

describe.skipIf(!available)('examples/gan-mnist on webgpu', () => {
  it('trains 4 steps of the MLP GAN with the same D and G losses as the CPU', async () => {
    await expectSameGanLosses(train, { steps: 4 });
  }, 300_000);
});
