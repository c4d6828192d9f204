import { describe, expect, it } from 'vitest';
import { manualSeed, randn, sum, tensor } from '@dl/tensor';
import { webgpuBackend } from '../src/index.js';
import { bitsOf } from './bits.js';
import { setupWebGPU } from './webgpu-setup.js';
import { withoutWebGPUFused } from './without-webgpu-fused.js';

const info = await setupWebGPU();

// sums over leading or interleaved axes (not all trailing), where the composite permutes and copies
const cases: [number[], number[]][] = [
  [
    [2, 3, 7, 6],
    [0, 2, 3],
  ], // a convolution's bias gradient
  [[70, 3], [0]], // more reduced elements than the 64 invocations of a row
  [
    [3, 4, 5, 2],
    [0, 2],
  ],
  [
    [4, 1, 5, 3],
    [0, 1],
  ], // a size-1 axis among the reduced ones
  [[2, 5, 1], [0]], // nothing kept after dropping size-1 axes but one group
  [[0, 3], [0]], // empty sums are 0
];

describe.skipIf(!info)('sum over axes on webgpu: the fused sumAxes kernel', () => {
  it('the backend has the kernel', () => {
    expect(typeof webgpuBackend()?.fused?.sumAxes).toBe('function');
  });

  for (const [shape, axes] of cases)
    it(`[${shape}] over [${axes}]: the GPU composite bit for bit and the CPU to float32 rounding`, async () => {
      manualSeed(4);
      const values = randn(shape);
      const gpu = sum(values.to('webgpu'), axes);
      const composite = withoutWebGPUFused('sumAxes', () => sum(values.to('webgpu'), axes));
      expect(gpu.shape).toEqual(composite.shape);
      expect(await bitsOf(gpu)).toEqual(await bitsOf(composite));
      const expected = Array.from(sum(values, axes).dataSync());
      Array.from(await gpu.data()).forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 4));
    });

  it('int32 sums are exact, and keepdim and the gradient work', async () => {
    const values = Array.from({ length: 60 }, (_, i) => ((i * 7) % 11) - 5);
    const ints = tensor(values, { shape: [3, 4, 5], dtype: 'int32' });
    expect(Array.from(await sum(ints.to('webgpu'), [0, 2]).data())).toEqual(Array.from(sum(ints, [0, 2]).dataSync()));
    const x = tensor(values, { shape: [3, 4, 5], device: 'webgpu', requiresGrad: true });
    const kept = sum(x, [0, 2], true);
    expect(kept.shape).toEqual([1, 4, 1]);
    kept
      .mul(tensor([1, 2, 3, 4], { shape: [1, 4, 1], device: 'webgpu' }))
      .sum()
      .backward();
    const expected = Array.from({ length: 60 }, (_, i) => (Math.floor(i / 5) % 4) + 1);
    expect(Array.from(await x.grad!.data())).toEqual(expected);
  });
});
