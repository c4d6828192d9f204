import { describe, expect, it } from 'vitest';
import { memory, scope, tensor } from '@dl/tensor';
import { GpuRuntime, trimPool, webgpuBackend } from '../src/index.js';
import { setupWebGPU } from './webgpu-setup.js';

const info = await setupWebGPU();

/** A few ops whose intermediates are all freed by `scope`, then the result is read. */
async function workload(): Promise<number> {
  const total = scope(() => {
    const x = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { device: 'webgpu' },
    );
    return x.matmul(x.t()).exp().log().sum();
  });
  const value = await total.item();
  total.dispose();
  return value;
}

describe.skipIf(!info)('memory on webgpu', () => {
  it('returns live tensors and bytes in use to their start after disposing; freed buffers are pooled', async () => {
    const before = memory().webgpu!;
    expect(await workload()).toBeCloseTo(14 + 32 + 32 + 77, 3);
    const after = memory().webgpu!;
    expect(after.liveTensors).toBe(before.liveTensors);
    expect(after.bytesInUse).toBe(before.bytesInUse);
    expect(after.bytesPooled).toBeGreaterThan(0);
  });

  it('reuses pooled buffers, so repeating a workload does not grow the pool', async () => {
    await workload();
    const pooled = memory().webgpu!.bytesPooled;
    for (let i = 0; i < 5; i++) await workload();
    expect(memory().webgpu!.bytesPooled).toBe(pooled);
  });

  it('trimPool releases every pooled byte', async () => {
    await workload();
    trimPool();
    expect(memory().webgpu!.bytesPooled).toBe(0);
    expect(webgpuBackend()!.pooledBytes!()).toBe(0);
  });

  it('keeps the pool under its limit by destroying the oldest buffers', () => {
    const runtime = new GpuRuntime(webgpuBackend()!.runtime.device, { poolLimitBytes: 4096 });
    const buffers = [1024, 1024, 2048, 2048, 4096].map((bytes) => runtime.storagePool.acquire(bytes));
    for (const buffer of buffers) runtime.storagePool.release(buffer);
    expect(runtime.storagePool.pooledBytes).toBeLessThanOrEqual(4096);
    expect(runtime.storagePool.pooledBytes).toBe(4096);
    runtime.trimPools();
    expect(runtime.pooledBytes).toBe(0);
  });

  it('does not hand a freed buffer to a new tensor before the commands using it are submitted', async () => {
    // a is freed while the pending batch still reads it; b must not receive a's buffer and overwrite it
    const a = tensor([1, 2, 3, 4], { device: 'webgpu' });
    const doubled = a.mul(2);
    a.dispose();
    const b = tensor([100, 100, 100, 100], { device: 'webgpu' });
    expect(Array.from(await doubled.data())).toEqual([2, 4, 6, 8]);
    expect(Array.from(await b.data())).toEqual([100, 100, 100, 100]);
  });
});
