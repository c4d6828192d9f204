import { describe, it } from 'vitest';
import { acquireWebGPU, expectSameLosses } from '../../shared/device-parity.js';
import { train } from '../train.mjs';

const available = await acquireWebGPU('examples/tensor-mlp');

describe.skipIf(!available)('examples/tensor-mlp on webgpu', () => {
  it('trains 5 steps with the same per-step losses as the CPU from the same seed', async () => {
    const losses = async (device: string) =>
      (await train({ steps: 5, device, pointsPerClass: 20, hidden: 8, logEvery: 1 })).losses.map((entry) => entry.loss);
    expectSameLosses(await losses('webgpu'), await losses('cpu'));
  });
});
