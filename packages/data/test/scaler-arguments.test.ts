import { describe, expect, it } from 'vitest';
import { MinMaxScaler, StandardScaler } from '@dl/data';
import { tensor } from '@dl/tensor';

const x = [
  [1, 10],
  [2, 30],
  [4, 20],
];

/** Calls `method` with arguments its TypeScript signature does not allow, as a JavaScript caller may. */
function call(target: object, method: string, ...args: unknown[]): unknown {
  return (target as Record<string, (...rest: unknown[]) => unknown>)[method]!(...args);
}

describe('scalers refuse arguments they do not take (scikit-learn raises a TypeError)', () => {
  it('StandardScaler: every method names itself and its signature', () => {
    const scaler = new StandardScaler().fit(x);
    expect(() => call(scaler, 'transform', x, true)).toThrow('StandardScaler.transform: takes (x), got 2 arguments');
    expect(() => call(scaler, 'transform', x, {})).toThrow('StandardScaler.transform: takes (x), got 2 arguments');
    expect(() => call(scaler, 'inverseTransform', x, false)).toThrow('StandardScaler.inverseTransform: takes (x), got 2 arguments');
    expect(() => call(scaler, 'fit', x, null, [1, 1, 1], true)).toThrow('StandardScaler.fit: takes (x, y, sampleWeight), got 4 arguments');
    expect(() => call(scaler, 'partialFit', x, null, 1, 2)).toThrow(
      'StandardScaler.partialFit: takes (x, y, sampleWeight), got 4 arguments',
    );
    expect(() => call(scaler, 'fitTransform', x, null, 1, 2)).toThrow(
      'StandardScaler.fitTransform: takes (x, y, sampleWeight), got 4 arguments',
    );
    expect(() => call(scaler, 'fit', x, { sample_weight: [1, 1, 1] })).toThrow(
      'StandardScaler.fit: unknown option `sample_weight` (did you mean `sampleWeight`?)',
    );
    expect(() => call(scaler, 'fit', x, null, [1, 1, 1], { sampleWeight: [1, 1, 1] })).toThrow(
      'StandardScaler.fit: `sampleWeight` given both as a positional argument and as an option',
    );
  });

  it('StandardScaler: y is read and ignored, as in scikit-learn (a Pipeline passes the labels there)', () => {
    const scaler = new StandardScaler();
    expect(scaler.fit(x, undefined).nSamplesSeen).toBe(3);
    expect(scaler.fit(x, null).nSamplesSeen).toBe(3);
    const withLabels = [...(call(scaler, 'fit', x, [1, 0, 2]) as StandardScaler).mean!];
    expect(withLabels).toEqual([...new StandardScaler().fit(x).mean!]);
    expect((call(scaler, 'partialFit', x, tensor([1, 0, 2])) as StandardScaler).nSamplesSeen).toBe(6);
    expect((call(scaler, 'transform', x, undefined) as { shape: number[] }).shape).toEqual([3, 2]);
  });

  it('MinMaxScaler: scikit-learn 1.2 has no sample_weight, so a third argument is refused, not dropped', () => {
    const scaler = new MinMaxScaler();
    expect(scaler.fit(x, null).nSamplesSeen).toBe(3);
    expect(() => call(scaler, 'fit', x, null, [1, 0, 2])).toThrow(
      "MinMaxScaler.fit: takes (x, y), got 3 arguments; scikit-learn's MinMaxScaler takes no sample_weight",
    );
    expect(() => call(scaler, 'partialFit', x, null, [1, 0, 2])).toThrow(
      "MinMaxScaler.partialFit: takes (x, y), got 3 arguments; scikit-learn's",
    );
    expect(() => call(scaler, 'fitTransform', x, null, [1, 0, 2])).toThrow(
      "MinMaxScaler.fitTransform: takes (x, y), got 3 arguments; scikit-learn's",
    );
    expect(() => call(scaler, 'fit', x, { sampleWeight: [1, 0, 2] })).toThrow(
      'MinMaxScaler.fit: unknown option `sampleWeight`. Accepted options: y',
    );
    expect((call(scaler, 'fit', x, [1, 0, 2]) as MinMaxScaler).nSamplesSeen).toBe(3);
    expect(() => call(scaler, 'transform', x, 1)).toThrow('MinMaxScaler.transform: takes (x), got 2 arguments');
    expect(() => call(scaler, 'inverseTransform', x, 1)).toThrow('MinMaxScaler.inverseTransform: takes (x), got 2 arguments');
    // a refused call leaves the fitted range as it was
    expect(scaler.nSamplesSeen).toBe(3);
  });
});
