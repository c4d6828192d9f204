import type { MetricInput } from '../input/read-input.js';
import type { ClusterLabels } from './cluster-labels.js';
import { squaredDistance } from './cluster-centroids.js';
import { readClusteredSamples } from './clustered-samples.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

/**
 * The Calinski–Harabasz score, or variance ratio criterion (scikit-learn's `calinski_harabasz_score`):
 * with k clusters of n samples, centroids μⱼ of sizes nⱼ and overall mean μ,
 * CH = [Σⱼ nⱼ ‖μⱼ − μ‖² / (k − 1)] / [Σⱼ Σ_{i ∈ j} ‖xᵢ − μⱼ‖² / (n − k)]: between-cluster over
 * within-cluster dispersion, higher for denser, better separated clusters; 1 when the within-cluster
 * dispersion is 0. Needs 2 to n − 1 clusters.
 * @example
 * await calinskiHarabaszScore([[0, 0], [0, 1], [5, 5], [5, 6]], [0, 0, 1, 1]); // 100
 */
export async function calinskiHarabaszScore(
  x: MetricInput,
  labels: ClusterLabels,
  options: Record<string, never> = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments('calinskiHarabaszScore', ['x', 'labels', 'options?'], extra);
  const { values, rows, columns, codes, clusters, sizes, centroids } = await readClusteredSamples(
    'calinskiHarabaszScore',
    x,
    labels,
    options,
  );
  const mean = new Float64Array(columns);
  for (let row = 0; row < rows; row++) for (let column = 0; column < columns; column++) mean[column]! += values[row * columns + column]!;
  for (let column = 0; column < columns; column++) mean[column]! /= rows;
  let between = 0;
  for (let cluster = 0; cluster < clusters; cluster++) between += sizes[cluster]! * squaredDistance(centroids, cluster, mean, 0, columns);
  let within = 0;
  for (let row = 0; row < rows; row++) within += squaredDistance(values, row, centroids, codes[row]!, columns);
  return within === 0 ? 1 : (between * (rows - clusters)) / (within * (clusters - 1));
}
