import { describe, expect, it } from 'vitest';
import { manualSeed, maxPool2d, randn, scaledBernoulli, sum } from '@dl/tensor';
import { setupWebGPU } from './webgpu-setup.js';

const info = await setupWebGPU();

/**
 * Both backends run fused kernels for these composites (dropout's mask, max pooling's choice, sums over
 * leading axes): the CPU's and the GPU's must give the same numbers. The fused-*.test.ts files compare
 * each GPU kernel with its composite on the GPU as well.
 */
describe.skipIf(!info)('fused kernels agree between the CPU and webgpu', () => {
  it('scaledBernoulli (dropout mask) is bit-identical on the GPU and the CPU for the same seed', async () => {
    manualSeed(77);
    const onCpu = scaledBernoulli(0.75, 4 / 3, [5, 301]);
    manualSeed(77);
    const onGpu = scaledBernoulli(0.75, 4 / 3, [5, 301], { device: 'webgpu' });
    expect(Array.from(await onGpu.data())).toEqual(Array.from(onCpu.dataSync()));
  });

  it('maxPool2d and sum over [0, 2, 3] match the CPU', async () => {
    manualSeed(3);
    const x = randn([2, 3, 7, 6]).round(); // ties
    const onGpu = x.to('webgpu');
    const cpuPool = maxPool2d(x, 3, { stride: 2, padding: 1, returnIndices: true });
    const gpuPool = maxPool2d(onGpu, 3, { stride: 2, padding: 1, returnIndices: true });
    expect(Array.from(await gpuPool.values.data())).toEqual(Array.from(cpuPool.values.dataSync()));
    expect(Array.from(await gpuPool.indices.data())).toEqual(Array.from(cpuPool.indices.dataSync()));
    const cpuSum = Array.from(sum(x, [0, 2, 3]).dataSync());
    Array.from(await sum(onGpu, [0, 2, 3]).data()).forEach((value, i) => expect(value).toBeCloseTo(cpuSum[i]!, 4));
  });
});
