import type { NestedArray, Tensor } from '../core/tensor.js';
import { isTensor } from '../core/brand.js';

export interface Tolerance {
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  atol?: number;
  /** NaN equals NaN (default true). */
  equalNan?: boolean;
}

type Values = Tensor | NestedArray | ArrayLike<number>;

async function flatten(values: Values): Promise<{ data: ArrayLike<number>; shape: number[] }> {
  if (isTensor(values)) return { data: await values.data(), shape: [...values.shape] };
  if (typeof values === 'number') return { data: [values], shape: [] };
  const shape: number[] = [];
  let level: unknown = values;
  while (Array.isArray(level) || ArrayBuffer.isView(level)) {
    shape.push((level as ArrayLike<unknown>).length);
    level = (level as ArrayLike<unknown>)[0];
  }
  const flat: number[] = [];
  const walk = (item: unknown) => {
    if (typeof item === 'number') flat.push(item);
    else for (const inner of Array.from(item as ArrayLike<unknown>)) walk(inner);
  };
  walk(values);
  return { data: flat, shape };
}

/** First mismatch of |actual − expected| ≤ atol + rtol·|expected|, or null when all elements pass. */
function firstMismatch(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: Tolerance): string | null {
  const { rtol = 1e-5, atol = 1e-8, equalNan = true } = tolerance;
  if (actual.length !== expected.length) return `length ${actual.length} vs expected ${expected.length}`;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(a) || Number.isNaN(e)) {
      if (equalNan && Number.isNaN(a) && Number.isNaN(e)) continue;
      return `element ${i}: ${a} vs expected ${e}`;
    }
    if (a === e) continue; // equal infinities
    if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) return `element ${i}: ${a} vs expected ${e} (|diff| ${Math.abs(a - e)})`;
  }
  return null;
}

/** Whether two tensors/arrays have equal shapes and values within tolerance (torch.allclose). */
export async function allclose(actual: Values, expected: Values, tolerance: Tolerance = {}): Promise<boolean> {
  const a = await flatten(actual);
  const e = await flatten(expected);
  return a.shape.join() === e.shape.join() && firstMismatch(a.data, e.data, tolerance) === null;
}

/** Throws a message naming the first mismatch (for tests). */
export async function assertClose(actual: Values, expected: Values, tolerance: Tolerance = {}, label = 'values'): Promise<void> {
  const a = await flatten(actual);
  const e = await flatten(expected);
  if (a.shape.join() !== e.shape.join()) throw new Error(`${label}: shape [${a.shape}] vs expected [${e.shape}]`);
  const mismatch = firstMismatch(a.data, e.data, tolerance);
  if (mismatch) throw new Error(`${label}: ${mismatch}`);
}
