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

/**
 * scikit-learn's `_weighted_percentile` (the lower weighted percentile, used wherever it takes
 * `sample_weight` for a median or quantile): sort the values, accumulate their weights into the CDF
 * c₀ ≤ … ≤ cₙ₋₁ and return the first sorted value with cₖ ≥ (percent/100)·cₙ₋₁ (a target of exactly 0
 * is nudged up to the next float, so zero-weight values at the bottom are skipped). No interpolation:
 * with unit weights the median of an even count is the lower middle value, not numpy's mean of the two.
 */
export function weightedPercentile(values: ArrayLike<number>, weights: ArrayLike<number>, percent: number): number {
  const order = Array.from({ length: values.length }, (_, index) => index).sort((left, right) => values[left]! - values[right]!);
  const cumulative: number[] = [];
  let total = 0;
  for (const index of order) cumulative.push((total += weights[index]!));
  let threshold = (percent / 100) * total;
  if (threshold === 0) threshold = Number.MIN_VALUE;
  let position = cumulative.findIndex((sum) => sum >= threshold);
  if (position < 0) position = order.length - 1; // scikit-learn clips the index to the last value
  return values[order[position]!]!;
}

/** numpy's `median`: the middle sorted value, or the mean of the two middle ones for an even count. */
export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
