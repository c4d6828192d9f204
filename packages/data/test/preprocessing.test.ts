import { describe, expect, it } from 'vitest';
import {
  KFold,
  LabelEncoder,
  MinMaxScaler,
  StandardScaler,
  StratifiedKFold,
  oneHot,
  trainTestSplit,
  trainTestSplitIndices,
} from '@dl/data';
import { tensor } from '@dl/tensor';
import { maxDifference, reference } from './reference.js';

describe('StandardScaler / MinMaxScaler (scikit-learn, exact)', () => {
  const fixture = reference.standard_scaler;
  const fit = tensor(fixture.fit, { dtype: 'float64' });
  const test = tensor(fixture.test, { dtype: 'float64' });

  it('fits mean_, var_, scale_ (1 for a constant column) and transforms like scikit-learn', () => {
    const scaler = new StandardScaler().fit(fit);
    expect(maxDifference(Array.from(scaler.mean!), fixture.mean)).toBeLessThan(1e-12);
    expect(maxDifference(Array.from(scaler.variance!), fixture.var)).toBeLessThan(1e-9);
    expect(maxDifference(Array.from(scaler.scale!), fixture.scale)).toBeLessThan(1e-12);
    expect(maxDifference(scaler.transform(test).toArraySync(), fixture.transform)).toBeLessThan(1e-10);
    expect(maxDifference(scaler.inverseTransform(test).toArraySync(), fixture.inverse)).toBeLessThan(1e-10);
    expect(maxDifference(new StandardScaler().fitTransform(fit).toArraySync(), fixture.fit_transform)).toBeLessThan(1e-10);
    expect(
      maxDifference(new StandardScaler({ withMean: false }).fit(fit).transform(test).toArraySync(), fixture.no_mean_transform),
    ).toBeLessThan(1e-10);
  });
  it('keeps float32 inputs float32 and round-trips', () => {
    const scaler = new StandardScaler().fit(fit.float());
    const z = scaler.transform(fit.float());
    expect(z.dtype).toBe('float32');
    expect(maxDifference(scaler.inverseTransform(z).toArraySync(), fixture.fit)).toBeLessThan(1e-3);
    expect(() => new StandardScaler().transform(fit)).toThrow(/not fitted/);
    expect(() => scaler.transform([[1, 2]])).toThrow(/2 features, but StandardScaler is expecting 4/);
  });
  it('matches MinMaxScaler', () => {
    const expected = reference.min_max_scaler;
    const scaler = new MinMaxScaler({ featureRange: expected.range }).fit(fit);
    expect(maxDifference(Array.from(scaler.dataMin!), expected.data_min)).toBe(0);
    expect(maxDifference(Array.from(scaler.scale!), expected.scale)).toBeLessThan(1e-12);
    expect(maxDifference(Array.from(scaler.min!), expected.min)).toBeLessThan(1e-10);
    expect(maxDifference(scaler.transform(test).toArraySync(), expected.transform)).toBeLessThan(1e-10);
    expect(maxDifference(scaler.inverseTransform(test).toArraySync(), expected.inverse)).toBeLessThan(1e-10);
  });
});

describe('LabelEncoder / oneHot', () => {
  it('encodes in sorted class order like scikit-learn', () => {
    const { labels, classes, codes } = reference.label_encoder;
    const encoder = new LabelEncoder<string>().fit(labels);
    expect(encoder.classes).toEqual(classes);
    expect(encoder.transform(labels).toArraySync()).toEqual(codes);
    expect(encoder.inverseTransform(codes)).toEqual(labels);
    expect(() => encoder.transform(['yak'])).toThrow(/unseen label "yak"/);
  });
  it('one-hot encodes', () => {
    expect(oneHot([0, 2, 1], 3).toArraySync()).toEqual([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
    ]);
    expect(oneHot(tensor([[1], [0]], { dtype: 'int32' })).shape).toEqual([2, 1, 2]);
    expect(() => oneHot([3], 3)).toThrow(/smaller than numClasses/);
  });
});

