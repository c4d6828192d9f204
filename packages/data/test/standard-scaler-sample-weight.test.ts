import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StandardScaler } from '@dl/data';
import { tensor } from '@dl/tensor';

/** scikit-learn 1.2 values written by tools/fixtures/data_encoders_reference.py. */
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/data_encoders_reference.json', import.meta.url), 'utf8')).sample_weight;
const rows: number[][] = fixture.x;
const weights: number[] = fixture.weights;
const batches: [number, number][] = fixture.batches;
const test = tensor(fixture.test, { dtype: 'float64' });
/** Without centring and scaling scikit-learn computes nothing to weight; those cases are checked together below. */
const scaling = (item: { options: { withMean: boolean; withStd: boolean } }) => item.options.withMean || item.options.withStd;
const fitCases = fixture.fit.filter(scaling);
const partialCases = fixture.partial.filter(scaling);
const [fitNeither] = fixture.fit.filter((item: never) => !scaling(item));
const [partialNeither] = fixture.partial.filter((item: never) => !scaling(item));

interface State {
  n_samples_seen: number;
  mean: number[] | null;
  var: number[] | null;
  scale: number[] | null;
}

/** Largest difference relative to each expected value's magnitude (at least `floor`: 1e-300 compares exact zeros absolutely). */
function relativeDifference(actual: ArrayLike<number> | null, expected: readonly number[] | null, floor = 1e-300): number {
  if (actual === null || expected === null) return actual === expected ? 0 : Infinity;
  if (actual.length !== expected.length) return Infinity;
  return expected.reduce((worst, value, i) => Math.max(worst, Math.abs(actual[i]! - value) / Math.max(floor, Math.abs(value))), 0);
}

/**
 * Largest difference between nested arrays (flattened), relative to magnitudes of at least 1: the
 * centred constant column is rounding noise (±4e-16 or 0) in both.
 */
function nestedDifference(actual: unknown, expected: unknown): number {
  return relativeDifference((actual as number[][]).flat(), (expected as number[][]).flat(), 1);
}

/**
 * The fitted state against scikit-learn's: mean, variance, scale and count to 1e-12 relative. The
 * constant column (index 2) has a variance that is rounding noise (about 1e-31) in both, so it is
 * compared as ≤ 1e-29, and its scale must be exactly 1.
 */
function expectState(scaler: StandardScaler, expected: State): void {
  expect(Math.abs(scaler.nSamplesSeen - expected.n_samples_seen) / expected.n_samples_seen).toBeLessThan(1e-14);
  expect(relativeDifference(scaler.mean, expected.mean)).toBeLessThan(1e-12);
  if (expected.var === null) {
    expect(scaler.variance).toBeNull();
    expect(scaler.scale).toBeNull();
    return;
  }
  const variance = Array.from(scaler.variance!);
  expect(Math.abs(variance[2]!)).toBeLessThan(1e-29);
  expect(Math.abs(expected.var[2]!)).toBeLessThan(1e-29);
  const others = [0, 1, 3];
  expect(
    relativeDifference(
      others.map((c) => variance[c]!),
      others.map((c) => expected.var![c]!),
    ),
  ).toBeLessThan(1e-12);
  expect(relativeDifference(scaler.scale, expected.scale)).toBeLessThan(1e-12);
  expect(scaler.scale![2]).toBe(1);
}

