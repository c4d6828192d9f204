import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BatchSampler,
  ConcatDataset,
  DataLoader,
  IterableDataset,
  MinMaxScaler,
  RandomSampler,
  SequentialSampler,
  StandardScaler,
  SubsetRandomSampler,
  WeightedRandomSampler,
  defaultCollate,
  makeBlobs,
  makeCircles,
  makeMoons,
  oneHot,
  randomSplit,
  trainTestSplitIndices,
  type Samples,
} from '../src/index.js';
import { tensor, type Tensor } from '@dl/tensor';
import { maxDifference } from './reference.js';

/** torch 1.13 / scikit-learn 1.2.1 behaviours written by tools/fixtures/data_parity_probes_reference.py. */
const reference = JSON.parse(readFileSync(new URL('./__fixtures__/data_parity_probes_reference.json', import.meta.url), 'utf8'));

/** A reference outcome: its value, or the error it raised. */
interface Outcome {
  value?: unknown;
  error?: string;
  message?: string;
}

/** Expects `run` to throw (matching `pattern`) exactly where the reference raised, else to give its value. */
function expectOutcome(outcome: Outcome, run: () => unknown, pattern: RegExp): void {
  if (outcome.error !== undefined) expect(run).toThrow(pattern);
  else expect(run()).toEqual(outcome.value);
}

const ten = { length: 10, getItem: (index: number) => index };

class OneItem extends IterableDataset<number> {
  *[Symbol.iterator]() {
    yield 1;
  }
}

describe('DataLoader option checks (torch 1.13)', () => {
  const cases = reference.loader;
  it('allows an explicit batchSize of 1 beside a batchSampler', () => {
    const loader = () =>
      [...new DataLoader(ten, { batchSampler: new BatchSampler(new SequentialSampler(ten), 3, false), batchSize: 1 })].map((batch) =>
        (batch as Tensor).toArraySync(),
      );
    expectOutcome(cases.batch_sampler_with_batch_size_1, loader, /./);
  });
  it('refuses dropLast without batching', () => {
    expectOutcome(
      cases.batch_size_none_drop_last,
      () => new DataLoader(ten, { batchSize: null, dropLast: true }).length,
      /mutually exclusive with dropLast/,
    );
  });
  it('refuses a negative numWorkers', () => {
    expectOutcome(
      cases.num_workers_negative,
      () => new DataLoader(ten, { numWorkers: -1 }).length,
      /numWorkers option should be a non-negative integer, got -1/,
    );
  });
  it('checks batchSize for an iterable dataset too', () => {
    expectOutcome(
      cases.iterable_batch_size_0,
      () => new DataLoader(new OneItem(), { batchSize: 0 }),
      /batchSize should be a positive integer value, but got batchSize=0/,
    );
    expectOutcome(cases.iterable_batch_size_fraction, () => new DataLoader(new OneItem(), { batchSize: 2.5 }), /but got batchSize=2.5/);
  });
  it('refuses a prefetchFactor below 1', () => {
    expectOutcome(
      cases.prefetch_factor_0_with_workers,
      () => new DataLoader(ten, { prefetchFactor: 0 }),
      /prefetchFactor should be a positive integer, got 0/,
    );
  });
});

describe('dataset and sampler arguments (torch 1.13)', () => {
  const cases = reference.checks;
  const untyped = (make: unknown) => make as (...parameters: unknown[]) => { length: number };
  it('ConcatDataset refuses a stream', () => {
    expectOutcome(cases.concat_iterable, () => new ConcatDataset([new OneItem() as never]).length, /does not support IterableDataset/);
  });
  it('replacement must be a boolean', () => {
    const random = () => new RandomSampler(ten, { replacement: 1 as unknown as boolean }).length;
    expectOutcome(cases.random_sampler_replacement_not_bool, random, /replacement should be a boolean value, but got replacement=1/);
    const weighted = () => new WeightedRandomSampler([1, 2], 2, { replacement: 1 as unknown as boolean }).length;
    expectOutcome(cases.weighted_replacement_not_bool, weighted, /replacement should be a boolean value, but got replacement=1/);
  });
  it('WeightedRandomSampler weights must be one-dimensional', () => {
    const nested = () =>
      untyped((weights: number[][], count: number) => new WeightedRandomSampler(weights as never, count))([[1, 2]], 3).length;
    expectOutcome(cases.weighted_two_dimensional, nested, /weights should be a 1d sequence/);
  });
  it('SubsetRandomSampler takes a generator, not an options object', () => {
    // torch's SubsetRandomSampler(indices, generator=None): a keyword-style object is no generator
    expect(() => new SubsetRandomSampler([1, 2], { generator: 1 } as never)).toThrow(/generator should be a Generator, got an object/);
  });
  it('oneHot cannot infer the classes of empty indices', () => {
    expectOutcome(cases.one_hot_empty_inferred, () => oneHot([]).shape, /can not infer the number of classes/);
    expectOutcome(cases.one_hot_empty_given, () => oneHot([], 3).shape, /./);
  });
});

