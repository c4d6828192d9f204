import { isTensor, tensor, type DType, type Tensor } from '@dl/tensor';

/** A 2-d input as float64 values (scalers compute in float64, as scikit-learn does). */
export interface Matrix {
  values: Float64Array;
  rows: number;
  columns: number;
  dtype: DType;
}

/** Reads a tensor [n, features] (or [n], one feature) or nested arrays into a float64 matrix. */
export function readMatrix(operation: string, input: Tensor | number[][] | number[]): Matrix {
  const source = isTensor(input) ? input : tensor(input as number[][], { dtype: 'float64' });
  if (source.ndim !== 1 && source.ndim !== 2)
    throw new Error(`${operation}: expected 2D array, got ${source.ndim}D array of shape [${source.shape.join(', ')}]`);
  const values = Float64Array.from(source.dataSync());
  const rows = source.shape[0]!;
  const dtype = isTensor(input) && (input.dtype === 'float32' || input.dtype === 'float64') ? input.dtype : 'float32';
  return { values, rows, columns: source.ndim === 1 ? 1 : source.shape[1]!, dtype };
}

/** A float64 matrix back to a tensor of the input's float dtype and shape. */
export function writeMatrix(values: Float64Array, shape: readonly number[], dtype: DType): Tensor {
  return tensor(values, { shape, dtype });
}

/**
 * Scales of constant features become 1, so they do not divide by zero (scikit-learn's
 * `_handle_zeros_in_scale`): those flagged in `constant`, or without a mask those under 10·machine epsilon.
 */
export function handleZerosInScale(scale: Float64Array, constant?: readonly boolean[]): Float64Array {
  const epsilon = 10 * Number.EPSILON;
  return scale.map((value, column) => ((constant ? constant[column] : value < epsilon) ? 1 : value));
}

/**
 * Which features are constant up to rounding (scikit-learn's `_is_constant_feature`): the computed
 * variance of n equal values c is not exactly 0 but bounded by n·ε·var + (n·c·ε)², ε = machine epsilon,
 * so a constant column of large values is not mistaken for a tiny spread (and divided by it).
 */
export function isConstantFeature(variance: Float64Array, mean: Float64Array, samples: number): boolean[] {
  const epsilon = Number.EPSILON;
  return Array.from(variance, (value, column) => value <= samples * epsilon * value + (samples * mean[column]! * epsilon) ** 2);
}
