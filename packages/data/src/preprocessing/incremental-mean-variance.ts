/** Running per-column statistics of the rows seen so far. */
export interface RunningMoments {
  /** Column means (zeros before any row). */
  mean: Float64Array;
  /** Population variances (ddof = 0), or null when only the mean is tracked. */
  variance: Float64Array | null;
  /** Rows seen so far, or the sum of their sample weights (the same for every column: missing values are not supported). */
  count: number;
}

/**
 * Merges a batch of rows into running means and variances (scikit-learn's `_incremental_mean_and_var`,
 * the pairwise update of Chan, Golub and LeVeque, "Algorithms for computing the sample variance").
 *
 * With the old statistics (count n₁, sum S₁ = n₁·mean₁, unnormalised variance M₁ = n₁·var₁) and a batch
 * of count n₂ (sum S₂, unnormalised variance M₂ by the corrected two-pass formula
 * M₂ = Σ(x − S₂/n₂)² − (Σ(x − S₂/n₂))² / n₂), with n = n₁ + n₂:
 *
 *   mean = (S₁ + S₂) / n
 *   M    = M₁ + M₂ + (n₁/n₂) / n · (S₁/(n₁/n₂) − S₂)²      (the last term is n₁n₂/n · (mean₁ − mean₂)²)
 *   var  = M / n
 *
 * and M = M₂ on the first batch (n₁ = 0). With sample `weights` wᵢ every sum is weighted (S₂ = Σ wᵢxᵢ,
 * M₂ = Σ wᵢ(xᵢ − T)² − (Σ wᵢ(xᵢ − T))² / n₂ with T = S₂/n₂) and a batch counts n₂ = Σ wᵢ rather than
 * its rows, so the running count is the sum of the weights seen (scikit-learn's `n_samples_seen_`).
 * Without weights each wᵢ is 1, which changes no bit. The operations are scikit-learn's, in its
 * order, so the merged values agree with it to the last bits rather than only with the textbook formula.
 */
export function mergeMoments(
  previous: RunningMoments,
  values: Float64Array,
  rows: number,
  columns: number,
  weights: Float64Array | null = null,
): RunningMoments {
  const { count: lastCount } = previous;
  const batchCount = weights ? weights.reduce((sum, weight) => sum + weight, 0) : rows;
  const count = lastCount + batchCount;
  const batchSum = new Float64Array(columns);
  for (let r = 0; r < rows; r++) {
    const weight = weights ? weights[r]! : 1;
    for (let c = 0; c < columns; c++) batchSum[c]! += weight * values[r * columns + c]!;
  }
  const lastSum = previous.mean.map((mean) => mean * lastCount);
  const mean = lastSum.map((sum, c) => (sum + batchSum[c]!) / count);
  if (!previous.variance) return { mean, variance: null, count };

  // corrected two-pass variance of the batch around its own mean T = S₂ / n₂
  const batchMean = batchSum.map((sum) => sum / batchCount);
  const squares = new Float64Array(columns);
  const deviations = new Float64Array(columns);
  for (let r = 0; r < rows; r++) {
    const weight = weights ? weights[r]! : 1;
    for (let c = 0; c < columns; c++) {
      const deviation = values[r * columns + c]! - batchMean[c]!;
      squares[c]! += weight * (deviation * deviation);
      deviations[c]! += weight * deviation;
    }
  }
  const lastVariance = previous.variance;
  const lastOverNew = lastCount / batchCount;
  const variance = squares.map((square, c) => {
    const batchUnnormalised = square - (deviations[c]! * deviations[c]!) / batchCount;
    if (lastCount === 0) return batchUnnormalised / count;
    const lastUnnormalised = lastVariance[c]! * lastCount;
    const shift = lastSum[c]! / lastOverNew - batchSum[c]!;
    return (lastUnnormalised + batchUnnormalised + (lastOverNew / count) * (shift * shift)) / count;
  });
  return { mean, variance, count };
}
