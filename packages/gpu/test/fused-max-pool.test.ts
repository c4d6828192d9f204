import { describe, expect, it } from 'vitest';
import { manualSeed, maxPool2d, randn, tensor, type PoolOptions, type Tensor } from '@dl/tensor';
import { webgpuBackend } from '../src/index.js';
import { bitsOf } from './bits.js';
import { setupWebGPU } from './webgpu-setup.js';
import { withoutWebGPUFused } from './without-webgpu-fused.js';

const info = await setupWebGPU();

type PoolCase = { name: string; shape: number[]; kernel: number | [number, number]; options: PoolOptions };

const cases: PoolCase[] = [
  { name: 'MaxPool2d(2)', shape: [2, 3, 8, 6], kernel: 2, options: {} },
  { name: 'kernel 3, stride 2, padding 1 (windows in the padding)', shape: [2, 2, 7, 6], kernel: 3, options: { stride: 2, padding: 1 } },
  { name: 'dilation 2, rectangular kernel', shape: [1, 3, 9, 10], kernel: [2, 3], options: { dilation: 2, stride: [1, 2] } },
  { name: 'ceil mode (last windows clipped)', shape: [1, 2, 7, 7], kernel: 2, options: { ceilMode: true } },
];

/** Rounded values (ties between cells), a NaN and −∞ in some windows. */
function input(shape: number[]): number[] {
  manualSeed(11);
  const values = Array.from(randn(shape).dataSync(), (value) => Math.round(value * 2));
  values[5] = Number.NaN;
  values[17] = -Infinity;
  return values;
}

describe.skipIf(!info)('maxPool2d on webgpu: the fused maxPool2dIndices kernel', () => {
  it('the backend has the kernel', () => {
    expect(typeof webgpuBackend()?.fused?.maxPool2dIndices).toBe('function');
  });

  for (const { name, shape, kernel, options } of cases)
    it(`${name}: the CPU's indices and values bit for bit, the GPU composite's too, and the gradient`, async () => {
      const values = input(shape);
      const pool = (x: Tensor) => maxPool2d(x, kernel, { ...options, returnIndices: true });
      const cpu = pool(tensor(values, { shape }));
      const gpu = pool(tensor(values, { shape, device: 'webgpu' }));
      const composite = withoutWebGPUFused('maxPool2dIndices', () => pool(tensor(values, { shape, device: 'webgpu' })));
      expect(Array.from(await gpu.indices.data())).toEqual(Array.from(cpu.indices.dataSync()));
      expect(await bitsOf(gpu.values)).toEqual(await bitsOf(cpu.values));
      expect(Array.from(await gpu.indices.data())).toEqual(Array.from(await composite.indices.data()));
      expect(await bitsOf(gpu.values)).toEqual(await bitsOf(composite.values));

      // the gradient is gather's: scatter-add into the chosen cells (finite inputs, so it is defined)
      const finite = values.map((value) => (Number.isFinite(value) ? value : 0));
      const gradientOn = (device: 'cpu' | 'webgpu') => {
        const x = tensor(finite, { shape, device, requiresGrad: true });
        const pooled = maxPool2d(x, kernel, options);
        pooled
          .mul(
            tensor(
              Array.from({ length: pooled.numel() }, (_, i) => i % 7),
              { shape: pooled.shape, device },
            ),
          )
          .sum()
          .backward();
        return x.grad!;
      };
      expect(Array.from(await gradientOn('webgpu').data())).toEqual(Array.from(gradientOn('cpu').dataSync()));
    });
});
