import { check } from './metric-error.js';

/** Throws unless both sequences have the same length. */
export function checkSameLength(
  metric: string,
  target: ArrayLike<unknown>,
  prediction: ArrayLike<unknown>,
  names = ['target', 'prediction'],
): void {
  check(
    target.length === prediction.length,
    metric,
    () => `${names[0]} has ${target.length} values but ${names[1]} has ${prediction.length}`,
  );
}

/** Throws unless every value is an integer label in [0, numClasses) (or any non-negative integer without a count). */
export function checkLabels(metric: string, labels: ArrayLike<number>, name: string, numClasses?: number): void {
  for (let index = 0; index < labels.length; index++) {
    const label = labels[index]!;
    check(Number.isInteger(label) && label >= 0, metric, () => `${name}[${index}] = ${label} is not a non-negative integer class label`);
    if (numClasses !== undefined)
      check(label < numClasses, metric, () => `${name}[${index}] = ${label} is out of range for ${numClasses} classes`);
  }
}

/** Throws unless every value is 0 or 1. */
export function checkBinary(metric: string, labels: ArrayLike<number>, name: string): void {
  for (let index = 0; index < labels.length; index++)
    check(labels[index] === 0 || labels[index] === 1, metric, () => `${name}[${index}] = ${labels[index]} is not a binary label (0 or 1)`);
}

/** Throws unless each row of a [rows, columns] matrix is a probability distribution (sums to one within `tolerance`). */
export function checkProbabilityRows(metric: string, values: Float64Array, rows: number, columns: number, tolerance = 1e-4): void {
  for (let row = 0; row < rows; row++) {
    let total = 0;
    for (let column = 0; column < columns; column++) {
      const probability = values[row * columns + column]!;
      check(probability >= 0 && probability <= 1, metric, () => `probability [${row}, ${column}] = ${probability} is outside [0, 1]`);
      total += probability;
    }
    check(Math.abs(total - 1) <= tolerance, metric, () => `probabilities of row ${row} sum to ${total}, not 1`);
  }
}
