import { checkOptions, isTensor } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import { readInput, type MetricInput } from '../input/read-input.js';
import type { ClusterLabels } from './cluster-labels.js';
import { contingencyFromDense, readContingency, type Contingency } from './contingency.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

/**
 * The entropy of a labeling from its cluster sizes cᵢ (scikit-learn's `entropy`), in nats:
 * H = −Σ (cᵢ/n) (log cᵢ − log n); 0 for one cluster and, as scikit-learn, 1 for no sample.
 */
export function entropyOfSizes(sizes: ArrayLike<number>): number {
  if (sizes.length === 0) return 1;
  let total = 0;
  let clusters = 0;
  for (let index = 0; index < sizes.length; index++) {
    total += sizes[index]!;
    if (sizes[index]! > 0) clusters++;
  }
  if (clusters === 1) return 0;
  const logTotal = Math.log(total);
  let entropy = 0;
  for (let index = 0; index < sizes.length; index++) {
    const size = sizes[index]!;
    if (size > 0) entropy += (size / total) * (Math.log(size) - logTotal);
  }
  return -entropy;
}

/**
 * The mutual information of a contingency table, in nats, as scikit-learn's `mutual_info_score` sums
 * it over the non-zero cells: MI = Σ (n_ij/N) (log n_ij − log N) + (n_ij/N) (log N_a + log N_b − log aᵢbⱼ),
 * i.e. Σ (n_ij/N) log(N n_ij / (aᵢ bⱼ)); terms below machine epsilon count as 0 and the sum is clipped
 * at 0. A table of one row or one column has MI 0.
 */
export function mutualInformationOf(metric: string, contingency: Contingency): number {
  const { rowSums, columnSums, cellRows, cellColumns, cellCounts, total } = contingency;
  if (rowSums.length === 1 || columnSums.length === 1) return 0;
  check(total > 0, metric, 'needs at least one sample (scikit-learn fails with "math domain error" on log 0)');
  const logTotal = Math.log(total);
  const logRowTotal = Math.log(rowSums.reduce((sum, size) => sum + size, 0));
  const logColumnTotal = Math.log(columnSums.reduce((sum, size) => sum + size, 0));
  let information = 0;
  for (let cell = 0; cell < cellCounts.length; cell++) {
    const count = cellCounts[cell]!;
    const fraction = count / total;
    const logOuter = -Math.log(rowSums[cellRows[cell]!]! * columnSums[cellColumns[cell]!]!) + logRowTotal + logColumnTotal;
    const term = fraction * (Math.log(count) - logTotal) + fraction * logOuter;
    if (Math.abs(term) >= Number.EPSILON) information += term;
  }
  return Math.max(information, 0);
}

export interface MutualInfoScoreOptions {
  /**
   * A precomputed contingency matrix `[classes, clusters]` of non-negative integer counts (nested arrays
   * or a tensor); when given, the labelings are ignored (pass `null`). scikit-learn's `contingency`.
   * Default: none, the table is counted from the labelings.
   */
  contingency?: MetricInput;
}

/** A precomputed contingency matrix, checked: two-dimensional, non-negative integer counts. */
async function readPrecomputed(metric: string, input: MetricInput): Promise<Contingency> {
  check(isTensor(input) || typeof input === 'object', metric, 'contingency must be a matrix [classes, clusters] of counts');
  const { values, shape } = await readInput(input, metric, 'contingency');
  check(shape.length === 2, metric, () => `contingency must be two-dimensional [classes, clusters], got shape [${shape.join(', ')}]`);
  values.forEach((count, index) =>
    check(
      Number.isInteger(count) && count >= 0,
      metric,
      () => `contingency holds ${count} at flat index ${index}; counts are non-negative integers`,
    ),
  );
  return contingencyFromDense(values, shape[0]!, shape[1]!);
}

/**
 * The mutual information of two labelings U, V of the same n samples (scikit-learn's
 * `mutual_info_score`), in nats: MI(U, V) = Σᵢ Σⱼ (|Uᵢ ∩ Vⱼ| / n) log(n |Uᵢ ∩ Vⱼ| / (|Uᵢ| |Vⱼ|)).
 * Symmetric, independent of the label values; 0 when either labeling has one cluster. With
 * `{ contingency }` it is computed from that matrix and the labelings are ignored.
 * @example
 * await mutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0]); // log 2 = 0.6931…
 * await mutualInfoScore(null, null, { contingency: [[2, 0], [0, 2]] }); // 0.6931…
 */
export async function mutualInfoScore(
  labelsTrue: ClusterLabels | null,
  labelsPred: ClusterLabels | null,
  options: MutualInfoScoreOptions = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments('mutualInfoScore', ['labelsTrue', 'labelsPred', 'options?'], extra);
  const metric = 'mutualInfoScore';
  checkOptions(metric, options, ['contingency']);
  if (options.contingency !== undefined) return mutualInformationOf(metric, await readPrecomputed(metric, options.contingency));
  check(labelsTrue !== null && labelsPred !== null, metric, 'needs both labelings, or a precomputed `contingency`');
  return mutualInformationOf(metric, await readContingency(metric, labelsTrue, labelsPred));
}
