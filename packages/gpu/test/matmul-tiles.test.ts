import { describe, it } from 'vitest';
import { manualSeed, matmul, randn, type Tensor } from '@dl/tensor';
import { assertClose } from '@dl/tensor/testing';
import { setupWebGPU } from './webgpu-setup.js';

const info = await setupWebGPU();

/** op(A) · op(B) on both devices; A is [m, k] (stored [k, m] when transposed), B is [k, n] ([n, k]). */
async function agree(m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, batch: number[] = []): Promise<void> {
  manualSeed(m * 1000 + k * 10 + n);
  const left = randn([...batch, ...(transposeA ? [k, m] : [m, k])]);
  const right = randn([...batch, ...(transposeB ? [n, k] : [k, n])]);
  const product = (a: Tensor, b: Tensor) => matmul(transposeA ? a.transpose(-1, -2) : a, transposeB ? b.transpose(-1, -2) : b);
  const expected = product(left, right);
  const actual = product(left.to('webgpu'), right.to('webgpu'));
  await assertClose(actual, expected, { rtol: 1e-4, atol: 1e-4 * Math.sqrt(k) });
}

describe.skipIf(!info)('tiled matmul on webgpu: odd shapes, transposes, batches, skinny and split-K', () => {
  const sizes = [1, 3, 17, 65];
  for (const m of sizes)
    for (const n of sizes)
      it(`[${m}, 17] · [17, ${n}] and [${m}, 65] · [65, ${n}], all four transposes`, async () => {
        for (const k of [17, 65])
          for (const transposeA of [false, true]) for (const transposeB of [false, true]) await agree(m, k, n, transposeA, transposeB);
      });

  it('vec4 loads: every extent a multiple of 4, with and without transposes', async () => {
    for (const transposeA of [false, true]) for (const transposeB of [false, true]) await agree(68, 36, 72, transposeA, transposeB);
  });

  it('skinny products (M or N ≤ 16 against a long other side)', async () => {
    await agree(5, 40, 150, false, false);
    await agree(150, 40, 7, false, true);
    await agree(16, 33, 100, true, false);
  });

  it('split-K: a small output over a long k (sliced, then summed in order)', async () => {
    await agree(8, 4100, 12, false, false);
    await agree(20, 2048, 4, true, true);
  });

  it('batched, and with a broadcast operand (batch stride 0)', async () => {
    await agree(9, 13, 7, false, true, [3]);
    manualSeed(1);
    const left = randn([2, 3, 6, 5]);
    const right = randn([5, 4]);
    await assertClose(matmul(left.to('webgpu'), right.to('webgpu')), matmul(left, right), { rtol: 1e-5, atol: 1e-5 });
  });
});
