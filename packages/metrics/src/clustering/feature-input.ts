import { check } from '../input/metric-error.js';
import { readInput, type Matrix, type MetricInput } from '../input/read-input.js';
import { checkConsistentLength, pythonShape, readLabels, type ClusterLabels, type EncodedLabels } from './cluster-labels.js';

/** Samples `[nSamples, nFeatures]` with one encoded cluster label per sample. */
export interface LabeledSamples {
  readonly x: Matrix;
  readonly labels: EncodedLabels;
}

/**
 * scikit-learn's `check_X_y` for the clustering scores: `x` a finite matrix `[nSamples, nFeatures]`
 * with at least one sample and one feature, `labels` one-dimensional, one per sample (messages as
 * scikit-learn's, without its printout of the array).
 */
export async function readLabeledSamples(metric: string, x: MetricInput, labels: ClusterLabels): Promise<LabeledSamples> {
  const { values, shape } = await readInput(x, metric, 'x');
  check(
    shape.length >= 2,
    metric,
    () =>
      `Expected 2D array, got ${shape.length === 0 ? 'scalar' : '1D'} array instead. Reshape your data either using ` +
      'array.reshape(-1, 1) if your data has a single feature or array.reshape(1, -1) if it contains a single sample.',
  );
  check(shape.length === 2, metric, () => `Found array with dim ${shape.length}. Expected <= 2 (x is [nSamples, nFeatures]).`);
  const [rows, columns] = shape as [number, number];
  check(rows >= 1, metric, () => `Found array with 0 sample(s) (shape=${pythonShape(shape)}) while a minimum of 1 is required.`);
  check(columns >= 1, metric, () => `Found array with 0 feature(s) (shape=${pythonShape(shape)}) while a minimum of 1 is required.`);
  check(!values.some(Number.isNaN), metric, 'Input X contains NaN.');
  check(values.every(Number.isFinite), metric, "Input X contains infinity or a value too large for dtype('float64').");
  const encoded = await readLabels(
    metric,
    labels,
    'labels',
    (labelShape) => `labels should be a 1d array, got an array of shape ${labelShape} instead.`,
  );
  checkConsistentLength(metric, rows, encoded.codes.length);
  return { x: { values, rows, columns }, labels: encoded };
}

/** scikit-learn's `check_number_of_labels`: between 2 and n − 1 clusters. */
export function checkNumberOfLabels(metric: string, labels: number, samples: number): void {
  check(labels > 1 && labels < samples, metric, () => `Number of labels is ${labels}. Valid values are 2 to n_samples - 1 (inclusive)`);
}

/** The number of samples in each cluster. */
export function clusterSizes(labels: EncodedLabels): Float64Array {
  const sizes = new Float64Array(labels.classes);
  for (const code of labels.codes) sizes[code]!++;
  return sizes;
}
