/**
 * [first, end) ranges of `count` items, one per thread of `threads` at most, each starting on a
 * multiple of `granule`: contiguous parts of ⌈count / threads / granule⌉ · granule items, the last one
 * shorter. A part never straddles a granule (a four-lane vector, a tile's columns), and fewer parts than
 * threads come back when the granules run out.
 */
export function partRanges(count: number, threads: number, granule: number): [number, number][] {
  const size = Math.ceil(count / threads / granule) * granule;
  const ranges: [number, number][] = [];
  for (let first = 0; first < count; first += size) ranges.push([first, Math.min(first + size, count)]);
  return ranges;
}
