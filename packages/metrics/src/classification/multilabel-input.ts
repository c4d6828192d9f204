import { check } from '../input/metric-error.js';
import { readInput, type MetricInput } from '../input/read-input.js';
import { checkSameLength } from '../input/validate.js';
import { checkTargetTypes } from './target-type.js';

/** Target and prediction indicator matrices `[rows, columns]` (row-major 0/1): column j is label j. */
export interface IndicatorMatrices {
  readonly target: Float64Array;
  readonly prediction: Float64Array;
  readonly rows: number;
  readonly columns: number;
}

/**
 * What a label metric was given: multilabel indicator matrices, or label input for the label readers
 * (the target already on the host when it was read here, so a tensor is read once).
 */
export type ClassificationInput =
  | { readonly kind: 'multilabel-indicator'; readonly indicators: IndicatorMatrices }
  | { readonly kind: 'labels'; readonly target: MetricInput; readonly prediction: MetricInput };

/** A reader of a label metric's input: readClassificationInput or, for a streaming batch, readClassificationBatch. */
export type ClassificationReader = (metric: string, target: MetricInput, prediction: MetricInput) => Promise<ClassificationInput>;

/**
 * Reads a label metric's input. A target with two dimensions and more than one column is checked as
 * scikit-learn's `_check_targets` does (so a multilabel target against label vectors throws "Classification
 * metrics can't handle a mix of multilabel-indicator and multiclass targets"), and multilabel indicator
 * matrices come back as such. A label vector target is left to the label readers: a matrix prediction
 * against it is scores `[n, classes]` (argmax), the package's convention, not a multilabel prediction.
 * Indicator matrices of no row are refused ("needs at least one sample"); a streaming batch reads
 * with readClassificationBatch, which takes them.
 */
export async function readClassificationInput(metric: string, target: MetricInput, prediction: MetricInput): Promise<ClassificationInput> {
  const input = await readClassificationBatch(metric, target, prediction);
  if (input.kind === 'multilabel-indicator') check(input.indicators.rows > 0, metric, 'needs at least one sample');
  return input;
}

/**
 * readClassificationInput for one batch of a streaming class: indicator matrices `[0, L]` are an empty
 * batch, which adds nothing (the class's compute checks that some batch had a sample).
 */
export async function readClassificationBatch(metric: string, target: MetricInput, prediction: MetricInput): Promise<ClassificationInput> {
  const targetArray = await readInput(target, metric, 'target');
  if (targetArray.shape.length !== 2 || targetArray.shape[1] === 1)
    return { kind: 'labels', target: targetArray.shape.length === 1 ? targetArray.values : target, prediction };
  const predictionArray = await readInput(prediction, metric, 'prediction');
  checkTargetTypes(metric, targetArray, predictionArray);
  const [rows, columns] = targetArray.shape as [number, number];
  checkSameLength(metric, { length: rows }, { length: predictionArray.shape[0]! });
  return { kind: 'multilabel-indicator', indicators: { target: targetArray.values, prediction: predictionArray.values, rows, columns } };
}
