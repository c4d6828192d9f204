import { isTensor } from '@dl/tensor';
import { check } from '../input/metric-error.js';
import { readInput, type MetricInput } from '../input/read-input.js';

/**
 * One cluster label per sample: numbers (integers or not: only equality matters), strings, or a 1-D
 * tensor. As scikit-learn's `np.unique`, the distinct labels are ordered numerically or, for strings,
 * by code unit.
 */
export type ClusterLabels = MetricInput | readonly string[];

/** Labels mapped to 0, 1, …, classes − 1 in the order of their sorted distinct values (`np.unique(…, return_inverse=True)`). */
export interface EncodedLabels {
  readonly codes: Int32Array;
  readonly classes: number;
}

/** A shape as Python prints a tuple: `(2, 2)`, `(3,)`, `()`. */
export function pythonShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

function isStringArray(input: ClusterLabels): input is readonly string[] {
  return Array.isArray(input) && input.some((value) => typeof value === 'string');
}

/**
 * Reads one labeling and encodes it; a shape other than `[n]` throws `message(shape)` (each caller
 * words it as its scikit-learn counterpart does).
 */
export async function readLabels(
  metric: string,
  input: ClusterLabels,
  name: string,
  message: (shape: string) => string,
): Promise<EncodedLabels> {
  if (isStringArray(input)) {
    input.forEach((value, index) =>
      check(
        typeof value === 'string',
        metric,
        () => `${name} mixes strings and other values (${name}[${index}] = ${String(value)}); use one kind of label`,
      ),
    );
    return encode([...input].sort(compareCodeUnits), input);
  }
  check(isTensor(input) || typeof input !== 'string', metric, `${name} must be an array of labels, got a string`);
  const { values, shape } = await readInput(input as MetricInput, metric, name);
  check(shape.length === 1, metric, () => message(pythonShape(shape)));
  values.forEach((value, index) => check(!Number.isNaN(value), metric, () => `${name}[${index}] is NaN, which is not a cluster label`));
  return encode(Float64Array.from(values).sort(), values);
}

function compareCodeUnits(first: string, second: string): number {
  return first < second ? -1 : first > second ? 1 : 0;
}

/** Codes of `values` given them `sorted`: the index of each value among the distinct sorted values. */
function encode<Label extends string | number>(sorted: ArrayLike<Label>, values: ArrayLike<Label>): EncodedLabels {
  const index = new Map<Label, number>();
  for (let position = 0; position < sorted.length; position++) if (!index.has(sorted[position]!)) index.set(sorted[position]!, index.size);
  const codes = new Int32Array(values.length);
  for (let position = 0; position < values.length; position++) codes[position] = index.get(values[position]!)!;
  return { codes, classes: index.size };
}

/** scikit-learn's `check_consistent_length` message. */
export function checkConsistentLength(metric: string, ...lengths: number[]): void {
  check(
    lengths.every((length) => length === lengths[0]),
    metric,
    () => `Found input variables with inconsistent numbers of samples: [${lengths.join(', ')}]`,
  );
}

/**
 * scikit-learn's `check_clusterings`: both labelings one-dimensional and of the same length
 * ("labels_true must be 1D: shape is (2, 2)", "Found input variables with inconsistent numbers of samples: [3, 4]").
 */
export async function readClusterings(
  metric: string,
  labelsTrue: ClusterLabels,
  labelsPred: ClusterLabels,
): Promise<[EncodedLabels, EncodedLabels]> {
  const encodedTrue = await readLabels(metric, labelsTrue, 'labelsTrue', (shape) => `labelsTrue must be 1D: shape is ${shape}`);
  const encodedPred = await readLabels(metric, labelsPred, 'labelsPred', (shape) => `labelsPred must be 1D: shape is ${shape}`);
  checkConsistentLength(metric, encodedTrue.codes.length, encodedPred.codes.length);
  return [encodedTrue, encodedPred];
}
