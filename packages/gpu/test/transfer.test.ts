import { describe, expect, it } from 'vitest';
import { noGrad, tensor, toDeviceAsync, type DType } from '@dl/tensor';
import { webgpuBackend } from '../src/index.js';
import { setupWebGPU } from './webgpu-setup.js';

const info = await setupWebGPU();

const samples: Record<Exclude<DType, 'float64' | 'float16'>, number[]> = {
  float32: [1.5, -0, NaN, Infinity, -Infinity, 3.4e38, 1e-45, -2.25],
  int32: [0, -1, 2147483647, -2147483648, 123456789, 7],
  bool: [1, 0, 0, 1, 1, 0, 1],
};

describe.skipIf(!info)('uploads and downloads on webgpu', () => {
  for (const [dtype, values] of Object.entries(samples) as [Exclude<DType, 'float64' | 'float16'>, number[]][]) {
    it(`round-trips ${dtype} values exactly`, async () => {
      const onGpu = tensor(values, { dtype, device: 'webgpu' });
      expect(onGpu.device).toBe('webgpu');
      const back = await onGpu.data();
      expect(back.constructor).toBe(tensor(values, { dtype }).dataSync().constructor);
      expect(Array.from(back)).toEqual(Array.from(tensor(values, { dtype }).dataSync()));
      const returned = await toDeviceAsync(onGpu, 'cpu');
      expect(returned.toArraySync()).toEqual(tensor(values, { dtype }).toArraySync());
    });

    it(`round-trips empty ${dtype} tensors`, async () => {
      const empty = tensor([], { dtype, device: 'webgpu' }).reshape(0, 3);
      expect(empty.shape).toEqual([0, 3]);
      expect((await empty.data()).length).toBe(0);
      expect(await empty.toArray()).toEqual([]);
    });

    it(`reads non-contiguous ${dtype} views (transposed, sliced, flipped)`, async () => {
      const base = Array.from({ length: 12 }, (_, i) => values[i % values.length]!);
      const cpu = tensor(base, { dtype }).reshape(3, 4);
      const gpu = tensor(base, { dtype, device: 'webgpu' }).reshape(3, 4);
      const views = [
        (x: typeof cpu) => x.t(),
        (x: typeof cpu) => x.slice(1, 1, 4, 2),
        (x: typeof cpu) => x.flip([0, 1]),
        (x: typeof cpu) => x.select(0, 2),
      ];
      for (const view of views) expect(await view(gpu).toArray()).toEqual(view(cpu).toArraySync());
    });
  }

  it('reads a scalar with item()', async () => {
    expect(await tensor(2.5, { device: 'webgpu' }).item()).toBe(2.5);
    expect(
      await tensor([[3]], { dtype: 'int32', device: 'webgpu' })
        .sum()
        .item(),
    ).toBe(3);
  });

  it('converts between dtypes with the copy kernel as the CPU does', async () => {
    const values = [1.9, -1.9, 0, -0, NaN, 2.5, 1e9];
    for (const [from, to] of [
      ['float32', 'int32'],
      ['float32', 'bool'],
      ['int32', 'float32'],
      ['int32', 'bool'],
      ['bool', 'float32'],
      ['bool', 'int32'],
    ] as const) {
      const cpu = tensor(values, { dtype: 'float32' }).to(from).to(to);
      const gpu = tensor(values, { dtype: 'float32', device: 'webgpu' }).to(from).to(to);
      expect(Array.from(await gpu.data()), `${from} → ${to}`).toEqual(Array.from(cpu.dataSync()));
    }
  });

  it('writes into strided output views (copy_ into a transposed view, cat, pad)', async () => {
    const cpu = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const gpu = cpu.to('webgpu');
    const targetCpu = tensor([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    const targetGpu = targetCpu.to('webgpu');
    noGrad(() => {
      targetCpu.t().copy_(cpu);
      targetGpu.t().copy_(gpu);
    });
    expect(await targetGpu.toArray()).toEqual(targetCpu.toArraySync());
    const { cat, pad } = await import('@dl/tensor');
    expect(await cat([gpu, gpu.flip(0)], 1).toArray()).toEqual(cat([cpu, cpu.flip(0)], 1).toArraySync());
    expect(await pad(gpu, [1, 2, 2, 0], -1).toArray()).toEqual(pad(cpu, [1, 2, 2, 0], -1).toArraySync());
  });

  it('copies a view of a tensor into that same tensor (aliased input and output)', async () => {
    // PyTorch: x.copy_(x.flip(0)) reverses x. The input is read from a snapshot, since WebGPU may not
    // bind one buffer as both read and read-write storage in a dispatch.
    const gpu = tensor([1, 2, 3, 4, 5], { device: 'webgpu' });
    noGrad(() => gpu.copy_(gpu.flip(0)));
    expect(await gpu.toArray()).toEqual([5, 4, 3, 2, 1]);
  });

  it('refuses float64 with a clear error at allocation', () => {
    expect(() => tensor([1, 2], { dtype: 'float64', device: 'webgpu' })).toThrow(/float64 is not supported on WebGPU/);
    expect(() => webgpuBackend()!.allocate('float64', 4)).toThrow(/float64/);
  });

  it('refuses to read synchronously and points at data()', () => {
    const gpu = tensor([1], { device: 'webgpu' });
    expect(() => gpu.dataSync()).toThrow(/await t.data\(\)/);
  });
});

describe.skipIf(!info)('a gradient assigned across devices', () => {
  it("refuses a CPU gradient for a webgpu tensor, as torch's different-device check", () => {
    const weight = tensor([1, 2], { device: 'webgpu', requiresGrad: true });
    expect(() => {
      weight.grad = tensor([0, 0]);
    }).toThrow("grad: assigned grad has data located on a different device: 'cpu', the tensor's is 'webgpu'");
    weight.grad = tensor([0, 0], { device: 'webgpu' });
    expect(weight.grad?.device).toBe('webgpu');
  });
});
