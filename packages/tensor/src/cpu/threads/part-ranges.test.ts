import { describe, expect, it } from 'vitest';
import { partRanges } from './part-ranges.js';

describe('partRanges', () => {
  it('cuts items into contiguous parts on multiples of the granule, covering each item once', () => {
    // a recurrent layer's hidden units (granule 8) on 2 and 3 threads
    expect(partRanges(256, 2, 8)).toEqual([
      [0, 128],
      [128, 256],
    ]);
    expect(partRanges(100, 3, 8)).toEqual([
      [0, 40],
      [40, 80],
      [80, 100],
    ]);
    // elements in four-lane vectors: ⌈(2¹⁸ + 5) / 2 / 4⌉ · 4 = 131,076
    expect(partRanges(2 ** 18 + 5, 2, 4)).toEqual([
      [0, 131_076],
      [131_076, 2 ** 18 + 5],
    ]);
  });

  it('gives fewer parts than threads when the granules run out', () => {
    expect(partRanges(20, 4, 8)).toEqual([
      [0, 8],
      [8, 16],
      [16, 20],
    ]);
    expect(partRanges(3, 2, 1)).toEqual([
      [0, 2],
      [2, 3],
    ]);
    expect(partRanges(1, 3, 1)).toEqual([[0, 1]]);
  });
});
