import { checkOptions } from '@dl/tensor';
import type { MetricInput } from '../input/read-input.js';
import type { ClusterLabels } from './cluster-labels.js';
import { clusterCentroids } from './cluster-centroids.js';
import { checkNumberOfLabels, clusterSizes, readLabeledSamples } from './feature-input.js';

/**
 * What the centroid-based scores (Calinski–Harabasz, Davies–Bouldin) start from: the samples and
 * their cluster codes, checked as scikit-learn checks them (2 to n − 1 clusters), each cluster's size
 * and centroid. Both take no options, so any option is refused by name.
 */
export async function readClusteredSamples(metric: string, x: MetricInput, labels: ClusterLabels, options: Record<string, never>) {
  checkOptions(metric, options, []);
  const samples = await readLabeledSamples(metric, x, labels);
  const clusters = samples.labels.classes;
  checkNumberOfLabels(metric, clusters, samples.x.rows);
  const sizes = clusterSizes(samples.labels);
  return { ...samples.x, codes: samples.labels.codes, clusters, sizes, centroids: clusterCentroids(samples.x, samples.labels, sizes) };
}