describe('trainTestSplit (scikit-learn sizes, stratification, disjointness, seeds)', () => {
  it('gives scikit-learn sizes and the unshuffled split', () => {
    for (const item of reference.train_test_split) {
      const options = { testSize: item.test_size ?? undefined, trainSize: item.train_size ?? undefined };
      const { train, test } = trainTestSplitIndices(item.n, { ...options, randomState: 0 });
      expect([train.length, test.length]).toEqual([item.n_train, item.n_test]);
      const all = new Set([...train, ...test]);
      expect(all.size).toBe(train.length + test.length);
      const plain = trainTestSplitIndices(item.n, { ...options, shuffle: false });
      expect(Array.from(plain.train)).toEqual(item.no_shuffle_train);
      expect(Array.from(plain.test)).toEqual(item.no_shuffle_test);
    }
  });
  it('keeps scikit-learn per-class counts when stratifying', () => {
    for (const item of reference.stratified_split) {
      const labels: number[] = item.y;
      const classes = item.train_counts.length;
      for (const seed of [0, 1, 2]) {
        const { train, test } = trainTestSplitIndices(labels.length, { testSize: item.test_size, stratify: labels, randomState: seed });
        const count = (indices: Int32Array) => {
          const counts = new Array(classes).fill(0);
          for (const index of indices) counts[labels[index]!] += 1;
          return counts;
        };
        const classCounts = count(Int32Array.from(labels.keys()));
        expectSameUpToTies(count(train), item.train_counts, classCounts, train.length);
        // the test counts follow from the train counts, so a tie above may move them by one as well
        expectSameUpToTies(count(test), item.test_counts, classCounts, null);
        for (let c = 0; c < classes; c++) expect(count(train)[c]! + count(test)[c]!).toBeLessThanOrEqual(classCounts[c]!);
        expect(new Set([...train, ...test]).size).toBe(train.length + test.length);
      }
    }
  });
  it('splits tensors and arrays alike, reproducibly by seed', () => {
    const x = tensor(Array.from({ length: 20 }, (_, i) => [i, -i]));
    const names = Array.from({ length: 20 }, (_, i) => `n${i}`);
    const [xTrain, xTest, nameTrain, nameTest] = trainTestSplit([x, names], { testSize: 0.25, randomState: 7 }) as [
      any,
      any,
      string[],
      string[],
    ];
    expect(xTrain.shape).toEqual([15, 2]);
    expect(xTest.shape).toEqual([5, 2]);
    expect((xTest.toArraySync() as number[][]).map((row) => `n${row[0]}`)).toEqual(nameTest);
    expect(nameTrain).toHaveLength(15);
    const again = trainTestSplit([names], { testSize: 0.25, randomState: 7 });
    expect(again[1]).toEqual(nameTest);
    expect(trainTestSplit([names], { testSize: 0.25, randomState: 8 })[1]).not.toEqual(nameTest);
    expect(() => trainTestSplit([x, names.slice(1)])).toThrow(/inconsistent numbers of samples: \[20, 19\]/);
    expect(() => trainTestSplitIndices(4, { stratify: [0, 0, 0, 1] })).toThrow(/only 1 member/);
  });
});

describe('KFold / StratifiedKFold (scikit-learn, exact without shuffle)', () => {
  it('matches KFold folds', () => {
    for (const { n, k, folds } of reference.kfold) {
      const ours = new KFold({ nSplits: k }).split(n).map(({ train, test }) => [Array.from(train), Array.from(test)]);
      expect(ours).toEqual(folds);
    }
  });
  it('matches StratifiedKFold folds', () => {
    for (const { y, k, folds } of reference.stratified_kfold) {
      const ours = new StratifiedKFold({ nSplits: k }).split(y).map(({ train, test }) => [Array.from(train), Array.from(test)]);
      expect(ours).toEqual(folds);
    }
  });
  it('shuffles reproducibly and keeps the folds a partition', () => {
    const first = new KFold({ nSplits: 4, shuffle: true, randomState: 1 }).split(22);
    expect(first.map((fold) => Array.from(fold.test))).toEqual(
      new KFold({ nSplits: 4, shuffle: true, randomState: 1 }).split(22).map((fold) => Array.from(fold.test)),
    );
    const tests = first.flatMap((fold) => Array.from(fold.test)).sort((a, b) => a - b);
    expect(tests).toEqual(Array.from({ length: 22 }, (_, i) => i));
    const labels = Array.from({ length: 30 }, (_, i) => i % 3);
    for (const { test } of new StratifiedKFold({ nSplits: 5, shuffle: true, randomState: 0 }).split(labels))
      expect([0, 1, 2].map((c) => Array.from(test).filter((i) => labels[i] === c).length)).toEqual([2, 2, 2]);
    expect(() => new StratifiedKFold({ nSplits: 3 }).split([0, 1])).toThrow(/cannot be greater than the number of members/);
  });
});

/**
 * scikit-learn's _approximate_mode gives each class floor(count · draws / n), then the extra draws to the
 * largest fractional parts, breaking ties at random with NumPy's generator (which we do not share).
 * So counts must equal the reference except among classes whose fractional parts tie.
 */
function expectSameUpToTies(ours: number[], expected: number[], classCounts: number[], draws: number | null): void {
  expect(ours.reduce((a, b) => a + b, 0)).toBe(expected.reduce((a, b) => a + b, 0));
  const differing = ours.map((_, c) => c).filter((c) => ours[c] !== expected[c]);
  for (const c of differing) expect(Math.abs(ours[c]! - expected[c]!)).toBe(1);
  if (differing.length === 0 || draws === null) return;
  const total = classCounts.reduce((a, b) => a + b, 0);
  const fractions = differing.map((c) => {
    const continuous = (classCounts[c]! / total) * draws;
    return continuous - Math.floor(continuous);
  });
  expect(new Set(fractions).size).toBe(1);
}
