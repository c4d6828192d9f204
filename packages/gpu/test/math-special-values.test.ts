/**
 * The WGSL math helpers at their edges, against torch 1.13's float32 values from
 * tools/fixtures/gpu_special_values_reference.py: atan2 of infinities, pow with a tensor exponent by
 * C's rules, sinh and cosh just below float32's limit, −0 kept by the ops that keep it, and logarithms
 * of subnormal inputs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@dl/tensor';
import { setupWebGPU } from './webgpu-setup.js';
import { withoutFusion } from './without-fusion.js';

const info = await setupWebGPU();

interface Reference {
  atan2: { y: number[]; x: number[]; value: number[] };
  pow: { base: number[]; exponent: number[]; value: number[] };
  hyperbolic: { x: number[]; sinh: number[]; cosh: number[]; sinhGradient: number[]; coshGradient: number[] };
  negativeZero: Record<string, number>;
  subnormalLogarithms: { x: number[]; log: number[]; log2: number[]; log10: number[]; logit: number[]; xlogy: number[] };
}
const reference = JSON.parse(readFileSync(new URL('./__fixtures__/gpu_special_values.json', import.meta.url), 'utf8')) as Reference;
const fromBits = (bits: number[]) => Array.from(new Float32Array(new Uint32Array(bits).buffer));
const onDevice = (bits: number[]) => tensor(fromBits(bits), { device: 'webgpu' });

/** Zeros, infinities and NaN must match exactly (the sign of zero too); other values within `relative`. */
function sameValue(actual: number, expected: number, relative: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (expected === 0 || !Number.isFinite(expected)) return Object.is(actual, expected);
  return Math.abs(actual - expected) <= relative * Math.abs(expected);
}

/** `inputs[i]: actual, torch expected` for each value that differs. */
async function differences(result: Tensor, expectedBits: number[], inputs: string[], relative: number): Promise<string[]> {
  const actual = await result.data();
  const show = (value: number) => (Object.is(value, -0) ? '-0' : String(value));
  return fromBits(expectedBits).flatMap((expected, i) =>
    sameValue(actual[i]!, expected, relative) ? [] : [`${inputs[i]}: ${show(actual[i]!)}, torch ${show(expected)}`],
  );
}

const describeValues = (...columns: number[][]) =>
  columns[0]!.map((_, i) => `(${columns.map((column) => (Object.is(column[i], -0) ? '-0' : String(column[i]))).join(', ')})`);

describe.skipIf(!info)('webgpu math helpers at the edges of their domains', () => {
  it('atan2 of two infinities is ±π/4 or ±3π/4; y = ±0 keeps its sign', async () => {
    const { y, x, value } = reference.atan2;
    const names = describeValues(fromBits(y), fromBits(x));
    expect(await differences(onDevice(y).atan2(onDevice(x)), value, names, 1e-6)).toEqual([]);
  });

  it("pow with a tensor exponent follows C's pow: infinite and signed-zero bases, (−1)^±∞, 1^NaN", async () => {
    const { base, exponent, value } = reference.pow;
    const names = describeValues(fromBits(base), fromBits(exponent));
    expect(await differences(onDevice(base).pow(onDevice(exponent)), value, names, 1e-6)).toEqual([]);
    const unfused = await withoutFusion(() => differences(onDevice(base).pow(onDevice(exponent)), value, names, 1e-6));
    expect(unfused).toEqual([]);
  });

  it('sinh and cosh stay finite up to |x| ≈ 89.4, and so do their gradients', async () => {
    const { x, sinh, cosh, sinhGradient, coshGradient } = reference.hyperbolic;
    const names = describeValues(fromBits(x));
    expect(await differences(onDevice(x).sinh(), sinh, names, 1e-5)).toEqual([]);
    expect(await differences(onDevice(x).cosh(), cosh, names, 1e-5)).toEqual([]);
    for (const [run, expected] of [
      [(input: Tensor) => input.sinh(), sinhGradient],
      [(input: Tensor) => input.cosh(), coshGradient],
    ] as const) {
      const input = tensor(fromBits(x), { device: 'webgpu', requiresGrad: true });
      run(input).sum().backward();
      expect(await differences(input.grad!, expected, names, 1e-5)).toEqual([]);
    }
  });

  it('−0 gives −0 where torch keeps the sign: expm1, atan, asin, asinh, sinh, sin, tan, tanh, pow, atan2', async () => {
    const { powThree, atan2One, ...unary } = reference.negativeZero;
    const zero = () => tensor([-0], { device: 'webgpu' });
    const results: [string, Tensor, number][] = [
      ...Object.entries(unary).map(([op, bits]): [string, Tensor, number] => [op, (zero()[op as 'sin'] as () => Tensor)(), bits]),
      ['pow(−0, 3)', zero().pow(tensor([3], { device: 'webgpu' })), powThree!],
      ['atan2(−0, 1)', zero().atan2(tensor([1], { device: 'webgpu' })), atan2One!],
    ];
    const wrong: string[] = [];
    for (const [name, result, bits] of results) wrong.push(...(await differences(result, [bits], [name], 0)));
    expect(wrong).toEqual([]);
  });

  it('logarithms of subnormal inputs are right, or −∞ where the GPU flushes subnormals to zero', async () => {
    const { x, ...expected } = reference.subnormalLogarithms;
    const names = describeValues(fromBits(x));
    const input = () => onDevice(x);
    const results: Record<keyof typeof expected, Tensor> = {
      log: input().log(),
      log2: input().log2(),
      log10: input().log10(),
      logit: input().logit(),
      xlogy: tensor([2.5], { device: 'webgpu' }).xlogy(input()),
    };
    for (const [op, result] of Object.entries(results) as [keyof typeof expected, Tensor][]) {
      const values = await result.data();
      const wrong = fromBits(expected[op]).flatMap((want, i) => {
        const flushed = values[i] === -Infinity;
        return flushed || sameValue(values[i]!, want, 1e-6) ? [] : [`${op}${names[i]}: ${values[i]}, torch ${want}`];
      });
      expect(wrong).toEqual([]);
    }
  });
});
