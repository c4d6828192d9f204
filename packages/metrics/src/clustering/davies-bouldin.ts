import type { MetricInput } from '../input/read-input.js';
import type { ClusterLabels } from './cluster-labels.js';
import { squaredDistance } from './cluster-centroids.js';
import { readClusteredSamples } from './clustered-samples.js';
import { refuseExtraArguments } from '../input/extra-arguments.js';

/** numpy's `np.allclose(values, 0)`: every |v| ≤ 1e-8. */
function allNearZero(values: ArrayLike<number>): boolean {
  for (let index = 0; index < values.length; index++) if (Math.abs(values[index]!) > 1e-8) return false;
  return true;
}

/**
 * The Davies–Bouldin index (scikit-learn's `davies_bouldin_score`): with sᵢ the mean Euclidean distance
 * of cluster i's samples to its centroid μᵢ, DB = (1/k) Σᵢ maxⱼ≠ᵢ (sᵢ + sⱼ) / ‖μᵢ − μⱼ‖; lower is
 * better, 0 at best. Clusters with coinciding centroids are skipped in the max (their ratio counts as 0),
 * and DB is 0 when every sᵢ or every centroid distance is within 1e-8 of 0, as scikit-learn.
 * Needs 2 to n − 1 clusters.
 * @example
 * await daviesBouldinScore([[0, 0], [0, 1], [5, 5], [5, 6]], [0, 0, 1, 1]); // 0.141…
 */
export async function daviesBouldinScore(
  x: MetricInput,
  labels: ClusterLabels,
  options: Record<string, never> = {},
  ...extra: never[]
): Promise<number> {
  refuseExtraArguments('daviesBouldinScore', ['x', 'labels', 'options?'], extra);
  const { values, rows, columns, codes, clusters, sizes, centroids } = await readClusteredSamples('daviesBouldinScore', x, labels, options);
  const spread = new Float64Array(clusters);
  for (let row = 0; row < rows; row++) {
    const cluster = codes[row]!;
    spread[cluster]! += Math.sqrt(squaredDistance(values, row, centroids, cluster, columns));
  }
  for (let cluster = 0; cluster < clusters; cluster++) spread[cluster]! /= sizes[cluster]!;
  const centroidDistances = new Float64Array(clusters * clusters);
  for (let first = 0; first < clusters; first++)
    for (let second = 0; second < clusters; second++)
      if (first !== second)
        centroidDistances[first * clusters + second] = Math.sqrt(squaredDistance(centroids, first, centroids, second, columns));
  if (allNearZero(spread) || allNearZero(centroidDistances)) return 0;
  let total = 0;
  for (let first = 0; first < clusters; first++) {
    let worst = 0;
    for (let second = 0; second < clusters; second++) {
      const distance = centroidDistances[first * clusters + second]!;
      // A zero distance (the diagonal, or coinciding centroids) becomes ∞, so its ratio is 0.
      if (distance !== 0) worst = Math.max(worst, (spread[first]! + spread[second]!) / distance);
    }
    total += worst;
  }
  return total / clusters;
}
