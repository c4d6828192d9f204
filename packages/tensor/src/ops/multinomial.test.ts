import { describe, it, expect } from 'vitest';
import { manualSeed, multinomial, tensor } from '../index.js';

/** Counts of each category among the drawn indices. */
function counts(values: ArrayLike<number>, categories: number): number[] {
  const result = new Array<number>(categories).fill(0);
  for (const value of Array.from(values)) result[value]!++;
  return result;
}

describe('multinomial', () => {
  it('draws with replacement in proportion to the weights (within 4.5 standard deviations)', () => {
    manualSeed(0);
    const weights = [1, 0, 3, 6]; // unnormalised, one impossible category
    const draws = 20_000;
    const sample = multinomial(tensor(weights), draws, { replacement: true });
    expect(sample.dtype).toBe('int32');
    expect(sample.shape).toEqual([draws]);
    const observed = counts(sample.dataSync(), 4);
    expect(observed[1]).toBe(0);
    weights.forEach((weight, category) => {
      const p = weight / 10;
      expect(Math.abs(observed[category]! - draws * p)).toBeLessThanOrEqual(4.5 * Math.sqrt(draws * p * (1 - p)) + 1e-9);
    });
  });

  it('draws each row from its own distribution, and a one-hot row always gives its category', () => {
    manualSeed(1);
    const sample = multinomial(
      tensor(
        [
          [0, 0, 1],
          [1, 0, 0],
        ],
        { dtype: 'float64' },
      ),
      5,
      { replacement: true },
    );
    expect(sample.toArraySync()).toEqual([
      [2, 2, 2, 2, 2],
      [0, 0, 0, 0, 0],
    ]);
  });

  it('without replacement, never repeats a category and never draws a zero weight', () => {
    manualSeed(2);
    for (let trial = 0; trial < 20; trial++) {
      const row = Array.from(multinomial(tensor([0.5, 0, 0.2, 0.3, 0.1]), 4).dataSync());
      expect(new Set(row).size).toBe(4);
      expect(row).not.toContain(1);
    }
  });

  it('is reproducible with manualSeed', () => {
    manualSeed(3);
    const first = multinomial(tensor([0.2, 0.3, 0.5]), 8, { replacement: true }).toArraySync();
    manualSeed(3);
    expect(multinomial(tensor([0.2, 0.3, 0.5]), 8, { replacement: true }).toArraySync()).toEqual(first);
  });

  it('rejects what PyTorch rejects', () => {
    expect(() => multinomial(tensor([0.5, 0.5]), 3)).toThrow(
      'cannot sample numSamples = 3 > prob_dist.size(-1) = 2 samples without replacement',
    );
    expect(() => multinomial(tensor([0.5, -0.5]), 1)).toThrow('invalid multinomial distribution');
    expect(() => multinomial(tensor([0, 0]), 1)).toThrow('invalid multinomial distribution');
    expect(() => multinomial(tensor([[[1]]]), 1)).toThrow('prob_dist must be 1 or 2 dim');
  });
});
