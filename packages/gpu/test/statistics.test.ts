import { describe, expect, it } from 'vitest';
import { zeros } from '@dl/tensor';
import { resetPeakBytes, statistics, trimPool } from '../src/index.js';
import { setupWebGPU } from './webgpu-setup.js';

const info = await setupWebGPU();

describe.skipIf(!info)('statistics() of the webgpu device', () => {
  it('counts dispatches per kernel and the bytes held on the device, with their peak', async () => {
    trimPool();
    resetPeakBytes();
    const start = statistics()!;
    expect(start.peakBytesOnDevice).toBe(start.bytesOnDevice);
    const x = zeros([1 << 20], { device: 'webgpu' }); // 4 MiB
    const y = x.add(1);
    await y.data();
    const during = statistics()!;
    expect(during.dispatches).toBeGreaterThan(start.dispatches);
    expect(during.submits).toBeGreaterThan(start.submits);
    // alone 'binary add'; fused with the fill of zeros, a 'fused ... + binary add' kernel
    expect(Object.keys(during.dispatchesByKernel).some((kernel) => kernel.includes('binary add'))).toBe(true);
    expect(during.bytesOnDevice - start.bytesOnDevice).toBeGreaterThanOrEqual(8 * 2 ** 20);
    x.dispose();
    y.dispose();
    trimPool(); // the freed buffers are destroyed: the bytes drop, the peak stays until reset
    const after = statistics()!;
    expect(after.bytesOnDevice).toBeLessThan(during.bytesOnDevice);
    expect(after.peakBytesOnDevice).toBeGreaterThanOrEqual(during.bytesOnDevice);
    resetPeakBytes();
    expect(statistics()!.peakBytesOnDevice).toBe(after.bytesOnDevice);
  });
});
