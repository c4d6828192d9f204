import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { atan2, tensor, type Tensor } from '../src/index.js';
import { gradcheck, gradgradcheck } from '../src/testing/index.js';

// tan, the inverse and hyperbolic functions, log2, log10, exp2 and atan2 against torch 1.13
// (tools/fixtures/tensor_math_reference.py): float64 values and gradients, float32 values, and the
// domain edges (NaN outside, ±∞ at atanh(±1), atan2 of signed zeros).

interface FixtureTensor {
  shape: number[];
  data: (number | string)[];
}
interface MathCase {
  name: string;
  inputs: FixtureTensor[];
  output: FixtureTensor;
  float32: FixtureTensor;
  upstream: FixtureTensor;
  grads: FixtureTensor[];
}
interface Reference {
  cases: MathCase[];
  edges: { name: string; input: FixtureTensor; output: FixtureTensor }[];
  atan2Zeros: { y: number[]; x: number[]; output: FixtureTensor };
}
const reference = JSON.parse(readFileSync(new URL('./__fixtures__/torch-math-reference.json', import.meta.url), 'utf8')) as Reference;
const numbers = (fixture: FixtureTensor) => fixture.data.map(Number);
const asTensor = (fixture: FixtureTensor, dtype: 'float32' | 'float64') => tensor(numbers(fixture), { shape: fixture.shape, dtype });

const operations: Record<string, (...inputs: Tensor[]) => Tensor> = {
  tan: (x) => x!.tan(),
  asin: (x) => x!.asin(),
  acos: (x) => x!.acos(),
  atan: (x) => x!.atan(),
  sinh: (x) => x!.sinh(),
  cosh: (x) => x!.cosh(),
  asinh: (x) => x!.asinh(),
  acosh: (x) => x!.acosh(),
  atanh: (x) => x!.atanh(),
  log2: (x) => x!.log2(),
  log10: (x) => x!.log10(),
  exp2: (x) => x!.exp2(),
  atan2: (y, x) => atan2(y!, x!),
  'atan2 broadcast': (y, x) => y!.atan2(x!),
};

/** |actual − expected| ≤ relative·|expected| + absolute elementwise; NaN and ±∞ must match exactly. */
function expectValues(actual: Tensor, expected: FixtureTensor, label: string, relative: number, absolute: number): void {
  expect([...actual.shape], `${label}: shape`).toEqual(expected.shape);
  const got = Array.from(actual.dataSync());
  numbers(expected).forEach((want, index) => {
    const value = got[index]!;
    if (!Number.isFinite(want)) expect(value, `${label}[${index}]`).toBe(want);
    else if (!(Math.abs(value - want) <= absolute + relative * Math.abs(want)))
      expect.fail(`${label}[${index}] is ${value}, torch gives ${want}`);
  });
}

describe('math functions against torch', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))(
    '%s: float64 values and gradients, float32 values',
    (name, entry) => {
      const run = operations[name]!;
      const inputs = entry.inputs.map((input) => asTensor(input, 'float64').requiresGrad_());
      const output = run(...inputs);
      expectValues(output, entry.output, `${name} float64`, 1e-14, 1e-300);
      output.mul(asTensor(entry.upstream, 'float64')).sum().backward();
      inputs.forEach((input, index) => expectValues(input.grad!, entry.grads[index]!, `${name} gradient ${index}`, 1e-13, 1e-300));
      // float32: computed in float64 and rounded, as torch's CPU kernels round their float results
      expectValues(run(...entry.inputs.map((input) => asTensor(input, 'float32'))), entry.float32, `${name} float32`, 2 ** -23, 1e-38);
    },
  );

  it.each(reference.edges.map((entry) => [entry.name, entry] as const))('%s at its domain edges', (name, entry) => {
    expectValues(operations[name]!(asTensor(entry.input, 'float64')), entry.output, `${name} edges`, 0, 0);
  });

  it('atan2 of signed zeros, and of int32 operands (a float result, as torch)', () => {
    const { y, x, output } = reference.atan2Zeros;
    const result = atan2(tensor(Float64Array.from(y)), tensor(Float64Array.from(x)));
    expect(Array.from(result.dataSync()).map((value) => (Object.is(value, -0) ? '-0' : value))).toEqual(
      numbers(output).map((value) => (Object.is(value, -0) ? '-0' : value)),
    );
    const integers = atan2(tensor([1, -1], { dtype: 'int32' }), tensor([0, 0], { dtype: 'int32' }));
    expect(integers.dtype).toBe('float32');
    expect(Array.from(integers.dataSync())).toEqual([Math.fround(Math.PI / 2), Math.fround(-Math.PI / 2)]);
  });

  it('second derivatives by finite differences (gradgradcheck in float64)', () => {
    const inside = tensor([-0.6, -0.1, 0.3, 0.8], { dtype: 'float64' }).requiresGrad_();
    const above = tensor([1.2, 2.0, 3.5], { dtype: 'float64' }).requiresGrad_();
    for (const name of ['tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'asinh', 'atanh', 'exp2'])
      expect(gradgradcheck(operations[name]!, [inside]), name).toBe(true);
    for (const name of ['acosh', 'log2', 'log10']) expect(gradgradcheck(operations[name]!, [above]), name).toBe(true);
    const other = tensor([0.5, -0.7, -2.0, 1.1], { dtype: 'float64' }).requiresGrad_();
    expect(gradcheck((a, b) => atan2(a, b), [inside, other])).toBe(true);
    expect(gradgradcheck((a, b) => atan2(a, b), [inside, other])).toBe(true);
  });
});
