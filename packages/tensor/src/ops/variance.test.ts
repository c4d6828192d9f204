import { describe, expect, it } from 'vitest';
import * as dl from '../index.js';
import { std, tensor, type VarianceOptions } from '../index.js';

// [1, 2, 3, 4]: mean 2.5, Σ (x − mean)² = 2.25 + 0.25 + 0.25 + 2.25 = 5
const x = tensor([1, 2, 3, 4], { dtype: 'float64' });

describe('var and std options', () => {
  it('divide by N − correction: Bessel (1) by default, torch’s unbiased flag as 1 or 0', () => {
    expect(x.var().itemSync()).toBe(5 / 3);
    expect(x.var(undefined, { correction: 0 }).itemSync()).toBe(5 / 4);
    expect(x.var(undefined, { correction: 2 }).itemSync()).toBe(5 / 2);
    expect(x.var(undefined, { unbiased: false }).itemSync()).toBe(5 / 4);
    expect(x.var(0, { unbiased: true }).itemSync()).toBe(5 / 3);
    expect(x.std(undefined, { unbiased: false }).itemSync()).toBe(Math.sqrt(5 / 4));
    expect(std(x, 0, { correction: 0, keepdim: true }).shape).toEqual([1]);
    expect(dl.var(x.reshape([2, 2]), 1, { unbiased: false }).toArraySync()).toEqual([0.25, 0.25]);
  });

  it('reject what they do not understand, naming the call', () => {
    expect(() => x.var(0, { unbias: false } as VarianceOptions)).toThrow(
      'var: unknown option `unbias`. Accepted options: correction, unbiased, keepdim',
    );
    expect(() => x.std(0, { ddof: 0 } as VarianceOptions)).toThrow('std: unknown option `ddof`');
    // torch's positional flag, x.var(0, False)
    expect(() => x.var(0, false as unknown as VarianceOptions)).toThrow(
      "var: the second argument is an options object, got false; torch's x.var(dim, False) is x.var(dim, { unbiased: false })",
    );
    expect(() => x.var(0, { correction: 0, unbiased: false })).toThrow('var: give correction or unbiased, not both');
    expect(() => x.std(0, { unbiased: 0 as unknown as boolean })).toThrow('std: unbiased must be true or false, got 0');
    expect(() => x.var(0, { correction: -1 })).toThrow('var: correction must be a finite number ≥ 0, got -1');
  });

  it('take torch’s keywords in one object, dim included (x.std(dim=1, unbiased=False))', () => {
    // before, an object as the first argument was read as a dim list: "list.map is not a function"
    const matrix = x.reshape([2, 2]); // [[1, 2], [3, 4]]: each row's mean is ±0.5 from its values
    expect(matrix.std({ dim: 1, unbiased: false }).toArraySync()).toEqual([0.5, 0.5]);
    expect(matrix.var({ dim: 0, correction: 0, keepdim: true }).toArraySync()).toEqual([[1, 1]]);
    expect(x.var({ correction: 0 }).itemSync()).toBe(5 / 4);
    expect(std(x, { unbiased: true }).itemSync()).toBe(Math.sqrt(5 / 3));
    expect(dl.var(matrix, { dim: [0, 1] }).itemSync()).toBe(5 / 3);
    expect(() => x.var({ dims: 0 } as never)).toThrow('var: unknown option `dims`. Accepted options: dim, correction, unbiased, keepdim');
    expect(() => x.std({ dim: 0 }, { unbiased: false })).toThrow(
      'std: got a keywords object and then an object; give every keyword in the one object',
    );
  });
});
