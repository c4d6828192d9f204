import { describeValue, isTensor, type Tensor } from '@dl/tensor';

/** Sample weights as scikit-learn takes them: one number for every row, or one number per row. */
export type SampleWeight = number | Tensor | ArrayLike<number>;

/**
 * One float64 weight per row, or null without weights (scikit-learn's `_check_sample_weight`): a
 * number is repeated for every row; a tensor or array must be 1-d with one finite number per row.
 * Negative weights are accepted, as scikit-learn accepts them. Weights that sum to 0 are refused: the
 * weighted mean divides by that sum (scikit-learn 1.2 returns NaN statistics there).
 * @example
 * readSampleWeight('StandardScaler.fit', [1, 0, 2], 3); // Float64Array [1, 0, 2]
 */
export function readSampleWeight(owner: string, sampleWeight: SampleWeight | null | undefined, rows: number): Float64Array | null {
  if (sampleWeight === undefined || sampleWeight === null) return null;
  let weights: Float64Array;
  if (typeof sampleWeight === 'number') weights = new Float64Array(rows).fill(sampleWeight);
  else if (isTensor(sampleWeight)) {
    if (sampleWeight.ndim !== 1)
      throw new Error(`${owner}: sample weights must be a 1-d array or a number, got shape [${sampleWeight.shape.join(', ')}]`);
    weights = Float64Array.from(sampleWeight.dataSync());
  } else if (typeof sampleWeight === 'object' && typeof sampleWeight.length === 'number') {
    if (!Array.from(sampleWeight).every((weight) => typeof weight === 'number'))
      throw new Error(`${owner}: sample weights must be a 1-d array of numbers or a number, got ${describeValue(sampleWeight)}`);
    weights = Float64Array.from(sampleWeight);
  } else throw new Error(`${owner}: sample weights must be a 1-d array or a number, got ${describeValue(sampleWeight)}`);
  if (weights.length !== rows) throw new Error(`${owner}: sampleWeight has ${weights.length} values, expected one per row (${rows})`);
  if (!weights.every(Number.isFinite)) throw new Error(`${owner}: sampleWeight contains NaN or infinity`);
  if (weights.reduce((sum, weight) => sum + weight, 0) === 0)
    throw new Error(`${owner}: the sample weights sum to 0, so the weighted mean is undefined`);
  return weights;
}
