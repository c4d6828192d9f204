import { describe, it } from 'vitest';
import { acquireWebGPU, expectSameGanLosses } from '../../shared/device-parity.js';
// @ts-expect-error: plain ES modules with JSDoc types
import { train } from '../train.mjs';

const available = await acquireWebGPU('examples/wgan-gp-mnist');

describe.skipIf(!available)('examples/wgan-gp-mnist on webgpu', () => {
  it('trains 6 critic steps (a generator step after the fifth; gradient penalty) with the same losses as the CPU', async () => {
    await expectSameGanLosses(train, { steps: 6 });
  }, 300_000);
});
