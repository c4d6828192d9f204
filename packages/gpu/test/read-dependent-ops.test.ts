// Ops whose result shape depends on the values read them, which 'webgpu' can only do asynchronously:
// nonzero, unique and bincount on webgpu failed with "dataSync: device 'webgpu' reads asynchronously"
// (naming neither the op nor the way out). And random samples in float16 (torch's
// randn(..., dtype=torch.half, device='cuda')) were refused as "dtype must be floating point".
import { describe, expect, it } from 'vitest';
import { manualSeed, nonzero, rand, randn, tensor, unique } from '@dl/tensor';
import { setupWebGPU } from './webgpu-setup.js';

const info = await setupWebGPU();

describe.skipIf(!info)('value-dependent ops on webgpu name themselves', () => {
  const labels = () => tensor([1, 0, 1], { dtype: 'int32' }).to('webgpu');

  it('nonzero points to nonzeroAsync', () => {
    expect(() => nonzero(labels())).toThrow("nonzero: the input is on 'webgpu', which reads asynchronously; use await nonzeroAsync(x)");
  });

  it('unique and bincount say to move the tensor first', () => {
    expect(() => unique(labels())).toThrow(/^unique: the input is on 'webgpu'.*await t\.toAsync\('cpu'\)/);
    expect(() => labels().bincount()).toThrow(/^bincount: the input is on 'webgpu'/);
    const cpuLabels = tensor([1, 0, 1], { dtype: 'int32' });
    expect(() => cpuLabels.bincount({ weights: tensor([1, 2, 3]).to('webgpu') })).toThrow(
      /^bincount: the weights are on|^bincount: the weights is on/,
    );
  });
});

describe.skipIf(!info)('float16 random samples on webgpu', () => {
  it('randn and rand in float16 are the float32 draws of the same seed rounded once', async () => {
    for (const draw of [randn, rand]) {
      manualSeed(7);
      const wide = draw([257], { device: 'webgpu', dtype: 'float32' });
      manualSeed(7);
      const half = draw([257], { device: 'webgpu', dtype: 'float16' });
      expect(half.dtype).toBe('float16');
      expect([...(await half.float().data())]).toEqual([...(await wide.half().float().data())]);
    }
  });

  it('on the CPU, float16 is still refused with the CPU float16 message', () => {
    expect(() => randn([2], { dtype: 'float16' })).toThrow(/float16/);
  });
});
