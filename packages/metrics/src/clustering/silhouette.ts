import { checkChoice, checkOptions } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import type { Matrix, MetricInput } from '../input/read-input.js';
import type { ClusterLabels, EncodedLabels } from './cluster-labels.js';
import { checkNumberOfLabels, clusterSizes, readLabeledSamples } from './feature-input.js';
import { NumpyRandomState } from './numpy-random-state.js';
import { distanceRows, type SilhouetteMetric } from './pairwise-distance.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

export type { SilhouetteMetric } from './pairwise-distance.js';

export interface SilhouetteSamplesOptions {
  /**
   * The distance: 'euclidean' (default), 'sqeuclidean', 'manhattan', 'cosine', or 'precomputed' (then
   * `x` is the square matrix of distances, with a zero diagonal).
   */
  metric?: SilhouetteMetric;
}

export interface SilhouetteScoreOptions extends SilhouetteSamplesOptions {
  /** Score a random subset of this many samples (all samples when it is n or more); default all, unshuffled. */
  sampleSize?: number;
  /**
   * The seed of the subset, an integer in [0, 2³² − 1]: the subset is the first `sampleSize` entries of
   * numpy's `RandomState(randomState).permutation(n)`, the samples scikit-learn draws for the same seed.
   * Default: a random seed (scikit-learn's `None`).
   */
  randomState?: number;
}

const metrics = {
  euclidean: 'euclidean',
  sqeuclidean: 'sqeuclidean',
  manhattan: 'manhattan',
  cosine: 'cosine',
  precomputed: 'precomputed',
} as const;

function readMetric(name: string, options: SilhouetteSamplesOptions): SilhouetteMetric {
  return checkChoice(name, 'metric', options.metric ?? 'euclidean', metrics);
}

/** scikit-learn's checks of a precomputed distance matrix: square, with |dᵢᵢ| ≤ 100 ε on the diagonal. */
function checkPrecomputed(name: string, x: Matrix): void {
  for (let index = 0; index < Math.min(x.rows, x.columns); index++)
    check(
      Math.abs(x.values[index * x.columns + index]!) <= 100 * Number.EPSILON,
      name,
      'The precomputed distance matrix contains non-zero elements on the diagonal. Use np.fill_diagonal(X, 0).',
    );
}

function checkSquare(name: string, x: Matrix): void {
  check(
    x.rows === x.columns,
    name,
    () => `Precomputed metric requires shape (n_queries, n_indexed). Got (${x.rows}, ${x.columns}) for ${x.rows} indexed.`,
  );
}

/**
 * The silhouette coefficient of every sample (scikit-learn's `silhouette_samples`): with a the mean
 * distance to the other samples of its cluster and b the smallest mean distance to the samples of
 * another cluster, s = (b − a) / max(a, b); 0 for a sample alone in its cluster (and where a = b = 0).
 * Distances are summed per cluster one sample at a time, O(n²·d) time and O(n) memory.
 */
function silhouetteOf(name: string, x: Matrix, labels: EncodedLabels, metric: SilhouetteMetric): number[] {
  const samples = labels.codes.length;
  checkNumberOfLabels(name, labels.classes, samples);
  if (metric === 'precomputed') checkSquare(name, x);
  const sizes = clusterSizes(labels);
  const distances = new Float64Array(samples);
  const sums = new Float64Array(labels.classes);
  const fillRow = distanceRows(x, metric);
  const silhouette = new Array<number>(samples);
  for (let sample = 0; sample < samples; sample++) {
    fillRow(sample, distances);
    sums.fill(0);
    for (let other = 0; other < samples; other++) sums[labels.codes[other]!]! += distances[other]!;
    const own = labels.codes[sample]!;
    // a: the own cluster's distances (including the zero to itself) over its size − 1; NaN when alone.
    const intra = sums[own]! / (sizes[own]! - 1);
    let inter = Infinity;
    for (let cluster = 0; cluster < labels.classes; cluster++)
      if (cluster !== own) inter = Math.min(inter, sums[cluster]! / sizes[cluster]!);
    const value = (inter - intra) / Math.max(intra, inter);
    silhouette[sample] = Number.isNaN(value) ? 0 : value;
  }
  return silhouette;
}

