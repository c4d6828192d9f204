import { readFileSync } from 'node:fs';
import { tensor, type Tensor } from '@dl/tensor';
import { expect } from 'vitest';

/** A tensor as tools/fixtures/nn_reference.py writes it. */
export interface FixtureTensor {
  shape: number[];
  data: number[];
}

export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8')) as T;
}

export function fromFixture(value: FixtureTensor, dtype: 'float32' | 'int32' | 'float64' = 'float32'): Tensor {
  const array =
    dtype === 'int32' ? Int32Array.from(value.data) : dtype === 'float64' ? Float64Array.from(value.data) : Float32Array.from(value.data);
  return tensor(array, { shape: value.shape });
}

/** |actual − expected| ≤ atol + rtol·|expected| elementwise, and equal shapes. */
export function expectClose(actual: Tensor | null | undefined, expected: FixtureTensor, label: string, rtol = 1e-4, atol = 1e-5): void {
  expect(actual, `${label}: missing`).toBeTruthy();
  expect([...actual!.shape], `${label}: shape`).toEqual(expected.shape);
  const values = actual!.dataSync();
  let worst = -1;
  let worstIndex = -1;
  expected.data.forEach((want, index) => {
    const got = values[index]!;
    const excess = Math.abs(got - want) - (atol + rtol * Math.abs(want));
    if (!(excess <= 0) && (worstIndex < 0 || excess > worst || Number.isNaN(got))) {
      worst = excess;
      worstIndex = index;
    }
  });
  if (worstIndex >= 0)
    expect.fail(
      `${label}: element ${worstIndex} is ${values[worstIndex]}, expected ${expected.data[worstIndex]} (rtol ${rtol}, atol ${atol})`,
    );
}
