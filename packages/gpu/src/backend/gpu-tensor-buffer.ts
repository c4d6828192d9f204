import type { DType } from '@dl/tensor';

/**
 * dtypes a WebGPU buffer can hold. Elements take 4 bytes (bool as one u32 per element), except
 * float16: IEEE binary16, two per u32 word, element i in bits 16·(i mod 2) … of word ⌊i/2⌋.
 */
export type GpuDType = 'float16' | 'float32' | 'int32' | 'bool';

/** Bytes of a buffer holding `size` elements of `dtype`, in whole 4-byte words. */
export function gpuBytes(dtype: GpuDType, size: number): number {
  return dtype === 'float16' ? Math.ceil(size / 2) * 4 : size * 4;
}

/** The `BackendBuffer` of the webgpu device: a pooled GPUBuffer and what it holds. */
export class GpuTensorBuffer {
  released = false;

  constructor(
    readonly buffer: GPUBuffer,
    readonly dtype: GpuDType,
    /** Elements (the GPUBuffer may be larger: sizes are rounded to a size class). */
    readonly size: number,
  ) {}
}

export function assertGpuDType(operation: string, dtype: DType): asserts dtype is GpuDType {
  if (dtype === 'float64')
    throw new Error(
      `webgpu ${operation}: float64 is not supported on WebGPU (WGSL has no 64-bit floats); ` +
        "keep float64 tensors on 'cpu' or cast them with .float() first",
    );
}

/** The buffer behind a tensor view, checked (a freed or foreign buffer is a bug worth a clear error). */
export function gpuBufferOf(operation: string, buffer: object): GPUBuffer {
  if (!(buffer instanceof GpuTensorBuffer))
    throw new Error(`webgpu ${operation}: the tensor's buffer does not belong to the webgpu device`);
  if (buffer.released) throw new Error(`webgpu ${operation}: the tensor's buffer was already freed`);
  return buffer.buffer;
}
