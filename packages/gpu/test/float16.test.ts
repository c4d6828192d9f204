/**
 * float16 on webgpu: binary16 storage (two elements per word), float32 arithmetic. The WGSL
 * conversions are checked against numpy's astype(float16) and the products against torch, both from
 * tools/fixtures/float16_reference.py; elementwise chains against the same ops rounded on the host.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cat, float16Bits, float16Value, memory, roundToFloat16, type Tensor, tensor, toDeviceAsync } from '@dl/tensor';
import { parseSafetensors, serializeSafetensors } from '@dl/nn';
import { setupWebGPU } from './webgpu-setup.js';
import { withoutFusion } from './without-fusion.js';

const info = await setupWebGPU();

interface Operand {
  shape: number[];
  bits: number[];
}
const reference = JSON.parse(readFileSync(new URL('../../tensor/test/__fixtures__/float16-reference.json', import.meta.url), 'utf8')) as {
  conversions: { float32: number[]; float16: number[] };
  matmuls: { name: string; a: Operand; b: Operand; transposeA: boolean; transposeB: boolean; output: Operand }[];
};

const isHalfNaN = (bits: number) => (bits & 0x7c00) === 0x7c00 && (bits & 0x3ff) !== 0;
/** binary16 bits of each value read back from a float16 tensor (exact: the read widens exactly). */
async function halfBitsOf(x: Tensor): Promise<number[]> {
  expect(x.dtype).toBe('float16');
  return Array.from(await x.data(), float16Bits);
}
const halfTensor = ({ shape, bits }: Operand) => tensor(bits.map(float16Value), { dtype: 'float16', device: 'webgpu' }).reshape(...shape);

