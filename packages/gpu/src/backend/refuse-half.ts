import { halfUnsupported } from '../kernels/wgsl-types.js';

/**
 * `kernels` (a contract method, or an object of them such as `fused`), each refusing float16 tensor
 * views among its arguments, or among the fields of an object argument (recurrence gradients), when
 * it is called. The kernels bind buffers as f32 words: a float16 buffer would be read as garbage, and
 * a deferred one (a reduction root) would fail only when the batch is encoded, far from the call.
 */
export function refusingHalf<T>(operation: string, kernels: T): T {
  if (typeof kernels === 'function')
    return ((...parameters: unknown[]) => {
      if (parameters.some(holdsHalf)) throw new Error(halfUnsupported(operation));
      return kernels(...parameters);
    }) as T;
  if (kernels === null || typeof kernels !== 'object') return kernels;
  const wrapped: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(kernels)) wrapped[name] = refusingHalf(`${operation} ${name}`, entry);
  return wrapped as T;
}

function holdsHalf(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if ((value as { dtype?: unknown }).dtype === 'float16') return true;
  return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).some((field) => isHalfView(field));
}

function isHalfView(value: unknown): boolean {
  return value !== null && typeof value === 'object' && (value as { dtype?: unknown }).dtype === 'float16';
}
