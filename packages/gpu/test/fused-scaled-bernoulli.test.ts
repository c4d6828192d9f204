import { describe, expect, it } from 'vitest';
import { manualSeed, scaledBernoulli } from '@dl/tensor';
import { webgpuBackend } from '../src/index.js';
import { bitsOf } from './bits.js';
import { setupWebGPU } from './webgpu-setup.js';
import { withoutWebGPUFused } from './without-webgpu-fused.js';

const info = await setupWebGPU();

describe.skipIf(!info)('scaledBernoulli on webgpu: the fused Philox mask kernel', () => {
  it('the backend has the kernel', () => {
    expect(typeof webgpuBackend()?.fused?.scaledBernoulli).toBe('function');
  });

  // odd sizes leave a partial Philox block; consecutive draws start at counter offsets that are not
  // multiples of 4 blocks; p = 0 and p = 1 are the thresholds' ends
  for (const [probability, scale, shape] of [
    [0.75, 4 / 3, [5, 301]],
    [0.1, 10, [7]],
    [0.5, 2, [3, 3, 3]],
    [0, 1, [9]],
    [1, 1, [9]],
  ] as const)
    it(`p = ${probability}, shape [${shape}]: the CPU's bytes and the GPU composite's, for the same seed`, async () => {
      const draw = (device: 'cpu' | 'webgpu') => {
        manualSeed(2024);
        scaledBernoulli(0.5, 2, [13], { device }); // move the counter off zero
        return scaledBernoulli(probability, scale, [...shape], { device });
      };
      const gpu = draw('webgpu');
      const cpu = draw('cpu');
      const composite = withoutWebGPUFused('scaledBernoulli', () => draw('webgpu'));
      expect(await bitsOf(gpu)).toEqual(await bitsOf(cpu));
      expect(await bitsOf(gpu)).toEqual(await bitsOf(composite));
    });
});
