import type { DType } from '@dl/tensor';
import { assertGpuDType } from '../backend/gpu-tensor-buffer.js';

/** WGSL scalar types a kernel computes in; `bool` is a WGSL boolean expression, never stored. */
export type WgslType = 'f32' | 'i32' | 'u32' | 'bool';

/** A WGSL expression and its type. */
export interface Typed {
  code: string;
  type: WgslType;
}

/**
 * Element type of a storage array holding `dtype`: bool is stored as one u32 (0 or 1) per element.
 * float16 packs two elements into a word: only kernels reading through element-storage.ts take it,
 * every other kernel refuses it here (or the backend does, before deferring the op).
 */
export function storageType(operation: string, dtype: DType): 'f32' | 'i32' | 'u32' {
  assertGpuDType(operation, dtype);
  if (dtype === 'float16') throw new Error(halfUnsupported(operation));
  return dtype === 'float32' ? 'f32' : dtype === 'int32' ? 'i32' : 'u32';
}

/** `expression != 0` for any type; NaN counts as true, as in JavaScript and PyTorch. */
export function truthy({ code, type }: Typed): string {
  if (type === 'bool') return `(${code})`;
  if (type === 'f32') return `isTrue(${code})`;
  return `(${code} != ${zeroOf(type)})`;
}

export function zeroOf(type: WgslType): string {
  return type === 'f32' ? '0.0' : type === 'i32' ? '0' : type === 'u32' ? '0u' : 'false';
}

/**
 * Converts a value to what a tensor of `dtype` stores: float → int truncates toward zero (NaN → 0, as a
 * JavaScript Int32Array stores it), anything → bool is `!= 0`.
 */
export function convertTo(value: Typed, dtype: DType): string {
  // a float16 value is computed in f32, rounded to what binary16 can hold
  if (dtype === 'float16') return `roundToHalf(${castValue(value, 'f32')})`;
  const target = storageType('convert', dtype);
  const { code, type } = value;
  if (dtype === 'bool') return `select(0u, 1u, ${truthy(value)})`;
  if (type === target) return code;
  if (type === 'bool') return target === 'f32' ? `select(0.0, 1.0, ${code})` : `select(0, 1, ${code})`;
  if (type === 'f32' && target === 'i32') return `floatToInt(${code})`;
  return `${target}(${code})`;
}

/** A value as type `target` (for computing: e.g. exp of an int tensor works in f32). */
export function castValue(value: Typed, target: 'f32' | 'i32' | 'u32'): string {
  if (value.type === target) return value.code;
  if (value.type === 'bool') return `select(${zeroOf(target)}, ${target === 'f32' ? '1.0' : target === 'i32' ? '1' : '1u'}, ${value.code})`;
  if (value.type === 'f32' && target === 'i32') return `floatToInt(${value.code})`;
  return `${target}(${value.code})`;
}

/** The error of a kernel given a float16 tensor it cannot read. */
export function halfUnsupported(operation: string): string {
  return (
    `webgpu ${operation}: float16 tensors (f16 storage, float32 arithmetic) support elementwise ops, matmul, ` +
    `casts and reads; cast with .float() before ${operation}`
  );
}
