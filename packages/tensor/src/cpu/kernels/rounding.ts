/**
 * Rounding to an array's float dtype: Math.fround for a Float32Array, nothing for a Float64Array. A
 * kernel that computes in doubles and must round each intermediate as the composite's kernels store it
 * (log-softmax, the negative log-likelihood) takes it once per call.
 */
export function roundingOf(array: Float32Array | Float64Array): (value: number) => number {
  return array instanceof Float32Array ? Math.fround : identity;
}

function identity(value: number): number {
  return value;
}
