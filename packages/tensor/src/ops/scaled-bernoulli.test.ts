import { describe, expect, it } from 'vitest';
import { getRngState, manualSeed, philoxUniform, reserveRandom, scaledBernoulli } from '../index.js';
import { withoutFused } from '../cpu/without-fused.js';

/** where(u < float32(p), float(scale), 0) from the draw's own Philox numbers: the closed form. */
function expected(size: number, seed: bigint, offset: bigint, probability: number, scale: number): number[] {
  const draws = new Float32Array(size);
  philoxUniform(draws, seed, offset);
  return Array.from(draws, (u) => (u < Math.fround(probability) ? scale : 0));
}

describe('scaledBernoulli', () => {
  const cases: [number, number][] = [
    [0.75, 4 / 3],
    [0.1, 10],
    [0.5, 2],
    [0, 7],
    [1, 3],
    [0.3, -2],
    [0.6, Infinity],
  ];
  for (const dtype of ['float32', 'float64'] as const)
    for (const [probability, scale] of cases)
      it(`fused and composite give the closed form: ${dtype}, p = ${probability}, scale ${scale}`, () => {
        const size = 4 * 1024 + 6; // crosses a Philox chunk, ends in a partial block
        const rounded = dtype === 'float32' ? Math.fround(scale) : scale;
        manualSeed(11);
        const { seed, offset } = getRngState();
        const fused = Array.from(scaledBernoulli(probability, scale, [size], { dtype }).dataSync());
        manualSeed(11);
        const composite = Array.from(
          withoutFused('scaledBernoulli', () => scaledBernoulli(probability, scale, [size], { dtype })).dataSync(),
        );
        const reference = expected(size, seed, offset, probability, rounded);
        expect(fused).toEqual(reference);
        expect(composite).toEqual(reference);
        // zeros are +0 on both paths (0 · negative scale would be −0)
        expect(fused.every((value) => !Object.is(value, -0))).toBe(true);
      });

  it('advances the generator like any draw of that size', () => {
    manualSeed(3);
    scaledBernoulli(0.5, 2, [3, 5]);
    const after = getRngState().offset;
    manualSeed(3);
    reserveRandom(15);
    expect(getRngState().offset).toBe(after);
  });

  it('compares at the float32 probability, as the float32 lt kernel did', () => {
    // u values are multiples of 2⁻²⁴; 0.1 rounds to float32 above 0.1, so u = float32(0.1) − 2⁻²⁴·k is kept
    manualSeed(0);
    const { seed, offset } = getRngState();
    const mask = Array.from(scaledBernoulli(0.1, 1, [40_000]).dataSync());
    expect(mask).toEqual(expected(40_000, seed, offset, 0.1, 1));
    expect(Math.abs(mask.filter((value) => value === 1).length / 40_000 - 0.1)).toBeLessThan(0.01);
  });

  it('rejects integer dtypes and probabilities outside [0, 1]', () => {
    expect(() => scaledBernoulli(0.5, 2, [2], { dtype: 'int32' })).toThrow(/floating point/);
    expect(() => scaledBernoulli(1.5, 2, [2])).toThrow(/\[0, 1\]/);
    expect(() => scaledBernoulli(Number.NaN, 2, [2])).toThrow(/\[0, 1\]/);
  });
});
