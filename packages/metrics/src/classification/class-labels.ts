import { check } from '../input/metric-error.js';
import { readInput, type MetricInput } from '../input/read-input.js';
import { checkLabels } from '../input/validate.js';
import { typeOfTarget } from './target-type.js';

/** Reads integer class labels `[n]` (validated: non-negative integers, below `numClasses` when given). */
export async function readTargetLabels(input: MetricInput, metric: string, numClasses?: number, name = 'target'): Promise<Float64Array> {
  const { values, shape } = await readInput(input, metric, name);
  check(shape.length <= 1, metric, () => {
    // Metrics that read labels here take no multilabel indicator matrix (scikit-learn's confusion_matrix,
    // matthews_corrcoef, … refuse it too); those that do read it before coming here.
    const isIndicator = typeOfTarget({ values, shape }) === 'multilabel-indicator';
    return `${name} must be a vector of class labels, got shape [${shape.join(', ')}]${isIndicator ? '; multilabel-indicator is not supported' : ''}`;
  });
  checkLabels(metric, values, name, numClasses);
  return values;
}

/**
 * Reads predicted labels: a vector of labels `[n]`, or scores `[n, classes]` reduced with argmax
 * (the first maximum, as `Tensor.argmax`).
 */
export async function readPredictedLabels(input: MetricInput, metric: string, numClasses?: number): Promise<Float64Array> {
  const { values, shape } = await readInput(input, metric, 'prediction');
  if (shape.length <= 1) {
    checkLabels(metric, values, 'prediction', numClasses);
    return values;
  }
  check(shape.length === 2, metric, `prediction must be labels [n] or scores [n, classes], got shape [${shape.join(', ')}]`);
  const [rows, columns] = shape as [number, number];
  if (numClasses !== undefined)
    check(columns === numClasses, metric, `prediction has ${columns} score columns but numClasses is ${numClasses}`);
  return Float64Array.from({ length: rows }, (_, row) => firstMaximum(values, row, columns));
}

/** The column of the largest score of `row` in row-major scores `[rows, columns]`, the first of tied ones (np.argmax, `Tensor.argmax`). */
export function firstMaximum(values: ArrayLike<number>, row: number, columns: number): number {
  let best = 0;
  for (let column = 1; column < columns; column++) if (values[row * columns + column]! > values[row * columns + best]!) best = column;
  return best;
}
