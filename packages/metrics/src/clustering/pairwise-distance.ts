import type { Matrix } from '../input/read-input.js';

/** The distances the silhouette accepts (scikit-learn's `metric`), or a precomputed distance matrix. */
export type SilhouetteMetric = 'euclidean' | 'sqeuclidean' | 'manhattan' | 'cosine' | 'precomputed';

/** Fills `out[j]` with the distance from sample `row` to every sample j. */
export type DistanceRow = (row: number, out: Float64Array) => void;

/**
 * Distances from one sample to all, computed directly per pair, in float64:
 * euclidean √Σ (xₖ − yₖ)², sqeuclidean Σ (xₖ − yₖ)², manhattan Σ |xₖ − yₖ|,
 * cosine 1 − x·y / (‖x‖ ‖y‖) clipped to [0, 2] (rows normalized first, a zero row left zero, as
 * scikit-learn's `normalize`; the distance of a sample to itself is 0), precomputed: row `row` of `x`.
 * (scikit-learn computes the Euclidean distance as √(‖x‖² − 2x·y + ‖y‖²); the direct difference is as
 * accurate or more, and exactly 0 between equal samples.)
 */
export function distanceRows(x: Matrix, metric: SilhouetteMetric): DistanceRow {
  const { values, rows, columns } = x;
  if (metric === 'precomputed') return (row, out) => out.set(values.subarray(row * columns, row * columns + rows));
  if (metric === 'cosine') {
    const normalized = new Float64Array(values.length);
    for (let row = 0; row < rows; row++) {
      let squares = 0;
      for (let column = 0; column < columns; column++) squares += values[row * columns + column]! ** 2;
      const norm = Math.sqrt(squares) || 1;
      for (let column = 0; column < columns; column++) normalized[row * columns + column] = values[row * columns + column]! / norm;
    }
    return (row, out) => {
      for (let other = 0; other < rows; other++) {
        let similarity = 0;
        for (let column = 0; column < columns; column++)
          similarity += normalized[row * columns + column]! * normalized[other * columns + column]!;
        out[other] = other === row ? 0 : Math.min(Math.max(-similarity + 1, 0), 2);
      }
    };
  }
  const absolute = metric === 'manhattan';
  const root = metric === 'euclidean';
  return (row, out) => {
    for (let other = 0; other < rows; other++) {
      let sum = 0;
      for (let column = 0; column < columns; column++) {
        const difference = values[row * columns + column]! - values[other * columns + column]!;
        sum += absolute ? Math.abs(difference) : difference * difference;
      }
      out[other] = root ? Math.sqrt(sum) : sum;
    }
  };
}
