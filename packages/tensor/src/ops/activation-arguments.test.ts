import { describe, expect, it } from 'vitest';
import { elu, gelu, leakyRelu, oneHot, softplus, tensor } from '../index.js';

// torch's parameters positionally or by keyword (an options object), as the layers take them; before,
// an options object was silently read as the default (gelu's tanh, oneHot's class count) or crashed
// deep in a kernel, and a misspelt choice fell back to the default.
const x = tensor([-2, 0.5], { dtype: 'float64' });
const values = (t: { dataSync(): ArrayLike<number> }) => Array.from(t.dataSync());

describe('activation parameters, positional or by keyword', () => {
  it('leakyRelu, elu, softplus: the closed forms either way', () => {
    expect(values(leakyRelu(x, 0.2))).toEqual([-0.4, 0.5]);
    expect(values(leakyRelu(x, { negativeSlope: 0.2 }))).toEqual([-0.4, 0.5]);
    expect(values(x.leakyRelu())).toEqual([-0.02, 0.5]);
    expect(values(elu(x, { alpha: 2 }))).toEqual([2 * Math.expm1(-2), 0.5]);
    // (1/β)·log(1 + e^{βx}), and x itself above the threshold (β·x = 1 > 0.9)
    expect(values(softplus(x, { beta: 2, threshold: 0.9 }))[0]).toBeCloseTo(Math.log1p(Math.exp(-4)) / 2, 15);
    expect(values(softplus(x, { beta: 2, threshold: 0.9 }))[1]).toBe(0.5);
    expect(values(softplus(x, 2, 0.9))).toEqual(values(softplus(x, { beta: 2, threshold: 0.9 })));
  });

  it("gelu's approximation by name or keyword; anything else is an error", () => {
    // x/2 · (1 + tanh(√(2/π)(x + 0.044715x³))) at x = 0.5
    const tanhForm = 0.25 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (0.5 + 0.044715 * 0.125)));
    expect(values(gelu(x, { approximate: 'tanh' }))[1]).toBeCloseTo(tanhForm, 15);
    expect(values(gelu(x, 'tanh'))).toEqual(values(gelu(x, { approximate: 'tanh' })));
    expect(values(gelu(x))[1]).not.toBeCloseTo(tanhForm, 6);
    expect(() => gelu(x, 'tahn' as never)).toThrow("gelu: invalid approximate 'tahn'; expected one of 'none', 'tanh'");
    expect(() => x.gelu({ aproximate: 'tanh' } as never)).toThrow('gelu: unknown option `aproximate`');
  });

  it('oneHot takes numClasses by keyword too', () => {
    const labels = tensor([0, 1], { dtype: 'int32' });
    expect(oneHot(labels, { numClasses: 4 }).toArraySync()).toEqual([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
    ]);
    expect(oneHot(labels).shape).toEqual([2, 2]);
    expect(() => oneHot(labels, { classes: 4 } as never)).toThrow('oneHot: unknown option `classes`');
    expect(() => oneHot(labels, 2.5)).toThrow('oneHot: numClasses must be an integer ≥ -1, got 2.5');
  });

  it('a value that is not a number names the function and the parameter', () => {
    expect(() => leakyRelu(x, '0.2' as never)).toThrow("leakyRelu: negativeSlope must be a finite number, got '0.2'");
    expect(() => elu(x, { alpha: null } as never)).toThrow('elu: alpha must be a finite number, got null');
    expect(() => softplus(x, { beta: 1, limit: 5 } as never)).toThrow('softplus: unknown option `limit`');
  });
});
