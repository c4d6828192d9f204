import { readFileSync } from 'node:fs';
import { tensor, type DType, type Tensor } from '@dl/tensor';
import { expect } from 'vitest';

/** A tensor as tools/fixtures/gan_reference.py writes it. */
export interface FixtureTensor {
  shape: number[];
  data: number[];
}

/** Reads packages/gan/test/__fixtures__/<name> (written by tools/fixtures/gan_reference.py, PyTorch 1.13). */
export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8')) as T;
}

export function fromFixture(value: FixtureTensor, dtype: DType = 'float64'): Tensor {
  return tensor(dtype === 'float64' ? Float64Array.from(value.data) : Float32Array.from(value.data), { shape: value.shape });
}

export function stateFromFixture(values: Record<string, FixtureTensor>, dtype: DType = 'float64'): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, fromFixture(value, dtype)]));
}

/** |actual − expected| ≤ atol + rtol·|expected| elementwise, and equal shapes; names the worst element. */
export function expectClose(actual: Tensor | null | undefined, expected: FixtureTensor, label: string, rtol = 1e-9, atol = 1e-12): void {
  expect(actual, `${label}: missing`).toBeTruthy();
  expect([...actual!.shape], `${label}: shape`).toEqual(expected.shape);
  const values = actual!.dataSync();
  let worstIndex = -1;
  let worst = 0;
  expected.data.forEach((want, index) => {
    const excess = Math.abs(values[index]! - want) - (atol + rtol * Math.abs(want));
    if (!(excess <= 0) && (worstIndex < 0 || excess > worst || Number.isNaN(excess))) {
      worst = excess;
      worstIndex = index;
    }
  });
  if (worstIndex >= 0)
    expect.fail(
      `${label}: element ${worstIndex} is ${values[worstIndex]}, expected ${expected.data[worstIndex]} (rtol ${rtol}, atol ${atol})`,
    );
}

/** A scalar within a relative tolerance, with a message naming it. */
export function expectNumberClose(actual: number, expected: number, label: string, rtol = 1e-9): void {
  if (!(Math.abs(actual - expected) <= rtol * Math.max(Math.abs(expected), 1e-30)))
    expect.fail(`${label}: got ${actual}, expected ${expected} (rtol ${rtol})`);
}
