/** Counts of the n-grams of `tokens`, keyed by the JSON of each n-gram's tokens. */
export function ngramCounts(tokens: readonly string[], order: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let start = 0; start + order <= tokens.length; start++) {
    // JSON escapes what it quotes, so two different n-grams never share a key whatever characters
    // their tokens hold; a separator would not do (joined with U+0000, ['a\0b', 'c'] and
    // ['a', 'b\0c'] were the same bigram).
    const key = JSON.stringify(tokens.slice(start, start + order));
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
