import type { Matrix } from '../input/read-input.js';
import type { EncodedLabels } from './cluster-labels.js';

/** The mean of the samples of each cluster, `[clusters, nFeatures]` row-major: μₖ = (1/|k|) Σ_{i ∈ k} xᵢ. */
export function clusterCentroids(x: Matrix, labels: EncodedLabels, sizes: Float64Array): Float64Array {
  const centroids = new Float64Array(labels.classes * x.columns);
  for (let row = 0; row < x.rows; row++) {
    const offset = labels.codes[row]! * x.columns;
    for (let column = 0; column < x.columns; column++) centroids[offset + column]! += x.values[row * x.columns + column]!;
  }
  for (let cluster = 0; cluster < labels.classes; cluster++)
    for (let column = 0; column < x.columns; column++) centroids[cluster * x.columns + column]! /= sizes[cluster]!;
  return centroids;
}

/** ‖a − b‖² between row `first` of `a` and row `second` of `b` (both with `columns` columns). */
export function squaredDistance(a: Float64Array, first: number, b: Float64Array, second: number, columns: number): number {
  let sum = 0;
  for (let column = 0; column < columns; column++) {
    const difference = a[first * columns + column]! - b[second * columns + column]!;
    sum += difference * difference;
  }
  return sum;
}
