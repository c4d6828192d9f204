import type { DType, TypedArray } from '@dl/tensor';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { bytesPerGpuElement, type GpuTensorBuffer } from './gpu-tensor-buffer.js';

/**
 * Uploads host values. bool arrives as one byte per element and is widened to one u32 per element.
 * The target is a freshly allocated buffer that no pending command uses, so `queue.writeBuffer`
 * (which runs before the not yet submitted batch) cannot overtake a reader of old contents.
 */
export function writeBuffer(runtime: GpuRuntime, target: GpuTensorBuffer, data: TypedArray): void {
  if (data.length === 0) return;
  if (data.length > target.size)
    throw new Error(`webgpu write: ${data.length} values do not fit a buffer of ${target.size} elements`);
  const words = target.dtype === 'bool' ? Uint32Array.from(data as Uint8Array, (value) => (value ? 1 : 0)) : data;
  runtime.device.queue.writeBuffer(target.buffer, 0, words.buffer, words.byteOffset, words.byteLength);
}

/**
 * Downloads `size` elements from `offset`: submits the pending batch with a copy into a pooled
 * MAP_READ staging buffer, maps it, converts (u32 → bool bytes), and pools the staging buffer again.
 */
export async function readBuffer(
  runtime: GpuRuntime,
  source: GpuTensorBuffer,
  dtype: DType,
  offset: number,
  size: number,
): Promise<TypedArray> {
  if (offset < 0 || offset + size > source.size)
    throw new Error(`webgpu read: range [${offset}, ${offset + size}) is outside a buffer of ${source.size} elements`);
  if (size === 0) {
    runtime.flush();
    await runtime.settle('read');
    return emptyArray(dtype);
  }
  const bytes = size * bytesPerGpuElement;
  const staging = runtime.stagingPool.acquire(bytes);
  runtime.commandEncoder().copyBufferToBuffer(source.buffer, offset * bytesPerGpuElement, staging, 0, bytes);
  runtime.flush();
  try {
    await staging.mapAsync(GPUMapMode.READ, 0, bytes);
  } catch (error) {
    await runtime.settle('read');
    throw error;
  }
  const copy = staging.getMappedRange(0, bytes).slice(0);
  staging.unmap();
  runtime.stagingPool.release(staging);
  await runtime.settle('read');
  if (dtype === 'float32') return new Float32Array(copy);
  if (dtype === 'int32') return new Int32Array(copy);
  return Uint8Array.from(new Uint32Array(copy), (value) => (value ? 1 : 0));
}

function emptyArray(dtype: DType): TypedArray {
  return dtype === 'float32' ? new Float32Array(0) : dtype === 'int32' ? new Int32Array(0) : new Uint8Array(0);
}
