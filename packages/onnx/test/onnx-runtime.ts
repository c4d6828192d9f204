import * as ort from 'onnxruntime-node';
import type { Tensor } from '@dl/tensor';

const elementTypes = { float32: 'float32', int32: 'int32', bool: 'bool', float64: 'float64' } as const;

/** Runs ONNX Runtime (CPU, one thread) on the model with @dl tensors as feeds; returns the outputs by name. */
export async function runOnnx(
  bytes: Uint8Array,
  feeds: Record<string, Tensor>,
): Promise<Record<string, { dims: readonly number[]; data: Float32Array | Int32Array }>> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  const inputs: Record<string, ort.Tensor> = {};
  for (const [name, tensor] of Object.entries(feeds))
    inputs[name] = new ort.Tensor(elementTypes[tensor.dtype as keyof typeof elementTypes], tensor.contiguous().dataSync() as Float32Array, [
      ...tensor.shape,
    ]);
  const results = await session.run(inputs);
  await session.release();
  return Object.fromEntries(Object.entries(results).map(([name, value]) => [name, { dims: value.dims, data: value.data as Float32Array }]));
}

/** Largest |a − b| over two arrays of one length (Infinity when the lengths differ). */
export function maximumDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let largest = 0;
  for (let index = 0; index < a.length; index++) largest = Math.max(largest, Math.abs(a[index]! - b[index]!));
  return Number.isNaN(largest) ? Infinity : largest;
}