describe('StandardScaler with sample weights (scikit-learn sample_weight)', () => {
  for (const item of fitCases) {
    it(`fit weights the mean, variance and count as scikit-learn (${JSON.stringify(item.options)})`, () => {
      const scaler = new StandardScaler(item.options).fit(tensor(rows, { dtype: 'float64' }), null, weights);
      expectState(scaler, item);
      expect(nestedDifference(scaler.transform(test).toArraySync(), item.transform)).toBeLessThan(1e-12);
      expect(nestedDifference(scaler.inverseTransform(test).toArraySync(), item.inverse)).toBeLessThan(1e-12);
      // fit_transform(X, sample_weight=w): the keyword as an options object, the weights as a tensor
      const z = new StandardScaler(item.options).fitTransform(tensor(rows, { dtype: 'float64' }), {
        sampleWeight: tensor(weights, { dtype: 'float64' }),
      });
      expect(nestedDifference(z.toArraySync(), item.fit_transform)).toBeLessThan(1e-12);
    });
  }

  for (const item of partialCases) {
    it(`partialFit merges weighted uneven batches (6, 1, 12 rows; zero weights) as scikit-learn (${JSON.stringify(item.options)})`, () => {
      const scaler = new StandardScaler(item.options);
      batches.forEach(([start, stop], step) => {
        scaler.partialFit(tensor(rows.slice(start, stop), { dtype: 'float64' }), undefined, weights.slice(start, stop));
        expectState(scaler, item.steps[step]);
      });
      expect(nestedDifference(scaler.transform(test).toArraySync(), item.transform)).toBeLessThan(1e-12);
    });
  }

  it('one number weights every row: the unweighted statistics, nSamplesSeen = weight · rows', () => {
    const scaler = new StandardScaler().fit(rows, null, 2.5);
    expectState(scaler, fixture.scalar);
    expect(scaler.nSamplesSeen).toBe(2.5 * rows.length);
    const plain = new StandardScaler().fit(rows);
    expect(relativeDifference(scaler.mean, Array.from(plain.mean!))).toBeLessThan(1e-14);
  });

  it('without centring and scaling the weights are checked but counted as rows, as scikit-learn', () => {
    const options = { withMean: false, withStd: false };
    const fitted = new StandardScaler(options).fit(rows, null, weights);
    expectState(fitted, fitNeither);
    expect(nestedDifference(fitted.transform(test).toArraySync(), fitNeither.transform)).toBe(0);
    const partial = new StandardScaler(options);
    batches.forEach(([start, stop], step) =>
      expectState(partial.partialFit(rows.slice(start, stop), null, weights.slice(start, stop)), partialNeither.steps[step]),
    );
    expect(() => new StandardScaler(options).fit(rows, null, weights.slice(1))).toThrow(
      'StandardScaler.fit: sampleWeight has 18 values, expected one per row (19)',
    );
  });

  it('an unweighted batch then a weighted one: the count becomes the float sum, as scikit-learn', () => {
    const scaler = new StandardScaler().partialFit(rows.slice(0, 6)).partialFit(rows.slice(6), null, weights.slice(6));
    expectState(scaler, fixture.unweighted_then_weighted);
  });

  it('integer weights equal repeating rows; zero weights equal dropping them (independent of scikit-learn)', () => {
    const counts = [2, 0, 1, 3, 0, 1, 2];
    const x = rows.slice(0, counts.length);
    const repeated = x.flatMap((row, i) => Array.from({ length: counts[i]! }, () => row));
    const weighted = new StandardScaler().fit(x, null, counts);
    const expanded = new StandardScaler().fit(repeated);
    expect(weighted.nSamplesSeen).toBe(repeated.length);
    expect(relativeDifference(weighted.mean, Array.from(expanded.mean!))).toBeLessThan(1e-13);
    const variance = Array.from(weighted.variance!);
    const expected = Array.from(expanded.variance!);
    expect(relativeDifference([variance[0]!, variance[1]!, variance[3]!], [expected[0]!, expected[1]!, expected[3]!])).toBeLessThan(1e-12);
    // closed form for column 0: Σwx / Σw and Σw(x − mean)² / Σw
    const total = counts.reduce((a, b) => a + b, 0);
    const mean = x.reduce((sum, row, i) => sum + counts[i]! * row[0]!, 0) / total;
    const spread = x.reduce((sum, row, i) => sum + counts[i]! * (row[0]! - mean) ** 2, 0) / total;
    expect(Math.abs(weighted.mean![0]! - mean) / Math.abs(mean)).toBeLessThan(1e-13);
    expect(Math.abs(variance[0]! - spread) / spread).toBeLessThan(1e-12);
  });

  it('an unweighted batch after a weighted one adds 1 per row to the float count, as one weighted fit', () => {
    // scikit-learn 1.2 truncates a float n_samples_seen_ to an integer when an unweighted batch follows
    // a weighted one (a quirk of its int64 cast); here the unweighted rows simply count 1 each
    const scaler = new StandardScaler().partialFit(rows.slice(0, 6), null, weights.slice(0, 6)).partialFit(rows.slice(6));
    const whole = new StandardScaler().fit(rows, null, [...weights.slice(0, 6), ...rows.slice(6).map(() => 1)]);
    const firstWeights = weights.slice(0, 6).reduce((a, b) => a + b, 0);
    expect(Math.abs(scaler.nSamplesSeen - (firstWeights + rows.length - 6))).toBeLessThan(1e-13);
    expect(Math.abs(scaler.nSamplesSeen - whole.nSamplesSeen)).toBeLessThan(1e-13);
    expect(relativeDifference(scaler.mean, Array.from(whole.mean!))).toBeLessThan(1e-13);
    expect(relativeDifference(scaler.scale, Array.from(whole.scale!))).toBeLessThan(1e-12);
  });

  it('refuses weights of another length, shape, with NaN, or summing to 0, naming the method', () => {
    const scaler = new StandardScaler();
    expect(() => scaler.fit(rows.slice(0, 3), null, [1, 2])).toThrow(
      'StandardScaler.fit: sampleWeight has 2 values, expected one per row (3)',
    );
    expect(() => scaler.partialFit(rows.slice(0, 3), null, [1, Number.NaN, 2])).toThrow(
      'StandardScaler.partialFit: sampleWeight contains NaN or infinity',
    );
    expect(() => scaler.fit(rows.slice(0, 2), null, tensor([[1, 2]]))).toThrow(
      'StandardScaler.fit: sample weights must be a 1-d array or a number, got shape [1, 2]',
    );
    expect(() => scaler.fit(rows.slice(0, 2), null, [0, 0])).toThrow('StandardScaler.fit: the sample weights sum to 0');
    expect(() => scaler.fit(rows.slice(0, 2), null, 'heavy' as never)).toThrow(/StandardScaler\.fit: sample weights must be/);
  });
});
