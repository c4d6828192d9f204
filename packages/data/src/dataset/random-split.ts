import { checkOptions, describeValue, refuseExtraArguments } from '@dl/tensor';
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
  ...extra: never[]
): Subset<T>[] {
  if (extra.length > 0) refuseExtraArguments('randomSplit', ['dataset', 'lengths', 'options'], extra);
  checkOptions('randomSplit', options, ['generator']);
  if (typeof (dataset as { length?: unknown } | null)?.length !== 'number')
    throw new Error(`randomSplit: dataset must have a length (a Dataset, or an array), got ${describeValue(dataset)}`);
  if (!Array.isArray(lengths) || !lengths.every((length) => typeof length === 'number'))
    throw new Error(`randomSplit: lengths must be a list of counts or of fractions, got ${describeValue(lengths)}`);
  const total = dataset.length;
  let counts = [...lengths];
  const sum = lengths.reduce((a, b) => a + b, 0);
  // torch reads lengths as fractions when they sum to 1 (math.isclose; a one-item dataset's counts [1, 0]
  // give the same split read either way, and its fractions [0.5, 0.5] need this reading)
  if (Math.abs(sum - 1) <= 1e-9) {
    for (const [position, fraction] of lengths.entries())
      if (!(fraction >= 0 && fraction <= 1))
        throw new Error(`randomSplit: fraction at index ${position} is not between 0 and 1, got ${fraction}`);
    counts = lengths.map((fraction) => Math.floor(total * fraction));
    const remainder = total - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) counts[i % counts.length]! += 1;
  }
  for (const [position, count] of counts.entries())
    if (!Number.isInteger(count) || count < 0)
      throw new Error(
        `randomSplit: length at index ${position} should be a non-negative integer (or all lengths fractions summing to 1), got ${count}`,
      );
  if (counts.reduce((a, b) => a + b, 0) !== total)
    throw new Error(`randomSplit: sum of input lengths (${counts.join(' + ')}) does not equal the length of the input dataset (${total})`);
  const order = resolveGenerator(options.generator).permutation(total);
  let start = 0;
  return counts.map((count) => new Subset(dataset, order.subarray(start, (start += count))));
}