describe.skipIf(!info)('float16 tensors on webgpu', () => {
  it('round float32 to the binary16 bits numpy gives, in the cast kernel as in the upload', async () => {
    const { float32, float16 } = reference.conversions;
    const values = Array.from(new Float32Array(new Uint32Array(float32).buffer));
    const cast = await halfBitsOf(tensor(values, { device: 'webgpu' }).half());
    const uploaded = await halfBitsOf(tensor(values, { dtype: 'float16', device: 'webgpu' }));
    const wrong = float16.flatMap((expected, i) =>
      [cast[i]!, uploaded[i]!].some((actual) => (isHalfNaN(expected) ? !isHalfNaN(actual) : actual !== expected))
        ? [`${values[i]}: cast ${cast[i]!.toString(16)}, upload ${uploaded[i]!.toString(16)}, numpy ${expected.toString(16)}`]
        : [],
    );
    expect(wrong).toEqual([]);
  });

  it('widen every finite binary16 value exactly to float32', async () => {
    const finite = Array.from({ length: 0x10000 }, (_, bits) => bits).filter((bits) => (bits & 0x7c00) !== 0x7c00);
    const values = finite.map(float16Value);
    const widened = tensor(values, { dtype: 'float16', device: 'webgpu' }).float();
    expect(widened.dtype).toBe('float32');
    const read = await widened.data();
    expect(Array.from(read, (value, i) => Object.is(value, values[i]))).not.toContain(false);
  });

  it('take half the bytes of float32 and read any range, odd offsets and views included', async () => {
    const before = memory().webgpu!.bytesInUse;
    const values = Array.from({ length: 15 }, (_, i) => (i - 7) / 3);
    const x = tensor(values, { dtype: 'float16', device: 'webgpu' });
    expect(memory().webgpu!.bytesInUse - before).toBe(30);
    const rounded = values.map(roundToFloat16);
    expect(Array.from(await x.data())).toEqual(rounded);
    expect(Array.from(await x.slice(0, 3, 8).data())).toEqual(rounded.slice(3, 8));
    expect(Array.from(await x.reshape(3, 5).t().data())).toEqual([0, 1, 2, 3, 4].flatMap((j) => [0, 1, 2].map((i) => rounded[i * 5 + j])));
    expect(Array.from(await x.flip([0]).data())).toEqual([...rounded].reverse());
    expect(await x.slice(0, 5, 6).item()).toBe(rounded[5]);
  });

  it('write into strided outputs without touching the neighbouring halves (cat along either axis)', async () => {
    const left = Array.from({ length: 9 }, (_, i) => roundToFloat16(i / 7));
    const right = Array.from({ length: 6 }, (_, i) => roundToFloat16(-i / 3));
    const a = tensor(left, { dtype: 'float16', device: 'webgpu' }).reshape(3, 3);
    const b = tensor(right, { dtype: 'float16', device: 'webgpu' }).reshape(3, 2);
    // along axis 1 each row of the [3, 5] result takes 3 elements of a and 2 of b: odd runs, shared words
    const rows = [0, 1, 2].map((row) => [...left.slice(row * 3, row * 3 + 3), ...right.slice(row * 2, row * 2 + 2)]);
    expect(await cat([a, b], 1).toArray()).toEqual(rows);
    expect(Array.from(await cat([a.reshape(9), b.reshape(6)]).data())).toEqual([...left, ...right]);
  });

  it('compute elementwise chains in float32 and round each result to float16, fused or not', async () => {
    // 10,001 elements: odd, so the last word is half used, and neighbours share words in every kernel
    const count = 10001;
    const a = Array.from({ length: count }, (_, i) => roundToFloat16(Math.sin(i) * 300));
    const b = Array.from({ length: count }, (_, i) => roundToFloat16(Math.cos(i * 0.7) * 2));
    const expected = a.map((value, i) => Math.max(0, roundToFloat16(roundToFloat16(value * b[i]!) + 1)));
    const run = () => {
      const left = tensor(a, { dtype: 'float16', device: 'webgpu' });
      const right = tensor(b, { dtype: 'float16', device: 'webgpu' });
      return left.mul(right).add(1).relu();
    };
    const fused = run();
    const unfused = withoutFusion(run);
    expect(fused.dtype).toBe('float16');
    const expectedBits = expected.map(float16Bits);
    expect(await halfBitsOf(fused)).toEqual(expectedBits);
    expect(await halfBitsOf(unfused)).toEqual(expectedBits);
  });

  it('promote as torch does: float16 with float32 gives float32, with an int or a number stays float16', async () => {
    const half = tensor([1.5, -2.25, 1000.1], { dtype: 'float16', device: 'webgpu' });
    const single = tensor([0.1, 0.2, 0.3], { device: 'webgpu' });
    const sum = half.add(single);
    expect(sum.dtype).toBe('float32');
    expect(Array.from(await sum.data())).toEqual(
      [1.5, -2.25, 1000].map((value, i) => Math.fround(value + Math.fround([0.1, 0.2, 0.3][i]!))),
    );
    const scaled = half.mul(tensor([3, 3, 3], { dtype: 'int32', device: 'webgpu' })).mul(0.1);
    expect(scaled.dtype).toBe('float16');
    expect(Array.from(await scaled.data())).toEqual(
      [1.5, -2.25, 1000].map((value) => roundToFloat16(Math.fround(value * 3) * Math.fround(0.1))),
    );
  });

  for (const fixture of reference.matmuls) {
    it(`multiplies float16 matrices with float32 accumulation like torch: ${fixture.name}`, async () => {
      const a = halfTensor(fixture.a);
      const b = halfTensor(fixture.b);
      const left = fixture.transposeA ? a.transpose(-1, -2) : a;
      const right = fixture.transposeB ? b.transpose(-1, -2) : b;
      const product = left.matmul(right);
      expect(product.dtype).toBe('float16');
      expect(product.shape).toEqual(fixture.output.shape);
      const actual = await halfBitsOf(product);
      // torch sums in another order: the float32 sums may differ in their last bits, which can move the
      // float16 rounding by one unit; within that the results are the same
      const apart = actual.map((bits, i) => Math.abs(bits - fixture.output.bits[i]!));
      expect(Math.max(...apart)).toBeLessThanOrEqual(1);
      expect(apart.filter((distance) => distance === 0).length / apart.length).toBeGreaterThan(0.97);
    });
  }

  it('fuses a bias and ReLU into the float16 product, rounding as the separate kernels do', async () => {
    const x = halfTensor(reference.matmuls[1]!.a);
    const w = halfTensor(reference.matmuls[1]!.b);
    const bias = tensor(
      Array.from({ length: 9 }, (_, i) => (i - 4) * 0.37),
      { dtype: 'float16', device: 'webgpu' },
    );
    const run = () => x.matmul(w).add(bias).relu();
    expect(await halfBitsOf(run())).toEqual(await halfBitsOf(withoutFusion(run)));
  });

  it("saves float16 tensors to safetensors as F16, PyTorch's layout for torch.float16", async () => {
    const values = [0.1, -2, 65504, 1e-7, 3];
    const bytes = await serializeSafetensors({ weight: tensor(values, { dtype: 'float16', device: 'webgpu' }).reshape(5, 1) });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
    expect(header.weight).toEqual({ dtype: 'F16', shape: [5, 1], data_offsets: [0, 10] });
    const stored = new Uint16Array(bytes.slice(8 + headerLength).buffer);
    expect(Array.from(stored)).toEqual(values.map(float16Bits));
    expect(Array.from(parseSafetensors(bytes).tensors.weight!.dataSync())).toEqual(values.map(roundToFloat16));
  });

  it('refuses the kernels that do not read float16, when the op is called, naming it and the cast', async () => {
    const half = tensor([1, 2, 3, 4], { dtype: 'float16', device: 'webgpu' });
    expect(() => half.sum()).toThrow(
      /webgpu reduce sum: float16 tensors \(f16 storage, float32 arithmetic\) support .*cast with \.float\(\) before reduce sum/,
    );
    expect(() => half.cumsum(0)).toThrow(/webgpu cumsum: float16/);
    await expect(toDeviceAsync(half, 'cpu')).rejects.toThrow(/cpu allocate: float16 tensors \(4 elements\) live on the webgpu device only/);
    expect(Array.from(await half.float().sum().data())).toEqual([10]);
  });
});