describe('randomSplit (torch 1.13)', () => {
  const cases: (Outcome & { lengths: number[] })[] = reference.random_split;
  for (const item of cases)
    it(`lengths ${JSON.stringify(item.lengths)}`, () => {
      const split = () => randomSplit(ten, item.lengths).map((part) => part.length);
      const pattern = item.lengths.some((length) => length < 0) ? /fraction at index 0 is not between 0 and 1/ : /non-negative integer/;
      expectOutcome(item, split, pattern);
    });
});

describe('found by differential fuzzing (torch 1.13)', () => {
  const cases = reference.fuzzed;
  it('randomSplit reads fractions of a one-item dataset (it refused [0.5, 0.5] as counts)', () => {
    const splits: (Outcome & { size: number; lengths: number[] })[] = reference.random_split_small;
    for (const item of splits) {
      const dataset = { length: item.size, getItem: (index: number) => index };
      expectOutcome(item, () => randomSplit(dataset, item.lengths).map((part) => part.length), /./);
    }
  });
  it('WeightedRandomSampler takes a 1-d tensor of weights (it read one as empty: "weights sum to zero")', () => {
    const weights = tensor([1, 2], { dtype: 'float64' });
    expectOutcome(cases.weighted_tensor_weights, () => [...new WeightedRandomSampler(weights, 3)].length, /./);
    expect([...new WeightedRandomSampler(weights, 50)].every((index) => index === 0 || index === 1)).toBe(true);
    const matrix = () => [...new WeightedRandomSampler(tensor([[1, 2]]), 3)].length;
    expectOutcome(cases.weighted_matrix_tensor_weights, matrix, /weights should be a 1d sequence, but got a tensor of shape \[1, 2\]/);
  });
  it('dropLast must be a boolean (a truthy string dropped the last batch)', () => {
    const sampler = (dropLast: unknown) => () => [...new BatchSampler(new SequentialSampler(ten), 2, dropLast as boolean)];
    expectOutcome(
      cases.batch_sampler_drop_last_text,
      sampler('no'),
      /BatchSampler: dropLast should be a boolean value, but got dropLast='no'/,
    );
    expectOutcome(cases.batch_sampler_drop_last_one, sampler(1), /BatchSampler: dropLast should be a boolean value, but got dropLast=1/);
    const loader = () => new DataLoader(ten, { batchSize: 2, dropLast: 'no' as unknown as boolean }).length;
    expectOutcome(cases.loader_drop_last_text, loader, /DataLoader: dropLast should be a boolean value, but got dropLast='no'/);
  });
  it('collating integers beyond int32 throws where torch widens to int64 (they wrapped: 2³¹ became −2³¹)', () => {
    expect(cases.collate_beyond_int32.value).toEqual(['torch.int64']);
    expect(() => defaultCollate([2 ** 31, 3e9])).toThrow(/defaultCollate: entry 0 is the integer 2147483648, outside int32/);
    expect([...defaultCollate([2 ** 31 - 1, -(2 ** 31)]).dataSync()]).toEqual([2 ** 31 - 1, -(2 ** 31)]);
  });
  it('collating objects refuses a sample without a key of the first (it collated undefined)', () => {
    expectOutcome(
      cases.collate_missing_key,
      () => defaultCollate([{ a: 'x' }, {}]),
      /defaultCollate: entry 0 has the key 'a' but entry 1 does not/,
    );
  });
});

