// Transforms, samplers and preprocessing check their options with @dl/tensor's checkOptions (issue #14).
import { describe, expect, it } from 'vitest';
import {
  ColorJitter,
  KFold,
  MinMaxScaler,
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
      () => new ColorJitter({ hue: 0.1 } as never),
      'ColorJitter: unknown option `hue`. Accepted options: brightness, contrast, saturation, generator',
    ],
    ['RandomErasing', () => new RandomErasing({ inplace: true } as never), 'RandomErasing: unknown option `inplace`'],
    ['RandomSampler', () => new RandomSampler({ length: 3 }, { num_samples: 2 } as never), 'did you mean `numSamples`?'],
    ['WeightedRandomSampler', () => new WeightedRandomSampler([1, 2], 2, { rng: 1 } as never), 'did you mean `generator`?'],
    ['MinMaxScaler', () => new MinMaxScaler({ feature_range: [0, 1] } as never), 'did you mean `featureRange`?'],
    ['StandardScaler', () => new StandardScaler({ with_mean: false } as never), 'did you mean `withMean`?'],
    ['KFold', () => new KFold({ n_splits: 3 } as never), 'KFold: unknown option `n_splits` (did you mean `nSplits`?)'],
  ])('%s', (_, make, message) => {
    expect(make).toThrow(message);
  });
});
