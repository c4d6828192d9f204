import { describe, expect, it } from 'vitest';
import { fold, tensor, unfold, type Tensor } from '@dl/tensor';
import { assertClose } from '@dl/tensor/testing';
import { webgpuBackend } from '../src/index.js';
import { setupWebGPU } from './webgpu-setup.js';
import { withoutFusion } from './without-fusion.js';

const info = await setupWebGPU();

/** The same function on the CPU and on webgpu must agree (exactly unless a tolerance is given). */
async function agree(values: number[], shape: number[], run: (x: Tensor) => Tensor, rtol = 0, atol = 0): Promise<void> {
  const expected = run(tensor(values, { shape }));
  const actual = run(tensor(values, { shape, device: 'webgpu' }));
  await assertClose(actual, expected, { rtol, atol });
}

const spread = (count: number, low: number, high: number) =>
  Array.from({ length: count }, (_, i) => low + ((high - low) * i) / (count - 1));

describe.skipIf(!info)('webgpu kernels beyond the conformance cases', () => {
  it('math functions stay within float32 accuracy over wide ranges', async () => {
    const wide = spread(97, -30, 30);
    await agree(wide, [97], (x) => x.sin(), 1e-5, 2e-6);
    await agree(wide, [97], (x) => x.cos(), 1e-5, 2e-6);
    await agree(wide, [97], (x) => x.tanh(), 1e-5, 1e-7);
    await agree(spread(81, -6, 6), [81], (x) => x.erf(), 1e-5, 1e-7);
    const small = [-1e-7, -3e-6, 1e-6, 2e-4, -0.3, 0.7, 5];
    await agree(small, [7], (x) => x.expm1(), 1e-5, 0);
    await agree(small.map(Math.abs), [7], (x) => x.log1p(), 1e-5, 0);
    await agree([1e-30, 1e-3, 0.9999, 1, 1.0001, 1.5, 7, 1e30], [8], (x) => x.log(), 1e-6, 0);
  });

  it('pow follows Math.pow: negative bases with integer exponents, 0⁰ = 1, NaN otherwise', async () => {
    const a = tensor([-2, -2, -2, 0, 0, 3, -1.5, 2]);
    const b = tensor([3, 2, 0.5, 0, -1, -2, 2, 0.5]);
    const expected = a.pow(b);
    await assertClose(a.to('webgpu').pow(b.to('webgpu')), expected, { rtol: 1e-6 });
    const ints = tensor([2, -3, 5, 1, -1, 7], { dtype: 'int32' });
    const exponents = tensor([10, 3, 0, -2, -3, -1], { dtype: 'int32' });
    expect(Array.from(await ints.to('webgpu').pow(exponents.to('webgpu')).data())).toEqual(Array.from(ints.pow(exponents).dataSync()));
  });

  it('comparisons, maximum and isnan treat NaN as IEEE does', async () => {
    const values = [NaN, 1, -Infinity, 2, NaN];
    const others = [1, NaN, 0, 2, NaN];
    const cpu = [tensor(values), tensor(others)] as const;
    const gpu = [cpu[0].to('webgpu'), cpu[1].to('webgpu')] as const;
    for (const op of ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'maximum', 'minimum'] as const)
      await assertClose(gpu[0][op](gpu[1]), cpu[0][op](cpu[1]), { equalNan: true });
    await assertClose(gpu[0].isnan(), cpu[0].isnan());
    // PyTorch: NaN is nonzero, so logical_not(NaN) is False
    expect(Array.from(await gpu[0].logicalNot().data())).toEqual([0, 0, 0, 0, 0]);
  });

  it('max/argmax: NaN wins, ties keep the first index, rows longer than a workgroup', async () => {
    const row = Array.from({ length: 200 }, (_, i) => (i % 50 === 7 ? 9 : Math.sin(i)));
    const withNan = [...row.slice(0, 130), NaN, ...row.slice(131)];
    const values = [...row, ...withNan, ...row.map((v) => -v)];
    for (const run of [(x: Tensor) => x.amax(1), (x: Tensor) => x.argmax(1), (x: Tensor) => x.amin(1), (x: Tensor) => x.argmin(1)])
      await agree(values, [3, 200], run);
    await agree(values, [3, 200], (x) => x.sum(1), 1e-5, 1e-5);
  });

  it('sums and products of empty rows are 0 and 1; int32 sums stay exact', async () => {
    await agree([], [3, 0], (x) => x.sum(1));
    await agree([], [3, 0], (x) => x.prod(1));
    const big = [2 ** 30, 2 ** 30 - 1, -5, 7];
    const cpu = tensor(big, { dtype: 'int32' });
    expect(await cpu.to('webgpu').sum().item()).toBe(cpu.sum().itemSync());
  });

  it('matmul beyond one tile, every transpose combination, broadcast batch', async () => {
    const a = Array.from({ length: 2 * 37 * 29 }, (_, i) => Math.cos(i));
    const b = Array.from({ length: 29 * 23 }, (_, i) => Math.sin(i * 0.7));
    const pairs: [(x: Tensor) => Tensor, (y: Tensor) => Tensor][] = [
      [(x) => x, (y) => y],
      [(x) => x.transpose(1, 2).contiguous().transpose(1, 2), (y) => y],
      [(x) => x, (y) => y.t().contiguous().t()],
      [(x) => x.transpose(1, 2).contiguous().transpose(1, 2), (y) => y.t().contiguous().t()],
    ];
    for (const [prepareA, prepareB] of pairs) {
      const expected = prepareA(tensor(a, { shape: [2, 37, 29] })).matmul(prepareB(tensor(b, { shape: [29, 23] })));
      const actual = prepareA(tensor(a, { shape: [2, 37, 29], device: 'webgpu' })).matmul(
        prepareB(tensor(b, { shape: [29, 23], device: 'webgpu' })),
      );
      await assertClose(actual, expected, { rtol: 1e-5, atol: 1e-5 });
    }
  });

  it('fold sums overlapping windows (col2im as a gather)', async () => {
    const image = Array.from({ length: 2 * 3 * 5 * 6 }, (_, i) => (i % 7) - 3);
    const roundTrip = (x: Tensor) =>
      fold(unfold(x, [3, 2], { stride: [1, 2], padding: [1, 0], dilation: [2, 1] }), [5, 6], [3, 2], {
        stride: [1, 2],
        padding: [1, 0],
        dilation: [2, 1],
      });
    await agree(image, [2, 3, 5, 6], roundTrip);
  });

  it('scatterAdd accumulates repeated indices; gather reads negative-free indices along any axis', async () => {
    const index = tensor(
      [
        [0, 0, 2, 0],
        [2, 2, 2, 1],
        [0, 0, 0, 0],
      ],
      { dtype: 'int32' },
    );
    const source = tensor(
      Array.from({ length: 12 }, (_, i) => i + 0.5),
      { shape: [3, 4] },
    );
    const base = tensor(
      Array.from({ length: 12 }, (_, i) => -i),
      { shape: [3, 4] },
    );
    const expected = base.scatterAdd(0, index, source);
    const actual = base.to('webgpu').scatterAdd(0, index.to('webgpu'), source.to('webgpu'));
    await assertClose(actual, expected);
    const along1 = tensor(
      [
        [3, 3],
        [0, 1],
        [2, 2],
      ],
      { dtype: 'int32' },
    );
    await assertClose(base.to('webgpu').gather(1, along1.to('webgpu')), base.gather(1, along1));
    await assertClose(base.to('webgpu').scatterAdd(1, along1.to('webgpu'), source.to('webgpu')), base.scatterAdd(1, along1, source));
  });

  it('cumsum of rows, int32 and float32', async () => {
    await agree([1, 2, 3, 4, 5, 6], [2, 3], (x) => x.cumsum(1));
    await agree([1, 2, 3, 4, 5, 6], [2, 3], (x) => x.int().cumsum(0));
  });

  it('launches more workgroups than one grid dimension holds (2-D folding)', async () => {
    const count = 65535 * 64 + 100;
    const x = tensor(new Float32Array(count).fill(1.5), { device: 'webgpu' });
    const y = await x.add(1).data();
    expect(y.length).toBe(count);
    expect(y[0]).toBe(2.5);
    expect(y[count - 1]).toBe(2.5);
    expect(y.every((value) => value === 2.5)).toBe(true);
  });

  it('batches dispatches into few submits and caches pipelines', async () => {
    const runtime = webgpuBackend()!.runtime;
    const x = tensor([1, 2, 3], { device: 'webgpu' });
    await x.exp().data();
    const before = { ...runtime.statistics };
    // unfused, so that the five ops are five dispatches
    const y = withoutFusion(() => x.exp().mul(x).add(x).neg().exp());
    await y.data();
    const after = runtime.statistics;
    expect(after.dispatches - before.dispatches).toBeGreaterThanOrEqual(5);
    expect(after.submits - before.submits).toBe(1);
    const compiled = after.compiles;
    await withoutFusion(() => x.exp().mul(x).add(x).neg().exp()).data();
    expect(runtime.statistics.compiles).toBe(compiled);
  });

  it('a broken shader fails the next read loudly instead of yielding zeros', async () => {
    const backend = webgpuBackend()!;
    const buffer = backend.allocate('float32', 4);
    backend.runtime.dispatch({
      label: 'deliberately broken',
      source:
        '@group(0) @binding(0) var<storage, read_write> o: array<f32>;\n@compute @workgroup_size(1) fn main() { o[0] = missing_name; }',
      bindings: [{ buffer: (buffer as { buffer: GPUBuffer }).buffer, access: 'read-write' }],
      workgroups: [1, 1, 1],
    });
    await expect(backend.read(buffer, 'float32', 0, 4)).rejects.toThrow(/missing_name/);
    backend.free(buffer);
    // the device stays usable afterwards
    expect(Array.from(await tensor([1, 2], { device: 'webgpu' }).mul(3).data())).toEqual([3, 6]);
  });
});
