import { describe, it } from 'vitest';
import { acquireWebGPU, expectSameLosses } from '../../shared/device-parity.js';
// @ts-expect-error: plain ES modules with JSDoc types
import { train } from '../train.mjs';

const available = await acquireWebGPU('examples/mnist-cnn');

describe.skipIf(!available)('examples/mnist-cnn on webgpu', () => {
  it('trains 2 steps (dropout included) with the same per-step losses as the CPU from the same seed', async () => {
    const losses = async (device: string) => (await train({ epochs: 1, maxSteps: 2, testLimit: 10, device })).losses;
    expectSameLosses(await losses('webgpu'), await losses('cpu'));
  }, 300_000);
});