/**
 * The silhouette coefficient of each sample (scikit-learn's `silhouette_samples`): s = (b − a) / max(a, b),
 * a the mean distance to the other members of the sample's cluster, b the mean distance to the
 * members of the nearest other cluster; in [−1, 1], 0 for a singleton cluster. Needs 2 to n − 1 clusters.
 * @example
 * await silhouetteSamples([[0, 0], [0, 1], [5, 5], [5, 6]], [0, 0, 1, 1]); // [0.8656…, 0.8515…, 0.8515…, 0.8656…]
 */
export async function silhouetteSamples(
  x: MetricInput,
  labels: ClusterLabels,
  options: SilhouetteSamplesOptions = {},
  ...extra: never[]
): Promise<number[]> {
  refuseExtraArguments('silhouetteSamples', ['x', 'labels', 'options?'], extra);
  const name = 'silhouetteSamples';
  checkOptions(name, options, ['metric']);
  const metric = readMetric(name, options);
  const samples = await readLabeledSamples(name, x, labels);
  if (metric === 'precomputed') checkPrecomputed(name, samples.x);
  return silhouetteOf(name, samples.x, samples.labels, metric);
}

/** The rows (and, precomputed, the columns) `indices` of `x`, with their labels. */
function subset(x: Matrix, labels: EncodedLabels, indices: Int32Array, precomputed: boolean): [Matrix, EncodedLabels] {
  const columns = precomputed ? indices.length : x.columns;
  const values = new Float64Array(indices.length * columns);
  indices.forEach((row, position) => {
    for (let column = 0; column < columns; column++)
      values[position * columns + column] = x.values[row * x.columns + (precomputed ? indices[column]! : column)]!;
  });
  // Re-encode: a cluster absent from the subset is not counted (scikit-learn's LabelEncoder refits).
  const present = Int32Array.from(new Set(Array.from(indices, (row) => labels.codes[row]!))).sort();
  const recode = new Map(Array.from(present, (code, index) => [code, index]));
  const codes = Int32Array.from(indices, (row) => recode.get(labels.codes[row]!)!);
  return [
    { values, rows: indices.length, columns },
    { codes, classes: present.length },
  ];
}

/**
 * The mean silhouette coefficient over all samples (scikit-learn's `silhouette_score`): 1 for dense,
 * well-separated clusters, near 0 for overlapping ones, negative for wrong assignments. `sampleSize`
 * scores a random subset drawn as scikit-learn draws it (numpy's `RandomState(randomState).permutation`).
 * @example
 * await silhouetteScore([[0, 0], [0, 1], [5, 5], [5, 6]], [0, 0, 1, 1]); // 0.8585…
 * await silhouetteScore(x, labels, { metric: 'manhattan', sampleSize: 100, randomState: 0 });
 */
export async function silhouetteScore(
  x: MetricInput,
  labels: ClusterLabels,
  options: SilhouetteScoreOptions = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments('silhouetteScore', ['x', 'labels', 'options?'], extra);
  const name = 'silhouetteScore';
  checkOptions(name, options, ['metric', 'sampleSize', 'randomState']);
  const metric = readMetric(name, options);
  const { sampleSize, randomState } = options;
  check(
    sampleSize === undefined || (Number.isInteger(sampleSize) && sampleSize >= 1),
    name,
    () => `sampleSize must be a positive integer, got ${String(sampleSize)}`,
  );
  check(
    randomState === undefined || (Number.isInteger(randomState) && randomState >= 0 && randomState <= 2 ** 32 - 1),
    name,
    () => `randomState must be an integer between 0 and 2**32 - 1, got ${String(randomState)}`,
  );
  const samples = await readLabeledSamples(name, x, labels);
  let matrix = samples.x;
  let encoded = samples.labels;
  if (sampleSize !== undefined) {
    const seed = randomState ?? Math.floor(Math.random() * 2 ** 32);
    const indices = new NumpyRandomState(seed).permutation(matrix.rows).subarray(0, sampleSize);
    if (metric === 'precomputed') checkSquare(name, matrix);
    [matrix, encoded] = subset(matrix, encoded, indices, metric === 'precomputed');
  }
  if (metric === 'precomputed') checkPrecomputed(name, matrix);
  const values = silhouetteOf(name, matrix, encoded, metric);
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
