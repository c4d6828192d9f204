import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MinMaxScaler, StandardScaler } from '@dl/data';
import { tensor } from '@dl/tensor';
import { maxDifference } from './reference.js';

/** scikit-learn 1.2 values written by tools/fixtures/data_encoders_reference.py. */
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/data_encoders_reference.json', import.meta.url), 'utf8')).partial_fit;
const batches: number[][][] = fixture.batches;
const concatenation = batches.flat();
const test = tensor(fixture.test, { dtype: 'float64' });

/** Largest difference relative to each expected value's magnitude (at least 1). */
function relativeDifference(actual: ArrayLike<number> | null, expected: number[] | null): number {
  if (actual === null || expected === null) return actual === expected ? 0 : Infinity;
  if (actual.length !== expected.length) return Infinity;
  return expected.reduce((worst, value, i) => Math.max(worst, Math.abs(actual[i]! - value) / Math.max(1, Math.abs(value))), 0);
}

describe('StandardScaler.partialFit (scikit-learn partial_fit)', () => {
  for (const item of fixture.standard) {
    it(`merges 3 uneven batches like scikit-learn (${JSON.stringify(item.options)})`, () => {
      const scaler = new StandardScaler(item.options);
      batches.forEach((batch, step) => {
        const expected = item.steps[step];
        expect(scaler.partialFit(tensor(batch, { dtype: 'float64' }))).toBe(scaler);
        expect(scaler.nSamplesSeen).toBe(expected.n_samples_seen);
        // the same operations in scikit-learn's order: bit for bit, the 1e8-offset column's variance too
        expect(scaler.mean ? Array.from(scaler.mean) : null).toEqual(expected.mean);
        expect(scaler.variance ? Array.from(scaler.variance) : null).toEqual(expected.var);
        expect(scaler.scale ? Array.from(scaler.scale) : null).toEqual(expected.scale);
      });
      expect(maxDifference(scaler.transform(test).toArraySync(), item.transform)).toBeLessThan(1e-9);
      expect(maxDifference(scaler.inverseTransform(test).toArraySync(), item.inverse)).toBeLessThan(1e-6);
    });
  }

  it('agrees with one fit on the concatenation; the constant column keeps scale 1', () => {
    const scaler = new StandardScaler();
    for (const batch of batches) scaler.partialFit(batch);
    const whole = new StandardScaler().fit(concatenation);
    expect(scaler.nSamplesSeen).toBe(whole.nSamplesSeen);
    expect(relativeDifference(scaler.mean, Array.from(whole.mean!))).toBeLessThan(1e-15);
    // columns 0 and 1 (offsets ≤ 5) to float64 rounding; the constant column's variance is rounding noise
    // (scikit-learn's too), and the 1e8 column's merge cancels sums of 2·10⁹: scikit-learn's own partial_fit
    // and fit differ there by the same relative 2·10⁻⁶
    const wholeVariance = Array.from(whole.variance!);
    expect(relativeDifference(scaler.variance!.slice(0, 2), wholeVariance.slice(0, 2))).toBeLessThan(1e-13);
    expect(scaler.variance![2]).toBeLessThan(1e-29);
    expect(Math.abs(scaler.variance![3]! / wholeVariance[3]! - 1)).toBeLessThan(1e-5);
    expect(Math.abs(fixture.standard[0].fit_var[3] / wholeVariance[3]! - 1)).toBeLessThan(1e-14);
    expect(scaler.scale![2]).toBe(1);
    expect(whole.scale![2]).toBe(1);
  });

  it('continues from fit, and fit starts afresh', () => {
    const expected = fixture.fit_then_partial;
    const scaler = new StandardScaler().fit(batches[0]!).partialFit(batches[1]!).partialFit(batches[2]!);
    expect(scaler.nSamplesSeen).toBe(expected.n_samples_seen);
    expect(scaler.mean ? Array.from(scaler.mean) : null).toEqual(expected.mean);
    expect(scaler.variance ? Array.from(scaler.variance) : null).toEqual(expected.var);
    scaler.fit(batches[2]!);
    const fresh = new StandardScaler().fit(batches[2]!);
    expect(scaler.nSamplesSeen).toBe(batches[2]!.length);
    expect(Array.from(scaler.mean!)).toEqual(Array.from(fresh.mean!));
    expect(Array.from(scaler.variance!)).toEqual(Array.from(fresh.variance!));
  });

  it('refuses a batch of another width or no rows, naming the scaler and both counts', () => {
    const scaler = new StandardScaler().partialFit(batches[0]!);
    expect(fixture.standard_mismatch).toMatch(/X has 2 features, but StandardScaler is expecting 4 features as input/);
    expect(() => scaler.partialFit(batches[0]!.map((row) => row.slice(0, 2)))).toThrow(
      'StandardScaler.partialFit: x has 2 features, but StandardScaler is expecting 4 features as input',
    );
    expect(() => scaler.partialFit(tensor([], { shape: [0, 4], dtype: 'float64' }))).toThrow(/0 sample\(s\)/);
    expect(() => new StandardScaler().transform(batches[0]!)).toThrow(/not fitted/);
  });
});

describe('MinMaxScaler.partialFit (scikit-learn partial_fit)', () => {
  for (const item of fixture.min_max) {
    it(`widens the range batch by batch, feature range [${item.range}]`, () => {
      const scaler = new MinMaxScaler({ featureRange: item.range });
      batches.forEach((batch, step) => {
        const expected = item.steps[step];
        expect(scaler.partialFit(tensor(batch, { dtype: 'float64' }))).toBe(scaler);
        expect(scaler.nSamplesSeen).toBe(expected.n_samples_seen);
        expect(Array.from(scaler.dataMin!)).toEqual(expected.data_min);
        expect(Array.from(scaler.dataMax!)).toEqual(expected.data_max);
        expect(Array.from(scaler.dataRange!)).toEqual(expected.data_range);
        expect(Array.from(scaler.scale!)).toEqual(expected.scale);
        expect(Array.from(scaler.min!)).toEqual(expected.min);
      });
      expect(maxDifference(scaler.transform(test).toArraySync(), item.transform)).toBeLessThan(1e-6);
      const whole = new MinMaxScaler({ featureRange: item.range }).fit(concatenation);
      expect(Array.from(whole.scale!)).toEqual(Array.from(scaler.scale!));
      expect(Array.from(whole.min!)).toEqual(Array.from(scaler.min!));
    });
  }

  it('continues from fit, fit resets, and a batch of another width is refused', () => {
    const scaler = new MinMaxScaler().fit(batches[0]!).partialFit(batches[1]!).partialFit(batches[2]!);
    expect(scaler.nSamplesSeen).toBe(concatenation.length);
    expect(Array.from(scaler.dataMin!)).toEqual(fixture.min_max[0].steps[2].data_min);
    scaler.fit(batches[1]!);
    expect(scaler.nSamplesSeen).toBe(1);
    expect(Array.from(scaler.dataRange!)).toEqual([0, 0, 0, 0]);
    expect(fixture.min_max_mismatch).toMatch(/X has 2 features, but MinMaxScaler is expecting 4 features as input/);
    expect(() => scaler.partialFit([[1, 2]])).toThrow(
      'MinMaxScaler.partialFit: x has 2 features, but MinMaxScaler is expecting 4 features as input',
    );
  });
});
