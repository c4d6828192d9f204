import { checkOptions } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import type { IndexedSource } from './dataset.js';
import { Subset } from './subset.js';

/**
 * Splits a dataset into non-overlapping random subsets (PyTorch's `random_split`). `lengths` are counts
 * that sum to the dataset length, or fractions that sum to 1: each gets floor(n · fraction) and the
 * remainder is dealt one by one, round-robin, from the first subset (as PyTorch does).
 * @example
 * const [train, validation] = randomSplit(dataset, [0.8, 0.2], { generator: new Generator(42) });
 */
export function randomSplit<T>(
  dataset: IndexedSource<T>,
  lengths: readonly number[],
  options: { generator?: Generator } = {},
): Subset<T>[] {
  checkOptions('randomSplit', options, ['generator']);
  const total = dataset.length;
  let counts = [...lengths];
  const sum = lengths.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) < 1e-9 && lengths.every((length) => length >= 0 && length <= 1) && sum !== total) {
    counts = lengths.map((fraction) => Math.floor(total * fraction));
    const remainder = total - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) counts[i % counts.length]! += 1;
  }
  if (counts.reduce((a, b) => a + b, 0) !== total)
    throw new Error(`randomSplit: sum of input lengths (${counts.join(' + ')}) does not equal the length of the input dataset (${total})`);
  const order = resolveGenerator(options.generator).permutation(total);
  let start = 0;
  return counts.map((count) => new Subset(dataset, order.subarray(start, (start += count))));
}
