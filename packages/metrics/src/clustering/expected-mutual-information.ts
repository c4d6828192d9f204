/**
 * The expected mutual information E[MI] of two labelings drawn at random with the given cluster sizes
 * (aᵢ: sizes in the first labeling, bⱼ: in the second, N samples), under the hypergeometric model of
 * Vinh, Epps and Bailey (2009), the exact sum scikit-learn's `expected_mutual_information` takes:
 *
 * E[MI] = Σᵢ Σⱼ Σ_{n = max(1, aᵢ + bⱼ − N)}^{min(aᵢ, bⱼ)} (n/N) log(N n / (aᵢ bⱼ)) · P_ij(n),
 * P_ij(n) = C(aᵢ, n) C(N − aᵢ, bⱼ − n) / C(N, bⱼ), the probability that a cell holds n samples.
 *
 * scikit-learn evaluates P as exp(log aᵢ! + log bⱼ! + … − log N! − …) with log-gamma: differences of
 * values near 2N log N, whose rounding alone (an ulp of 3·10⁵ is 6·10⁻¹¹) leaves its sum about 1e−11
 * relative from the true value at N = 10⁴. Here P comes from the ratio of consecutive terms,
 * P(n + 1) / P(n) = (a − n)(b − n) / ((n + 1)(N − a − b + n + 1)), walked outwards from the mode
 * ⌊(a + 1)(b + 1) / (N + 2)⌋ with weight 1 and divided by the sum of all weights (Σₙ P(n) = 1): no
 * cancellation, a few roundings per step, O(Σᵢⱼ min(aᵢ, bⱼ)) time.
 */
export function expectedMutualInformation(rowSums: ArrayLike<number>, columnSums: ArrayLike<number>, samples: number): number {
  // Any labeling with a single cluster has zero entropy, hence zero expected information.
  if (rowSums.length === 1 || columnSums.length === 1) return 0;
  let expected = 0;
  for (let row = 0; row < rowSums.length; row++)
    for (let column = 0; column < columnSums.length; column++) expected += cellExpectation(rowSums[row]!, columnSums[column]!, samples);
  return expected;
}

/** Σₙ (n/N) log(N n / (a b)) P(n) for one cell, P the hypergeometric distribution of n ∈ [max(0, a + b − N), min(a, b)]. */
function cellExpectation(a: number, b: number, samples: number): number {
  const low = Math.max(0, a + b - samples);
  const high = Math.min(a, b);
  const mode = Math.min(high, Math.max(low, Math.floor(((a + 1) * (b + 1)) / (samples + 2))));
  const rest = samples - a - b;
  const term = (count: number): number => (count === 0 ? 0 : (count / samples) * Math.log((samples * count) / (a * b)));
  let weightSum = 1;
  let weighted = term(mode);
  let weight = 1;
  // Upwards: P(n + 1) = P(n) (a − n)(b − n) / ((n + 1)(N − a − b + n + 1)); stop once the weights underflow.
  for (let count = mode; count < high && weight > 0; count++) {
    weight *= ((a - count) * (b - count)) / ((count + 1) * (rest + count + 1));
    weightSum += weight;
    weighted += weight * term(count + 1);
  }
  weight = 1;
  // Downwards: P(n − 1) = P(n) n (N − a − b + n) / ((a − n + 1)(b − n + 1)).
  for (let count = mode; count > low && weight > 0; count--) {
    weight *= (count * (rest + count)) / ((a - count + 1) * (b - count + 1));
    weightSum += weight;
    weighted += weight * term(count - 1);
  }
  return weighted / weightSum;
}
