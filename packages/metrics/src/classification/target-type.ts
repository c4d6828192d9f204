import { check } from '../input/metric-error.js';
import type { HostArray } from '../input/read-input.js';

/** scikit-learn's `type_of_target` for numeric input (its `'multiclass-multioutput'` etc. are refused by the metrics). */
export type TargetType =
  | 'binary'
  | 'multiclass'
  | 'multilabel-indicator'
  | 'continuous'
  | 'multiclass-multioutput'
  | 'continuous-multioutput'
  | 'unknown';

/**
 * The kind of a target array, as scikit-learn 1.2's `type_of_target`: more than two dimensions or no
 * column is `'unknown'`; a matrix of more than one column holding only 0 and 1 is a
 * `'multilabel-indicator'` (scikit-learn also calls a matrix of two other integers, say 1 and 2, one;
 * here it is `'multiclass-multioutput'`, which every metric refuses); otherwise a matrix of more than
 * one column adds `'-multioutput'`, non-integer values are `'continuous'`, more than two distinct
 * values (or several columns) `'multiclass'`, and the rest (a vector or one column) `'binary'`.
 * @example
 * typeOfTarget({ values: Float64Array.of(0, 1, 1, 0), shape: [2, 2] }); // 'multilabel-indicator'
 */
export function typeOfTarget({ values, shape }: HostArray): TargetType {
  if (shape.length > 2 || (shape.length === 2 && shape[1] === 0)) return 'unknown';
  const isMatrix = shape.length === 2 && shape[1]! > 1;
  if (isMatrix && values.every((value) => value === 0 || value === 1)) return 'multilabel-indicator';
  const suffix = isMatrix ? '-multioutput' : '';
  if (values.some((value) => !Number.isInteger(value))) return `continuous${suffix}` as TargetType;
  if (isMatrix || new Set(values).size > 2) return `multiclass${suffix}` as TargetType;
  return 'binary';
}

/**
 * scikit-learn's `_check_targets`: target and prediction must be of one kind (binary and multiclass
 * mix into multiclass), and that kind binary, multiclass or multilabel indicator; otherwise its
 * errors, "Classification metrics can't handle a mix of multilabel-indicator and multiclass targets"
 * or "multiclass-multioutput is not supported". Indicator matrices must also have as many columns.
 */
export function checkTargetTypes(
  metric: string,
  target: HostArray,
  prediction: HostArray,
): 'binary' | 'multiclass' | 'multilabel-indicator' {
  const targetType = typeOfTarget(target);
  const predictionType = typeOfTarget(prediction);
  const types = new Set([targetType, predictionType]);
  if (types.has('binary') && types.has('multiclass') && types.size === 2) return 'multiclass';
  check(types.size === 1, metric, () => `Classification metrics can't handle a mix of ${targetType} and ${predictionType} targets`);
  check(
    targetType === 'binary' || targetType === 'multiclass' || targetType === 'multilabel-indicator',
    metric,
    () => `${targetType} is not supported`,
  );
  if (targetType === 'multilabel-indicator')
    check(target.shape[1] === prediction.shape[1], metric, 'Multi-label binary indicator input with different numbers of labels');
  return targetType;
}
