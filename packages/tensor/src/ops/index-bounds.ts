import type { Tensor } from '../core/tensor.js';
import { contiguous } from './views.js';

/**
 * Throws for an index outside [0, extent) — a negative one included, as torch's gather and
 * embedding do — instead of reading memory out of range. CPU indices only: elsewhere there is no
 * synchronous read (the WebGPU kernels clamp).
 * @example
 * checkIndexBounds('gather', tensor([[-1]], { dtype: 'int32' }), 3); // Error: gather: index -1 is out of bounds for size 3 (torch has no negative indices here)
 */
export function checkIndexBounds(operation: string, index: Tensor, extent: number, axis?: number): void {
  const count = index.numel();
  if (index.device !== 'cpu' || count === 0) return;
  // read in place: the index of a max-pool backward is a few hundred thousand entries per step, and a
  // copy (dataSync) with an iterator cost a tenth of a CNN step
  const view = contiguous(index).kernelView();
  const values = view.buffer as Int32Array;
  const end = view.offset + count;
  for (let position = view.offset; position < end; position++) {
    const value = values[position]!;
    if (value < 0 || value >= extent) {
      const where = axis === undefined ? `size ${extent}` : `dim ${axis} with size ${extent}`;
      throw new Error(`${operation}: index ${value} is out of bounds for ${where}`);
    }
  }
}

/**
 * Throws torch's "division by zero" for an integer remainder by 0 (a float one is NaN, as in torch).
 * CPU divisors only.
 */
export function checkIntegerDivisor(operation: string, dividendDType: string, divisor: Tensor | number | boolean): void {
  if (dividendDType !== 'int32' && dividendDType !== 'bool') return;
  if (typeof divisor === 'number' || typeof divisor === 'boolean') {
    if (Number(divisor) === 0) throw new Error(`${operation}: integer division by zero`);
    return;
  }
  if (divisor.device !== 'cpu' || (divisor.dtype !== 'int32' && divisor.dtype !== 'bool')) return;
  for (const value of divisor.dataSync()) if (value === 0) throw new Error(`${operation}: integer division by zero`);
}
