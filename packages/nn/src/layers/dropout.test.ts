import { getRngState, manualSeed, ones, philoxUniform, randn } from '@dl/tensor';
import { dropout, dropout2d } from '../functional/dropout.js';
import { describe, expect, it } from 'vitest';
import { Dropout } from './dropout.js';
import { Dropout2d } from './dropout2d.js';

describe('Dropout', () => {
  it('zeroes about p of the elements, scales the rest by 1/(1 − p), and is the identity in eval mode', () => {
    manualSeed(0);
    const layer = new Dropout(0.3);
    const input = ones([200, 100]);
    const values = layer.call(input).dataSync();
    const zeros = values.filter((value) => value === 0).length / values.length;
    expect(Math.abs(zeros - 0.3)).toBeLessThan(0.02);
    expect(values.every((value) => value === 0 || Math.abs(value - 1 / 0.7) < 1e-6)).toBe(true);
    layer.eval();
    expect(layer.call(input)).toBe(input);
    expect(() => new Dropout(1.5)).toThrow(/between 0 and 1/);
  });

  it('Dropout2d drops whole channels', () => {
    manualSeed(1);
    const output = new Dropout2d(0.5).call(ones([8, 16, 3, 3]));
    const values = output.reshape([8 * 16, 9]).toArraySync() as number[][];
    const dropped = values.filter((row) => row.every((value) => value === 0)).length;
    expect(values.every((row) => row.every((value) => value === row[0]))).toBe(true);
    expect(dropped).toBeGreaterThan(30);
    expect(dropped).toBeLessThan(98);
  });

  for (const dtype of ['float32', 'float64'] as const)
    for (const p of [0.25, 0.1, 0.5])
      it(`keeps x where the Philox uniform is below 1 − p and scales it by 1 / (1 − p), as torch (${dtype}, p = ${p})`, () => {
        manualSeed(8);
        const input = randn([5, 300], { dtype, requiresGrad: true });
        const { seed, offset } = getRngState();
        const output = dropout(input, p);
        const draws = new Float32Array(1500);
        philoxUniform(draws, seed, offset);
        // float32 divides in float32: 1 / float32(1 − p), as bernoulli_(1 − p).div_(1 − p)
        const scale = dtype === 'float32' ? Math.fround(1 / Math.fround(1 - p)) : 1 / (1 - p);
        const mask = Array.from(draws, (u) => (u < Math.fround(1 - p) ? scale : 0));
        const x = Array.from(input.dataSync());
        const round = dtype === 'float32' ? Math.fround : (value: number) => value;
        expect(Array.from(output.dataSync())).toEqual(x.map((value, i) => round(value * mask[i]!)));
        output.sum().backward();
        expect(Array.from(input.grad!.dataSync())).toEqual(mask.map(round));
      });

  it('dropout2d draws one keep-or-drop per (n, c) plane from the same generator', () => {
    manualSeed(9);
    const { seed, offset } = getRngState();
    const output = dropout2d(ones([3, 4, 2, 2]), 0.4);
    const draws = new Float32Array(12);
    philoxUniform(draws, seed, offset);
    const expected = Array.from(draws, (u) => (u < Math.fround(0.6) ? Math.fround(1 / Math.fround(0.6)) : 0)).flatMap((value) => [
      value,
      value,
      value,
      value,
    ]);
    expect(Array.from(output.dataSync())).toEqual(expected);
  });
});
