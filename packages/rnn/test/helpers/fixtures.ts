import { readFileSync } from 'node:fs';
import { tensor, type Tensor } from '@dl/tensor';
import { expect } from 'vitest';

/** A tensor as tools/fixtures/rnn_reference.py writes it. */
export interface FixtureTensor {
  shape: number[];
  data: number[];
}

export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8')) as T;
}

/** A float64 tensor (the fixtures are float64 throughout). */
export function fromFixture(value: FixtureTensor, requiresGrad = false): Tensor {
  return tensor(Float64Array.from(value.data), { shape: value.shape, requiresGrad });
}

/** |actual − expected| ≤ tolerance·(1 + |expected|) elementwise, and equal shapes. */
export function expectClose(actual: Tensor | null | undefined, expected: FixtureTensor, label: string, tolerance = 1e-10): void {
  expect(actual, `${label}: missing`).toBeTruthy();
  expect([...actual!.shape], `${label}: shape`).toEqual(expected.shape);
  const values = actual!.dataSync();
  expected.data.forEach((want, index) => {
    const got = values[index]!;
    if (!(Math.abs(got - want) <= tolerance * (1 + Math.abs(want))))
      expect.fail(`${label}: element ${index} is ${got}, expected ${want} (tolerance ${tolerance})`);
  });
}

/** What every layer and cell case of rnn_reference.py records. */
export interface RecurrentCase<Kind extends string> {
  name: string;
  kind: Kind;
  ts: { inputSize: number; hiddenSize: number; options: Record<string, unknown> };
  stateDict: Record<string, FixtureTensor>;
  input: FixtureTensor;
  inputGrad: FixtureTensor;
  h0?: FixtureTensor;
  h0Grad?: FixtureTensor;
  c0?: FixtureTensor;
  c0Grad?: FixtureTensor;
  hN: FixtureTensor;
  cN?: FixtureTensor;
  upstreamHN: FixtureTensor;
  upstreamCN?: FixtureTensor;
  paramGrads: Record<string, FixtureTensor>;
}

/** The case's state dict as float64 tensors, for `loadStateDict`. */
export function stateDictOf(testCase: { stateDict: Record<string, FixtureTensor> }): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(testCase.stateDict).map(([key, value]) => [key, fromFixture(value)]));
}
