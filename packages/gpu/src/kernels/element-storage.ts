import type { DType } from '@dl/tensor';
import { castValue, storageType, type Typed } from './wgsl-types.js';

/**
 * How a kernel that takes every dtype, float16 included, declares, reads and writes a tensor's buffer.
 * A float16 buffer is an array of u32 words, two binary16 elements each (element i in the half at bit
 * 16·(i mod 2) of word ⌊i/2⌋); it is read as f32 and written from f32, rounded to nearest even. Two
 * invocations may own the two halves of one word, so a write replaces its own half with two atomic
 * operations (clear, then set): each touches only its own bits, whatever the interleaving.
 */

/** The element type of the `array<…>` binding a buffer of `dtype` is declared with. */
export function bindingElement(operation: string, dtype: DType, access: 'read' | 'read-write'): string {
  if (dtype === 'float16') return access === 'read' ? 'u32' : 'atomic<u32>';
  return storageType(operation, dtype);
}

/** The type a kernel computes an element of `dtype` in: float16 works in f32. */
export function valueTypeOf(operation: string, dtype: DType): 'f32' | 'i32' | 'u32' {
  return dtype === 'float16' ? 'f32' : storageType(operation, dtype);
}

/** Element `index` (a u32 expression) of `binding`, in the dtype's value type. */
export function loadElement(operation: string, binding: string, index: string, dtype: DType): Typed {
  if (dtype === 'float16')
    return { code: `halfValue(extractBits(${binding}[(${index}) >> 1u], ((${index}) & 1u) * 16u, 16u))`, type: 'f32' };
  return { code: `${binding}[${index}]`, type: storageType(operation, dtype) };
}

/**
 * A statement storing `value` (already converted to the dtype, see convertTo) as element `index` of
 * `binding`; `index` may be evaluated more than once.
 */
export function storeElement(binding: string, index: string, value: string, dtype: DType): string {
  if (dtype !== 'float16') return `${binding}[${index}] = ${value};`;
  const word = `&${binding}[(${index}) >> 1u]`;
  const shift = `(((${index}) & 1u) * 16u)`;
  return `atomicAnd(${word}, ~(0xffffu << ${shift})); atomicOr(${word}, halfBits(${value}) << ${shift});`;
}

/** `value` in the value type of `dtype` (e.g. an int32 operand of a float16 product). */
export function asValueOf(operation: string, value: Typed, dtype: DType): string {
  return castValue(value, valueTypeOf(operation, dtype));
}
