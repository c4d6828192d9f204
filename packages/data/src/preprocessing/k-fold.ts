import { refuseExtraArguments } from '@dl/tensor';
import { resolveGenerator } from '../random/generator.js';
import { CrossValidator, type CrossValidatorOptions } from './cross-validator.js';

/** One cross-validation split. */
export interface Fold {
  train: Int32Array;
  test: Int32Array;
}

/**
 * K consecutive folds (scikit-learn's `KFold`): the first n mod k folds have ⌊n/k⌋ + 1 samples, the
 * others ⌊n/k⌋; each fold is the test set once. With `shuffle`, the indices are permuted first.
 * @example
 * for (const { train, test } of new KFold({ nSplits: 5 }).split(100)) { ... }
 */
export class KFold extends CrossValidator {
  constructor(options: CrossValidatorOptions = {}, ...extra: never[]) {
    super('KFold', options);
    if (extra.length > 0) refuseExtraArguments('KFold', ['options'], extra);
  }

  /** The folds for `n` samples (a count, or anything with a length or a first dimension). */
  split(samples: number | { length: number } | { shape: readonly number[] }): Fold[] {
    const n = typeof samples === 'number' ? samples : 'shape' in samples ? samples.shape[0]! : samples.length;
    if (this.nSplits > n)
      throw new Error(`KFold: cannot have number of splits nSplits=${this.nSplits} greater than the number of samples: n_samples=${n}`);
    const indices = Int32Array.from({ length: n }, (_, i) => i);
    if (this.shuffle) resolveGenerator(this.randomState).shuffle(indices);
    const folds: Fold[] = [];
    let current = 0;
    for (let k = 0; k < this.nSplits; k++) {
      const size = Math.floor(n / this.nSplits) + (k < n % this.nSplits ? 1 : 0);
      const test = indices.slice(current, current + size);
      const train = Int32Array.from([...indices.subarray(0, current), ...indices.subarray(current + size)]).sort();
      folds.push({ train, test: test.sort() });
      current += size;
    }
    return folds;
  }
}
