/** Mulberry32: a tiny seeded generator of uniform numbers in [0, 1), for reproducible subsets. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct indices from 0..size-1 (a partial Fisher–Yates shuffle); all of them, in order, when count ≥ size. */
export function sampleWithoutReplacement(size: number, count: number, random: () => number): number[] {
  const indices = Array.from({ length: size }, (_, index) => index);
  if (count >= size) return indices;
  for (let index = 0; index < count; index++) {
    const swap = index + Math.floor(random() * (size - index));
    [indices[index], indices[swap]] = [indices[swap]!, indices[index]!];
  }
  return indices.slice(0, count);
}
