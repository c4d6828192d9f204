import { describe, expect, it } from 'vitest';
import { manualSeed, randn, sort, tensor, topk, type Tensor } from '@dl/tensor';
import { webgpuBackend } from '../src/index.js';
import { setupWebGPU } from './webgpu-setup.js';

const info = await setupWebGPU();

/** Rows with ties (−0 and +0 among them), NaN and ±∞, as float32, or the same rounded as int32. */
function rows(dtype: 'float32' | 'int32', shape: number[]): number[] {
  manualSeed(9);
  const count = shape.reduce((product, extent) => product * extent, 1);
  return Array.from(randn([count]).dataSync(), (value, i) => {
    const tied = i % 5 === 0 ? -0 : Math.round(value * 2);
    if (dtype === 'int32') return tied;
    return i % 11 === 5 ? Number.NaN : i % 7 === 3 ? -Infinity : i % 13 === 4 ? Infinity : i % 3 === 0 ? value : tied;
  });
}

describe.skipIf(!info)('sort on webgpu: the fused sortIndices kernel', () => {
  it('the backend has the kernel (so sort does not fall back to the n × n composite)', () => {
    expect(typeof webgpuBackend()?.fused?.sortIndices).toBe('function');
  });

  for (const dtype of ['float32', 'int32'] as const)
    for (const [dim, descending] of [
      [-1, false],
      [-1, true],
      [0, false],
      [1, true],
    ] as const)
      it(`${dtype}, dim ${dim}${descending ? ', descending' : ''}: the CPU's indices and values, bit for bit`, async () => {
        const shape = [3, 5, 17];
        const values = rows(dtype, shape);
        const cpu = sort(tensor(values, { shape, dtype }), dim, descending);
        const gpu = sort(tensor(values, { shape, dtype, device: 'webgpu' }), dim, descending);
        expect(Array.from(await gpu.indices.data())).toEqual(Array.from(cpu.indices.dataSync()));
        expect(Array.from(await gpu.values.data())).toEqual(Array.from(cpu.values.dataSync()));
      });

  it('topk of a 4,096-wide row and its gradient', async () => {
    const values = rows('float32', [2, 4096]).map((value) => (Number.isNaN(value) ? 0 : value));
    const cpuInput = tensor(values, { shape: [2, 4096], requiresGrad: true });
    const gpuInput = tensor(values, { shape: [2, 4096], device: 'webgpu', requiresGrad: true });
    const top = (x: Tensor) => topk(x, 7);
    const cpu = top(cpuInput);
    const gpu = top(gpuInput);
    expect(Array.from(await gpu.indices.data())).toEqual(Array.from(cpu.indices.dataSync()));
    cpu.values.sum().backward();
    gpu.values.sum().backward();
    expect(Array.from(await gpuInput.grad!.data())).toEqual(Array.from(cpuInput.grad!.dataSync()));
  });
});
