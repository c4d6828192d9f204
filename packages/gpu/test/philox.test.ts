import { describe, expect, it } from 'vitest';
import { manualSeed, philoxUniform, rand } from '@dl/tensor';
import { webgpuBackend } from '../src/index.js';
import { setupWebGPU } from './webgpu-setup.js';

const info = await setupWebGPU();

/** Runs the backend's uniform kernel into a fresh buffer at element `outOffset` and reads it back. */
async function gpuUniform(size: number, seed: bigint, offset: bigint, outOffset = 0): Promise<Float32Array> {
  const backend = webgpuBackend()!;
  const buffer = backend.allocate('float32', outOffset + size);
  backend.uniform({ buffer, dtype: 'float32', shape: [size], strides: [1], offset: outOffset }, seed, offset);
  const values = (await backend.read(buffer, 'float32', outOffset, size)) as Float32Array;
  backend.free(buffer);
  return values;
}

describe.skipIf(!info)('Philox4x32-10 on webgpu', () => {
  it('rand gives bit-identical numbers on the GPU and the CPU for the same seed', async () => {
    manualSeed(1234);
    const onCpu = rand([7, 5]);
    manualSeed(1234);
    const onGpu = rand([7, 5], { device: 'webgpu' });
    expect(Array.from(await onGpu.data())).toEqual(Array.from(onCpu.dataSync()));
    // the next draw continues from the same counter offset on both devices
    const nextOnGpu = rand([3], { device: 'webgpu' });
    manualSeed(1234);
    rand([7, 5]);
    expect(Array.from(await nextOnGpu.data())).toEqual(Array.from(rand([3]).dataSync()));
  });

  it.each([
    ['a small seed', 0n, 0n, 13],
    ['a 64-bit seed', 0xfedcba9876543210n, 5n, 64],
    ['a counter crossing 2^32 (carry into the high word)', 42n, 0xfffffffdn, 21],
    ['a high counter word', 7n, 0x1234567800000000n, 9],
  ])('matches philoxUniform for %s', async (_, seed, offset, size) => {
    const expected = new Float32Array(size);
    philoxUniform(expected, seed, offset);
    expect(Array.from(await gpuUniform(size, seed, offset))).toEqual(Array.from(expected));
  });

  it('writes at the view offset and leaves the elements before it alone', async () => {
    const expected = new Float32Array(6);
    philoxUniform(expected, 99n, 3n);
    expect(Array.from(await gpuUniform(6, 99n, 3n, 5))).toEqual(Array.from(expected));
    const backend = webgpuBackend()!;
    const buffer = backend.allocate('float32', 8);
    backend.write(buffer, new Float32Array(8).fill(-1));
    backend.uniform({ buffer, dtype: 'float32', shape: [3], strides: [1], offset: 5 }, 99n, 3n);
    const all = Array.from(await backend.read(buffer, 'float32', 0, 8));
    expect(all.slice(0, 5)).toEqual([-1, -1, -1, -1, -1]);
    expect(all.slice(5)).toEqual(Array.from(expected.slice(0, 3)));
    backend.free(buffer);
  });

  it('keeps every value in [0, 1)', async () => {
    const values = await gpuUniform(4096, 5n, 0n);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });
});