describe('StandardScaler (scikit-learn 1.2.1)', () => {
  const fixture = reference.standard_scaler;
  const x = tensor(fixture.x, { dtype: 'float64' });
  const close = (actual: Float64Array | null, expected: number[] | null, tolerance: number) => {
    if (expected === null) expect(actual).toBeNull();
    else expect(maxDifference(Array.from(actual!), expected)).toBeLessThan(tolerance);
  };
  it.each(['default', 'no_mean', 'no_std', 'neither'])('%s: constant columns scale by 1, attributes as scikit-learn', (name) => {
    const expected = fixture[name];
    const scaler = new StandardScaler({ withMean: expected.kwargs.with_mean ?? true, withStd: expected.kwargs.with_std ?? true }).fit(x);
    close(scaler.mean, expected.mean, 1e-9);
    close(scaler.variance, expected.var, 1e-12);
    close(scaler.scale, expected.scale, 1e-12);
    expect(maxDifference(scaler.transform(x).toArraySync(), expected.transform)).toBeLessThan(1e-6);
    expect(maxDifference(scaler.inverseTransform(scaler.transform(x)).toArraySync(), expected.inverse)).toBeLessThan(1e-6);
  });
});

describe('MinMaxScaler (scikit-learn 1.2.1)', () => {
  it('refuses to inverse-transform rows of another width', () => {
    const scaler = new MinMaxScaler().fit([
      [1, 2],
      [3, 5],
    ]);
    expectOutcome(
      reference.min_max_inverse_wrong_width,
      () => scaler.inverseTransform([[0, 1, 0.5]]).toArraySync(),
      /3 features, but MinMaxScaler is expecting 2/,
    );
  });
});

describe('trainTestSplit (scikit-learn 1.2.1)', () => {
  const cases: (Outcome & { n: number; test_size: number; train_size: number })[] = reference.train_test_split;
  for (const item of cases)
    it(`n=${item.n} testSize=${item.test_size} trainSize=${item.train_size}`, () => {
      const sizes = () => {
        const { train, test } = trainTestSplitIndices(item.n, { testSize: item.test_size, trainSize: item.train_size, randomState: 0 });
        return [train.length, test.length];
      };
      const fractions = item.test_size < 1 && item.train_size < 1;
      expectOutcome(item, sizes, fractions ? /should be in the \(0, 1\) range/ : /should be smaller than the number of samples/);
    });
});

describe('synthetic data parameters (scikit-learn 1.2.1)', () => {
  const labels = (samples: Samples) => Array.from(samples.y.dataSync());
  const cases: [string, () => number[], RegExp][] = [
    [
      'moons_three_counts',
      () => labels(makeMoons({ nSamples: [3, 5, 2] as unknown as [number, number], shuffle: false })),
      /two-element array/,
    ],
    ['moons_one_count', () => labels(makeMoons({ nSamples: [3] as unknown as [number, number], shuffle: false })), /two-element array/],
    ['moons_negative', () => labels(makeMoons({ nSamples: -1, shuffle: false })), /non-negative integers, got -1/],
    ['moons_fraction', () => labels(makeMoons({ nSamples: 2.5, shuffle: false })), /non-negative integers, got 2.5/],
    ['moons_negative_noise', () => labels(makeMoons({ nSamples: 4, noise: -1, randomState: 0 })), /noise .* non-negative, got -1/],
    ['moons_pair', () => labels(makeMoons({ nSamples: [3, 5], shuffle: false })), /./],
    [
      'circles_three_counts',
      () => labels(makeCircles({ nSamples: [3, 4, 1] as unknown as [number, number], shuffle: false })),
      /two-element array/,
    ],
    ['circles_negative_noise', () => labels(makeCircles({ nSamples: 4, noise: -0.5, randomState: 0 })), /noise .* non-negative, got -0.5/],
    [
      'blobs_counts_with_center_count',
      () => labels(makeBlobs({ nSamples: [2, 3], centers: 4, randomState: 0, shuffle: false })),
      /centers must be an array of coordinates/,
    ],
    ['blobs_counts_without_centers', () => labels(makeBlobs({ nSamples: [2, 3], randomState: 0, shuffle: false })), /./],
    [
      'blobs_negative_std',
      () => labels(makeBlobs({ nSamples: 5, clusterStd: -1, randomState: 0 })),
      /clusterStd must be non-negative, got -1/,
    ],
    [
      'blobs_negative_std_in_list',
      () => labels(makeBlobs({ nSamples: 5, centers: 2, clusterStd: [1, -1], randomState: 0 })),
      /clusterStd must be non-negative, got -1/,
    ],
  ];
  it.each(cases)('%s', (name, run, pattern) => expectOutcome(reference.synthetic[name], run, pattern));
});
