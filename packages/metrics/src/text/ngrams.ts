/** Counts of the n-grams of `tokens` (keys join tokens with U+0000). */
export function ngramCounts(tokens: readonly string[], order: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let start = 0; start + order <= tokens.length; start++) {
    const key = tokens.slice(start, start + order).join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Σ over n-grams of min(count in a, count in b): the clipped overlap. */
export function overlapCount(left: Map<string, number>, right: Map<string, number>): number {
  let overlap = 0;
  for (const [key, count] of left) overlap += Math.min(count, right.get(key) ?? 0);
  return overlap;
}
