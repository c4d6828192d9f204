/**
 * sin, cos, tan and sinc on webgpu at arguments of every float32 magnitude, against torch 1.13's float32
 * values from tools/fixtures/gpu_trigonometry_reference.py. The kernel reduces x by π/2 itself: a
 * Cody–Waite reduction is only exact for small |x|, so beyond it the bits of 2/π are multiplied out
 * (Payne–Hanek); wrong bits there show as wrong values beyond ~1e4 and absurd ones (|sin x| ≫ 1)
 * where the quadrant overflows an i32.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@dl/tensor';
import { setupWebGPU } from './webgpu-setup.js';
import { withoutFusion } from './without-fusion.js';

const info = await setupWebGPU();

const reference = JSON.parse(readFileSync(new URL('./__fixtures__/gpu_trigonometry.json', import.meta.url), 'utf8')) as Record<
  string,
  number[]
>;
const fromBits = (bits: number[]) => Array.from(new Float32Array(new Uint32Array(bits).buffer));
const inputs = fromBits(reference.inputs!);

/**
 * Each value must be within `absolute` + `relative`·|expected| of torch's; where torch's is below 1e-3
 * and the argument is beyond the fast path (|x| ≥ 8192), within `relative` of it, so that a reduced
 * argument that lost its low bits (near a multiple of π/2) shows. Returns the misses, described.
 */
function misses(arguments_: number[], actual: ArrayLike<number>, expected: number[], relative: number, absolute: number): string[] {
  return expected.flatMap((want, i) => {
    const got = actual[i]!;
    const tiny = Math.abs(want) < 1e-3 && Math.abs(arguments_[i]!) >= 8192;
    const allowed = tiny ? relative * Math.abs(want) : absolute + relative * Math.abs(want);
    const close = Number.isNaN(want) ? Number.isNaN(got) : Math.abs(got - want) <= allowed;
    return close ? [] : [`x = ${arguments_[i]}: ${got}, torch ${want}`];
  });
}

async function valuesOf(x: Tensor): Promise<Float32Array> {
  return (await x.data()) as Float32Array;
}

describe.skipIf(!info)('sin, cos, tan and sinc on webgpu at large arguments', () => {
  it('sin and cos match torch from 1e-3 to the largest float32, near multiples of π/2 too', async () => {
    const x = tensor(inputs, { device: 'webgpu' });
    expect(misses(inputs, await valuesOf(x.sin()), fromBits(reference.sin!), 1e-5, 1e-6)).toEqual([]);
    expect(misses(inputs, await valuesOf(x.cos()), fromBits(reference.cos!), 1e-5, 1e-6)).toEqual([]);
  });

  it('tan matches torch to a relative 1e-5, unfused as fused', async () => {
    const expected = fromBits(reference.tan!);
    const fused = await valuesOf(tensor(inputs, { device: 'webgpu' }).tan());
    expect(misses(inputs, fused, expected, 1e-5, 1e-6)).toEqual([]);
    const unfused = await withoutFusion(() => valuesOf(tensor(inputs, { device: 'webgpu' }).tan()));
    expect(misses(inputs, unfused, expected, 1e-5, 1e-6)).toEqual([]);
  });

  it('int32 arguments up to ±2³¹ are cast to float32 and reduced as exactly', async () => {
    const integers = tensor(reference.integers!, { dtype: 'int32', device: 'webgpu' });
    const asFloats = Array.from(new Float32Array(reference.integers!));
    expect(misses(asFloats, await valuesOf(integers.sin()), fromBits(reference.integerSin!), 1e-5, 1e-6)).toEqual([]);
    expect(misses(asFloats, await valuesOf(integers.cos()), fromBits(reference.integerCos!), 1e-5, 1e-6)).toEqual([]);
  });

  it('the gradients of sin and cos (cos and −sin of the argument) match torch', async () => {
    const points = fromBits(reference.gradientInputs!);
    const upstream = tensor(fromBits(reference.upstream!), { device: 'webgpu' });
    for (const [name, run] of [
      ['sinGradient', (x: Tensor) => x.sin()],
      ['cosGradient', (x: Tensor) => x.cos()],
    ] as const) {
      const x = tensor(points, { device: 'webgpu', requiresGrad: true });
      run(x).backward(upstream);
      const expected = fromBits(reference[name]!);
      expect(misses(points, await valuesOf(x.grad!), expected, 1e-5, 2e-6), name).toEqual([]);
    }
  });

  it('sinc and its gradient match torch where πx is large', async () => {
    const points = fromBits(reference.sincInputs!);
    const x = tensor(points, { device: 'webgpu', requiresGrad: true });
    const value = x.sinc();
    value.sum().backward();
    // sinc x ≈ sin(πx)/(πx) and its gradient ≈ cos(πx)/x: relative to 1/(πx), where the sine is O(1)
    const scaled = (values: ArrayLike<number>) => Array.from(values, (v, i) => v * Math.PI * points[i]!);
    const noArguments = points.map(() => 0);
    expect(misses(noArguments, scaled(await valuesOf(value)), scaled(fromBits(reference.sinc!)), 1e-5, 1e-6)).toEqual([]);
    expect(misses(noArguments, scaled(await valuesOf(x.grad!)), scaled(fromBits(reference.sincGradient!)), 1e-5, 1e-5)).toEqual([]);
  });
});
