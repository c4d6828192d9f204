import { manualSeed, ones } from '@dl/tensor';
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
});
