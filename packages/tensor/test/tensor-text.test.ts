import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { arange, tensor } from '../src/index.js';

// What printing a tensor shows, checked against what PyTorch 1.13 prints for the same tensors
// (torch.set_printoptions defaults: threshold 1000, edgeitems 3), values in JavaScript's own notation.

describe("a tensor's printed form", () => {
  it("console.log / util.inspect print tensor(...), as PyTorch's print(x), not the handle's fields", () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(inspect(x)).toBe('tensor([[1, 2], [3, 4]], dtype=float32, device=cpu)');
    expect(inspect({ weight: x })).toBe('{ weight: tensor([[1, 2], [3, 4]], dtype=float32, device=cpu) }');
  });

  it('past 1,000 elements each dim keeps its first and last three entries, as torch: print(torch.arange(1001))', () => {
    // torch: tensor([   0,    1,    2,  ..., 998,  999, 1000])
    expect(String(arange(1001, { dtype: 'int32' }))).toBe('tensor([0, 1, 2, ..., 998, 999, 1000], dtype=int32, device=cpu)');
    // torch: print(torch.arange(2000).reshape(40, 50)) shows rows 0, 1, 2, ..., 37, 38, 39, each cut the same way
    const text = String(arange(2000, { dtype: 'int32' }).reshape([40, 50]));
    expect(text).toBe(
      'tensor([[0, 1, 2, ..., 47, 48, 49], [50, 51, 52, ..., 97, 98, 99], [100, 101, 102, ..., 147, 148, 149], ..., ' +
        '[1850, 1851, 1852, ..., 1897, 1898, 1899], [1900, 1901, 1902, ..., 1947, 1948, 1949], [1950, 1951, 1952, ..., 1997, 1998, 1999]], dtype=int32, device=cpu)',
    );
    // 1,000 elements exactly are all printed (torch summarises when numel > threshold)
    expect(String(arange(1000, { dtype: 'int32' })).split(', ').length).toBe(1000 + 2);
  });

  it('NaN and infinities print as themselves (JSON printed null), booleans as true/false, a scalar bare', () => {
    expect(String(tensor([Number.NaN, Number.POSITIVE_INFINITY, -1.5]))).toBe('tensor([NaN, Infinity, -1.5], dtype=float32, device=cpu)');
    expect(String(tensor([true, false]))).toBe('tensor([true, false], dtype=bool, device=cpu)');
    expect(String(tensor(2.5))).toBe('tensor(2.5, dtype=float32, device=cpu)');
    expect(String(tensor([1], { requiresGrad: true }))).toBe('tensor([1], dtype=float32, device=cpu, requiresGrad)');
  });
});

describe('arange takes the options after any number of the positions, as torch’s keywords', () => {
  it('a float32 value prints as the shortest decimal that reads back as it, −0 as -0 (it printed the float64 expansion)', () => {
    // the float32 nearest 0.1 is 0.100000001490116119384765625; 0.1 reads back as it, 0.10000000149011612 was printed
    expect(String(tensor([0.1, 1 / 3, 2.5e-8, 1e10, -0, 16777216]))).toBe(
      'tensor([0.1, 0.33333334, 2.5e-8, 10000000000, -0, 16777216], dtype=float32, device=cpu)',
    );
    expect(String(tensor([0.1, -0], { dtype: 'float64' }))).toBe('tensor([0.1, -0], dtype=float64, device=cpu)');
    // every float32 reads back exactly from what is printed: the extremes and random bit patterns
    const bits = new Uint32Array(2000).map((_, index) => (Math.imul(index + 1, 2654435761) >>> 0) & 0x7f7fffff);
    const values = [...new Float32Array(bits.buffer), 1.4e-45, 3.4028234663852886e38, 1.17549435e-38].map(Math.fround);
    for (const value of values) {
      const printed = String(tensor(value)).slice('tensor('.length, -', dtype=float32, device=cpu)'.length);
      expect(Math.fround(Number(printed)), printed).toBe(value);
      const significant = printed.replace(/^-|e.*$|\./g, '').replace(/^0+|0+$/g, '');
      expect(significant.length, printed).toBeLessThanOrEqual(9);
    }
  });

  it('arange(n, { dtype }) and arange(start, end, { dtype }) (it read the options object as the end)', () => {
    expect(arange(3, { dtype: 'float64' }).dtype).toBe('float64');
    expect(arange(3, { dtype: 'float64' }).toArraySync()).toEqual([0, 1, 2]);
    expect(arange(2, 5, { dtype: 'float64' }).toArraySync()).toEqual([2, 3, 4]);
    expect(arange(0, 6, 2, { dtype: 'float64' }).toArraySync()).toEqual([0, 2, 4]);
    const loose = arange as unknown as (...values: unknown[]) => unknown;
    expect(() => loose(0, 6, 2, 1, { dtype: 'float64' })).toThrow('arange: takes (start, end, step, options), got 5 arguments');
    expect(() => loose(0, 6, 2, {}, 1)).toThrow('arange: takes (start, end, step, options), got 5 arguments');
    expect(() => loose('3')).toThrow("arange: end must be a finite number, got '3'");
  });
});
