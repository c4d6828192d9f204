import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { type Tensor, tensor } from '../../src/index.js';

// What the torch fixture tests share: the tensors tools/fixtures/tensor_*_reference.py write, reading
// them, and comparing a result with torch's shape, dtype and values.

/** The dtypes the fixtures name. */
export type DType = 'float64' | 'float32' | 'int32' | 'bool';

/** A tensor as the fixture scripts write it: NaN, Infinity and -Infinity as strings (JSON has no such numbers). */
export interface FixtureTensor {
  shape: number[];
  data: (number | string)[];
  dtype?: DType;
}

/** The JSON fixture test/__fixtures__/`name`. */
export function readTorchFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8')) as T;
}

/** A fixture tensor's values as numbers, NaN and ±Infinity decoded. */
export const numbers = (fixture: Pick<FixtureTensor, 'data'>): number[] => fixture.data.map(Number);

/** torch's shape and dtype exactly, then `compare` on each of our values and torch's (where the tests' rules differ). */
export function expectEachValue(
  actual: Tensor,
  expected: FixtureTensor,
  dtype: DType,
  label: string,
  compare: (value: number, want: number, index: number) => void,
): void {
  expect([...actual.shape], `${label}: shape`).toEqual(expected.shape);
  expect(actual.dtype, `${label}: dtype`).toBe(dtype);
  const got = Array.from(actual.dataSync());
  numbers(expected).forEach((want, index) => compare(got[index]!, want, index));
}

/** The relative tolerance of each floating dtype; int32 and bool compare exactly. */
export interface Tolerances {
  float64: number;
  float32: number;
}

/**
 * torch's shape, dtype and values: NaN and ±∞ exactly, any other value to |value − want| ≤
 * tolerance·(1 + |want|) with its dtype's tolerance. A label in `zeroWhereTorchHasNaN` expects 0
 * where torch gives NaN (where a test documents that ours differs from torch on purpose).
 */
export function expectValues(
  actual: Tensor,
  expected: FixtureTensor,
  dtype: DType,
  label: string,
  tolerances: Tolerances,
  zeroWhereTorchHasNaN?: ReadonlySet<string>,
): void {
  const tolerance = dtype === 'float32' ? tolerances.float32 : dtype === 'float64' ? tolerances.float64 : 0;
  expectEachValue(actual, expected, dtype, label, (value, want, index) => {
    if (Number.isNaN(want)) {
      if (zeroWhereTorchHasNaN?.has(label)) expect(value, `${label}[${index}]`).toBe(0);
      else expect(value, `${label}[${index}]`).toBeNaN();
    } else if (!Number.isFinite(want)) expect(value, `${label}[${index}]`).toBe(want);
    else if (!(Math.abs(value - want) <= tolerance * (1 + Math.abs(want))))
      expect.fail(`${label}[${index}] is ${value}, torch gives ${want}`);
  });
}

/**
 * A fixture case of an operation on tensor inputs: torch's output and, where some input requires
 * grad, the gradients of Σ output·upstream with respect to those inputs, in order.
 */
export interface TensorOperationCase {
  name: string;
  inputs: (FixtureTensor & { dtype: DType; requiresGrad: boolean })[];
  output: FixtureTensor & { dtype: DType };
  upstream?: FixtureTensor;
  gradients?: FixtureTensor[];
}

/**
 * Runs `operation` on the case's inputs and compares the output with torch's, then the gradients of
 * Σ output·upstream; a case without gradients must give an output that records no graph (torch's
 * has none there either).
 */
export function expectTorchOperation(entry: TensorOperationCase, operation: (...inputs: Tensor[]) => Tensor, tolerances: Tolerances): void {
  const { name } = entry;
  const inputs = entry.inputs.map((input) =>
    tensor(numbers(input), { shape: input.shape, dtype: input.dtype, requiresGrad: input.requiresGrad }),
  );
  const output = operation(...inputs);
  expectValues(output, entry.output, entry.output.dtype, `${name} output`, tolerances);
  if (!entry.gradients) {
    expect(output.requiresGrad, `${name}: no gradient`).toBe(false);
    return;
  }
  output
    .mul(tensor(numbers(entry.upstream!), { shape: output.shape, dtype: output.dtype }))
    .sum()
    .backward();
  inputs
    .filter((input) => input.requiresGrad)
    .forEach((input, index) =>
      expectValues(input.grad!, entry.gradients![index]!, input.dtype as DType, `${name} gradient ${index}`, tolerances),
    );
}
