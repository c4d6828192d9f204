import { type DType, float16Bits, float16Value, type TypedArray } from '@dl/tensor';
import type { GpuRuntime } from '../runtime/gpu-runtime.js';
import { IndexErrorFlag } from '../runtime/index-error-flag.js';
import type { GpuTensorBuffer } from './gpu-tensor-buffer.js';

/**
 * Uploads host values. bool arrives as one byte per element and is widened to one u32 per element;
 * float16 arrives as float32 values and is rounded to binary16 (ties to even), two to a word.
 * The target is a freshly allocated buffer that no pending command uses, so `queue.writeBuffer`
 * (which runs before the not yet submitted batch) cannot overtake a reader of old contents.
 */
export function writeBuffer(runtime: GpuRuntime, target: GpuTensorBuffer, data: TypedArray): void {
  if (data.length === 0) return;
  if (data.length > target.size) throw new Error(`webgpu write: ${data.length} values do not fit a buffer of ${target.size} elements`);
  const words =
    target.dtype === 'bool'
      ? Uint32Array.from(data as Uint8Array, (value) => (value ? 1 : 0))
      : target.dtype === 'float16'
        ? halvesOf(data)
        : inHostType(target.dtype, data);
  runtime.device.queue.writeBuffer(target.buffer, 0, words.buffer, words.byteOffset, words.byteLength);
}

/**
 * `data` as the host array of `dtype`: the bytes are uploaded as they are, so a Float64Array of values
 * for a float32 buffer (diag's mask) must be converted first, as the CPU backend's typed-array copy
 * converts; its bytes would otherwise overrun the buffer.
 */
function inHostType(dtype: DType, data: TypedArray): TypedArray {
  if (dtype === 'float32' && !(data instanceof Float32Array)) return Float32Array.from(data);
  if (dtype === 'int32' && !(data instanceof Int32Array)) return Int32Array.from(data);
  return data;
}

/** binary16 bits of each value, padded to a whole number of 4-byte words. */
function halvesOf(data: TypedArray): Uint16Array {
  const halves = new Uint16Array(data.length + (data.length % 2));
  for (let i = 0; i < data.length; i++) halves[i] = float16Bits(data[i]!);
  return halves;
}

/**
 * Downloads `size` elements from `offset`: submits the pending batch with a copy into a pooled
 * MAP_READ staging buffer, maps it, converts (u32 → bool bytes, binary16 → float32), and pools the
 * staging buffer again. Copies move whole words, so a float16 range is widened to the words holding it.
 * If an indexing kernel recorded an out-of-range index since the last read, throws that error.
 */
export async function readBuffer(
  runtime: GpuRuntime,
  source: GpuTensorBuffer,
  dtype: DType,
  offset: number,
  size: number,
): Promise<TypedArray> {
  // an empty view reads nothing, wherever it starts (unbind's pieces of an empty tensor start past its end)
  if (size > 0 && (offset < 0 || offset + size > source.size))
    throw new Error(`webgpu read: range [${offset}, ${offset + size}) is outside a buffer of ${source.size} elements`);
  const half = dtype === 'float16';
  const firstWord = half ? Math.floor(offset / 2) : offset;
  const words = size === 0 ? 0 : half ? Math.ceil((offset + size) / 2) - firstWord : size;
  // an indexing kernel ran since the last read: its out-of-range flag comes back in the same staging
  // buffer, 16 bytes after the data, so the check costs no extra map
  const checking = runtime.indexErrors.pending;
  const bytes = words * 4;
  const total = bytes + (checking ? 16 : 0);
  if (total === 0) {
    runtime.flush();
    await runtime.settle('read');
    return emptyArray(dtype);
  }
  const staging = runtime.stagingPool.acquire(total);
  const encoder = runtime.commandEncoder();
  if (bytes > 0) encoder.copyBufferToBuffer(source.buffer, firstWord * 4, staging, 0, bytes);
  const checkLabels = checking ? runtime.indexErrors.encodeCheck(encoder, staging, bytes) : [];
  runtime.flush();
  try {
    await staging.mapAsync(GPUMapMode.READ, 0, total);
  } catch (error) {
    await runtime.settle('read');
    throw error;
  }
  const mapped = staging.getMappedRange(0, total).slice(0);
  staging.unmap();
  runtime.stagingPool.release(staging);
  await runtime.settle('read');
  if (checking) {
    const indexError = IndexErrorFlag.verdict(new Uint32Array(mapped, bytes, 4), checkLabels);
    if (indexError) throw indexError;
  }
  const copy = mapped.slice(0, bytes);
  if (size === 0) return emptyArray(dtype);
  if (dtype === 'float32') return new Float32Array(copy);
  if (dtype === 'int32') return new Int32Array(copy);
  if (half) {
    const halves = new Uint16Array(copy, (offset % 2) * 2, size);
    return Float32Array.from(halves, float16Value);
  }
  return Uint8Array.from(new Uint32Array(copy), (value) => (value ? 1 : 0));
}

function emptyArray(dtype: DType): TypedArray {
  return dtype === 'float32' || dtype === 'float16' ? new Float32Array(0) : dtype === 'int32' ? new Int32Array(0) : new Uint8Array(0);
}
