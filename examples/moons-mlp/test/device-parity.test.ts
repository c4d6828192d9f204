import { describe, it } from 'vitest';
import { acquireWebGPU, expectSameLosses } from '../../shared/device-parity.js';
// @ts-expect-error: plain ES modules with JSDoc types
import { train } from '../train.mjs';

const available = await acquireWebGPU('examples/moons-mlp');

describe.skipIf(!available)('examples/moons-mlp on webgpu', () => {
  it('trains 5 steps with the same per-step losses as the CPU from the same seed', async () => {
    const losses = async (device: string) =>
      (await train({ steps: 5, device, logEvery: 1 })).losses.map((entry: { loss: number }) => entry.loss);
    expectSameLosses(await losses('webgpu'), await losses('cpu'));
  });
});
