import { checkOptions, describeValue, type DType, isTensor, refuseExtraArguments, tensor, type Tensor } from '@dl/tensor';

/**
 * One-hot rows for integer class indices: [n] → [n, numClasses] with a 1 at each index (PyTorch's
 * `F.one_hot`, but float32 by default since it is usually a target). `numClasses` defaults to max + 1,
 * as does -1 (PyTorch's default).
 * @example
 * oneHot([0, 2], 3).toArraySync(); // [[1, 0, 0], [0, 0, 1]]
 */
export function oneHot(
  indices: Tensor | ArrayLike<number>,
  numClasses?: number,
  options: { dtype?: DType } = {},
  ...extra: never[]
): Tensor {
  if (extra.length > 0) refuseExtraArguments('oneHot', ['indices', 'numClasses', 'options'], extra);
  if (!isTensor(indices) && !Array.isArray(indices) && !ArrayBuffer.isView(indices))
    throw new Error(`oneHot: indices must be a tensor or a list of class indices, got ${describeValue(indices)}`);
  if (numClasses !== undefined && !(Number.isInteger(numClasses) && numClasses >= -1))
    throw new Error(`oneHot: numClasses must be a non-negative integer (or -1 to infer it), got ${describeValue(numClasses)}`);
  checkOptions('oneHot', options, ['dtype']);
  const values = isTensor(indices) ? indices.dataSync() : Array.from(indices);
  const shape = isTensor(indices) ? [...indices.shape] : [values.length];
  let maximum = -1;
  for (const value of values) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`oneHot: class values must be non-negative integers, got ${value}`);
    maximum = Math.max(maximum, value);
  }
  const inferred = numClasses === undefined || numClasses === -1;
  if (inferred && values.length === 0) throw new Error('oneHot: can not infer the number of classes from empty indices; pass numClasses');
  const classes = inferred ? maximum + 1 : numClasses;
  if (maximum >= classes) throw new Error(`oneHot: class values must be smaller than numClasses (${classes}), got ${maximum}`);
  const out = new Float64Array(values.length * classes);
  for (let i = 0; i < values.length; i++) out[i * classes + values[i]!] = 1;
  return tensor(out, { shape: [...shape, classes], dtype: options.dtype ?? 'float32' });
}
