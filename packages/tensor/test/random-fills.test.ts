import { describe, expect, it } from 'vitest';
import { manualSeed, tensor, zeros } from '../src/index.js';

// torch's in-place random fills against the closed forms of their distributions: 200,000 draws each,
// every mean and rate within 5 standard errors (a false alarm about once in 3 million runs), and
// seeded, so a failure reproduces.

const draws = 200_000;
const values = (x: { dataSync(): ArrayLike<number> }) => Array.from(x.dataSync());
const mean = (list: number[]) => list.reduce((sum, value) => sum + value, 0) / list.length;
const variance = (list: number[]) => {
  const center = mean(list);
  return list.reduce((sum, value) => sum + (value - center) ** 2, 0) / (list.length - 1);
};
const smallest = (list: number[]) => list.reduce((low, value) => Math.min(low, value), Number.POSITIVE_INFINITY);
const fraction = (list: number[], predicate: (value: number) => boolean) => list.filter(predicate).length / list.length;

/** |estimate − expected| within 5 standard errors of a mean of `draws` values of standard deviation `deviation`. */
function expectMean(estimate: number, expected: number, deviation: number, label: string): void {
  expect(Math.abs(estimate - expected), `${label}: ${estimate} against ${expected}`).toBeLessThan((5 * deviation) / Math.sqrt(draws));
}

describe('random fills in place (bernoulli_, exponential_, geometric_, cauchy_, logNormal_, random_)', () => {
  it('bernoulli_: rate p from a number (Default 0.5) or a broadcast tensor, in the target’s dtype', () => {
    manualSeed(1);
    const p = 0.3;
    const x = zeros([draws]);
    expect(x.bernoulli_(p)).toBe(x);
    const drawn = values(x);
    expect(new Set(drawn)).toEqual(new Set([0, 1]));
    expectMean(mean(drawn), p, Math.sqrt(p * (1 - p)), 'bernoulli_(0.3)');
    expectMean(mean(values(zeros([draws]).bernoulli_())), 0.5, 0.5, 'bernoulli_()');
    const columns = zeros([draws / 2, 2], { dtype: 'int32' }).bernoulli_(tensor([0.1, 0.9]));
    expect(columns.dtype).toBe('int32');
    const [left, right] = [values(columns.select(1, 0).contiguous()), values(columns.select(1, 1).contiguous())];
    expect(Math.abs(mean(left) - 0.1)).toBeLessThan((5 * Math.sqrt(0.09)) / Math.sqrt(draws / 2));
    expect(Math.abs(mean(right) - 0.9)).toBeLessThan((5 * Math.sqrt(0.09)) / Math.sqrt(draws / 2));
  });

  it('exponential_(λ): mean 1/λ, variance 1/λ², nothing negative', () => {
    manualSeed(2);
    const drawn = values(zeros([draws], { dtype: 'float64' }).exponential_(2));
    expect(smallest(drawn)).toBeGreaterThanOrEqual(0);
    expectMean(mean(drawn), 0.5, 0.5, 'exponential_(2) mean');
    expect(Math.abs(variance(drawn) - 0.25)).toBeLessThan(0.01);
  });

  it('geometric_(p): integers from 1, mean 1/p, variance (1 − p)/p²', () => {
    manualSeed(3);
    const p = 0.25;
    const drawn = values(zeros([draws]).geometric_(p));
    expect(smallest(drawn)).toBe(1);
    expect(drawn.every(Number.isInteger)).toBe(true);
    expectMean(mean(drawn), 1 / p, Math.sqrt((1 - p) / p ** 2), 'geometric_(0.25)');
    // P(X = 1) = p
    expectMean(
      fraction(drawn, (value) => value === 1),
      p,
      Math.sqrt(p * (1 - p)),
      'geometric_ P(X = 1)',
    );
  });

  it('cauchy_(median, σ): half below the median, a quarter beyond each quartile median ± σ', () => {
    manualSeed(4);
    const drawn = values(zeros([draws], { dtype: 'float64' }).cauchy_(1, 2));
    expectMean(
      fraction(drawn, (value) => value < 1),
      0.5,
      0.5,
      'cauchy_ below the median',
    );
    expectMean(
      fraction(drawn, (value) => value < 3),
      0.75,
      Math.sqrt(0.75 * 0.25),
      'cauchy_ below median + σ',
    );
    expectMean(
      fraction(drawn, (value) => value < -1),
      0.25,
      Math.sqrt(0.75 * 0.25),
      'cauchy_ below median − σ',
    );
  });

  it('logNormal_(μ, σ): the logs have mean μ and deviation σ (Defaults 1 and 2, torch’s)', () => {
    manualSeed(5);
    const logs = values(zeros([draws], { dtype: 'float64' }).logNormal_(0.5, 0.25).log());
    expectMean(mean(logs), 0.5, 0.25, 'logNormal_ log mean');
    expect(Math.abs(Math.sqrt(variance(logs)) - 0.25)).toBeLessThan(0.005);
    const defaults = values(zeros([draws], { dtype: 'float64' }).logNormal_().log());
    expectMean(mean(defaults), 1, 2, 'logNormal_() log mean');
  });

  it('random_: integers uniform in [from, to), [0, to) with one bound, every exact integer without', () => {
    manualSeed(6);
    const drawn = values(zeros([draws], { dtype: 'int32' }).random_(3, 8));
    expect(new Set(drawn)).toEqual(new Set([3, 4, 5, 6, 7]));
    for (let value = 3; value < 8; value++)
      expectMean(
        fraction(drawn, (each) => each === value),
        0.2,
        0.4,
        `random_(3, 8) = ${value}`,
      );
    expect(new Set(values(zeros([1000]).random_(5)))).toEqual(new Set([0, 1, 2, 3, 4]));
    const unbounded = values(zeros([draws]).random_());
    expect(unbounded.every((value) => Number.isInteger(value) && value >= 0 && value <= 2 ** 24)).toBe(true);
    expectMean(mean(unbounded), 2 ** 23, 2 ** 24 / Math.sqrt(12), 'random_() on float32');
  });

  it('refuse torch’s bad parameters, integer targets where torch does, and expanded targets', () => {
    expect(() => zeros([2]).exponential_(0)).toThrow('exponential_: expects lambda > 0.0, but found lambda=0');
    expect(() => zeros([2]).geometric_(1)).toThrow('geometric_: expects p to be in (0, 1), but got p=1');
    expect(() => zeros([2]).logNormal_(1, 0)).toThrow('logNormal_: expects std > 0.0, but found std=0');
    expect(() => zeros([2]).cauchy_(0, -1)).toThrow('cauchy_: expects sigma > 0.0, but found sigma=-1');
    expect(() => zeros([2]).bernoulli_(1.5)).toThrow('bernoulli_: expects p to be in [0, 1], but got p=1.5');
    expect(() => zeros([2]).random_(5, 5)).toThrow("random_: expects 'from' to be less than 'to', but got from=5 >= to=5");
    expect(() => zeros([2], { dtype: 'int32' }).exponential_()).toThrow('exponential_: expects a floating-point tensor, got int32');
    expect(() => zeros([1, 2]).expand(3, 2).bernoulli_()).toThrow(/bernoulli_: unsupported operation: more than one element/);
    expect(() => zeros([2]).random_(0, 2, { seed: 1 } as never)).toThrow(/random_: unknown option `seed`/);
  });

  it('draw the same numbers after the same seed', () => {
    manualSeed(7);
    const first = values(zeros([20]).exponential_());
    manualSeed(7);
    expect(values(zeros([20]).exponential_())).toEqual(first);
  });
});
