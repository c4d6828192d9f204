// Transforms, samplers, preprocessing, the synthetic generators, text and image helpers check their
// options with @dl/tensor's checkOptions (issue #14): a scikit-learn or PyTorch keyword in snake_case
// (`n_samples`) was silently ignored by the generators, which then used their defaults.
import { describe, expect, it } from 'vitest';
import { rand } from '@dl/tensor';
import {
  ColorJitter,
  KFold,
  loadCifar10,
  loadMnist,
  makeBlobs,
  makeCircles,
  makeClassification,
  makeGrid,
  makeMoons,
  makeRegression,
  MinMaxScaler,
  OneHotEncoder,
  MnistDataset,
  noisySine,
  oneHot,
  pad,
  randomSplit,
  randomWalk,
  slidingWindows,
  TensorDataset,
  trainTestSplit,
  Vocab,
  getTokenizer,
  RandomCrop,
  RandomErasing,
  RandomHorizontalFlip,
  RandomSampler,
  StandardScaler,
  WeightedRandomSampler,
} from '@dl/data';

describe('data options are checked', () => {
  it.each([
    [
      'RandomCrop',
      () => new RandomCrop(8, { pad_if_needed: true } as never),
      'RandomCrop: unknown option `pad_if_needed` (did you mean `padIfNeeded`?)',
    ],
    [
      'RandomHorizontalFlip',
      () => new RandomHorizontalFlip({ prob: 0.5 } as never),
      'RandomHorizontalFlip: unknown option `prob`. Accepted options: p, generator',
    ],
    [
      'ColorJitter',
      () => new ColorJitter({ hue_shift: 0.1 } as never),
      'ColorJitter: unknown option `hue_shift`. Accepted options: brightness, contrast, saturation, hue, generator',
    ],
    [
      'RandomErasing',
      () => new RandomErasing({ in_place: true } as never),
      'RandomErasing: unknown option `in_place` (did you mean `inplace`?)',
    ],
    ['RandomSampler', () => new RandomSampler({ length: 3 }, { num_samples: 2 } as never), 'did you mean `numSamples`?'],
    ['WeightedRandomSampler', () => new WeightedRandomSampler([1, 2], 2, { rng: 1 } as never), 'did you mean `generator`?'],
    ['MinMaxScaler', () => new MinMaxScaler({ feature_range: [0, 1] } as never), 'did you mean `featureRange`?'],
    ['StandardScaler', () => new StandardScaler({ with_mean: false } as never), 'did you mean `withMean`?'],
    ['OneHotEncoder', () => new OneHotEncoder({ handle_unknown: 'ignore' } as never), 'did you mean `handleUnknown`?'],
    ['KFold', () => new KFold({ n_splits: 3 } as never), 'KFold: unknown option `n_splits` (did you mean `nSplits`?)'],
  ])('%s', (_, make, message) => {
    expect(make).toThrow(message);
  });

  it.each([
    ['makeMoons', () => makeMoons({ n_samples: 10 } as never), 'makeMoons: unknown option `n_samples` (did you mean `nSamples`?)'],
    [
      'makeCircles',
      () => makeCircles({ random_state: 0 } as never),
      'makeCircles: unknown option `random_state` (did you mean `randomState`?)',
    ],
    ['makeBlobs', () => makeBlobs({ cluster_std: 2 } as never), 'makeBlobs: unknown option `cluster_std` (did you mean `clusterStd`?)'],
    ['makeClassification', () => makeClassification({ n_informative: 3 } as never), 'did you mean `nInformative`?'],
    ['makeRegression', () => makeRegression({ n_features: 3 } as never), 'did you mean `nFeatures`?'],
    ['noisySine', () => noisySine({ freq: 0.1 } as never), 'noisySine: unknown option `freq`'],
    [
      'randomWalk',
      () => randomWalk({ steps: 5 } as never),
      'randomWalk: unknown option `steps`. Accepted options: length, step, randomState, dtype',
    ],
    ['slidingWindows', () => slidingWindows(rand([10]), 3, { step: 2 } as never), 'slidingWindows: unknown option `step`'],
    [
      'Vocab.build',
      () => Vocab.build([['a']], { min_freq: 2 } as never),
      'Vocab.build: unknown option `min_freq` (did you mean `minFreq`?)',
    ],
    ['Vocab.decode', () => Vocab.build([['a']]).decode([0], { skip_tokens: ['a'] } as never), 'Vocab.decode: unknown option `skip_tokens`'],
    ['getTokenizer', () => getTokenizer('basic_english', { lower: true } as never), 'getTokenizer: unknown option `lower`'],
    ['makeGrid', () => makeGrid(rand([2, 1, 3, 3]), { n_row: 2 } as never), 'makeGrid: unknown option `n_row` (did you mean `nrow`?)'],
    ['pad', () => pad(rand([1, 3, 3]), [1, 1, 1, 1], { padding_mode: 'reflect' } as never), 'pad: unknown option `padding_mode`'],
    ['randomSplit', () => randomSplit(new TensorDataset(rand([4, 1])), [2, 2], { seed: 1 } as never), 'randomSplit: unknown option `seed`'],
    ['oneHot', () => oneHot([0, 1], 2, { dtype: 'int32', device: 'cpu' } as never), 'oneHot: unknown option `device`'],
    [
      'oneHot numClasses',
      () => oneHot([0, 1], { numClasses: 3 } as never),
      'oneHot: numClasses must be a non-negative integer (or -1 to infer it), got',
    ],
  ])('%s', (_, make, message) => {
    expect(make).toThrow(message);
  });

  it('loadCifar10 names an unknown option before reading any file', async () => {
    await expect(loadCifar10({ root: '/nonexistent', download: true } as never)).rejects.toThrow('loadCifar10: unknown option `download`');
  });

  it('the MNIST loaders name an option torchvision has and they do not, before reading any file', async () => {
    await expect(loadMnist({ root: '/nonexistent', download: true } as never)).rejects.toThrow('loadMnist: unknown option `download`');
    await expect(MnistDataset.load({ root: '/nonexistent', download: true } as never)).rejects.toThrow(
      'MnistDataset.load: unknown option `download`',
    );
  });

  it('trainTestSplit names scikit-learn’s snake_case keyword (it was ignored: the default 0.25 split was used)', () => {
    expect(() => trainTestSplit([rand([8, 1])], { test_size: 0.5 } as never)).toThrow(
      'trainTestSplit: unknown option `test_size` (did you mean `testSize`?)',
    );
  });

  it('oneHot takes PyTorch’s numClasses = -1 as “infer it”', () => {
    expect(oneHot([0, 2], -1).shape).toEqual([2, 3]);
  });
});
