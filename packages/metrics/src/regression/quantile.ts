/**
 * numpy's `percentile(values, q)` with its default linear method: the sorted values v₀ ≤ … ≤ vₙ₋₁ read
 * at position h = (q/100)(n − 1), v⌊h⌋ + (h − ⌊h⌋)(v⌊h⌋₊₁ − v⌊h⌋), evaluated as numpy's `_lerp` does
 * (from the upper value when the fraction is ≥ ½) so the last bits agree. `percent` in [0, 100].
 */
export function percentile(values: ArrayLike<number>, percent: number): number {
  const sorted = Float64Array.from(values).sort();
  const position = (percent / 100) * (sorted.length - 1);
  const lower = Math.floor(position);
  if (lower >= sorted.length - 1) return sorted[sorted.length - 1]!;
  const fraction = position - lower;
  const below = sorted[lower]!;
  const above = sorted[lower + 1]!;
  const difference = above - below;
  return fraction >= 0.5 ? above - difference * (1 - fraction) : below + difference * fraction;
}

/** numpy's `median`: the middle sorted value, or the mean of the two middle ones for an even count. */
export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
