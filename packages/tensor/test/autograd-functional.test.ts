import { describe, expect, it } from 'vitest';
import { hessian, hvp, jacobian, jvp, memory, tensor, vhp, vjp, type Tensor, type TensorOrTensors } from '../src/index.js';
import { gradcheck } from '../src/testing/index.js';
import { type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// jacobian, hessian, vjp, jvp, vhp and hvp against torch.autograd.functional 1.13
// (tools/fixtures/tensor_autograd_functional_reference.py): float64 to 1e-10, float32 to 1e-5, and the
// gradients that flow through the results with createGraph.

type Nested = FixtureTensor | Nested[];
interface FunctionalCase {
  name: string;
  dtype: 'float64' | 'float32';
  inputs: FixtureTensor[];
  inputsList: boolean;
  jacobian: Nested;
  outputs?: Nested;
  vOutputs?: Nested;
  vjp?: Nested;
  vInputs: Nested;
  jvp: Nested;
  hessian?: Nested;
  hvp?: Nested;
  vhp?: Nested;
}
const fixture = readTorchFixture<{
  constants: Record<'weight' | 'features' | 'targets', FixtureTensor>;
  createGraph: {
    x: FixtureTensor;
    r: FixtureTensor;
    r3: FixtureTensor;
    v3: FixtureTensor;
    mlp: FixtureTensor[];
    gradients: Record<string, Nested>;
  };
  cases: FunctionalCase[];
}>('torch-autograd-functional-reference.json');

const isFixtureTensor = (value: Nested): value is FixtureTensor => !Array.isArray(value);
const toTensor = (value: FixtureTensor, dtype: 'float64' | 'float32' = 'float64', requiresGrad = false) =>
  tensor(numbers(value), { shape: value.shape, dtype, requiresGrad });
const toTensors = (value: Nested, dtype: 'float64' | 'float32'): TensorOrTensors =>
  isFixtureTensor(value) ? toTensor(value, dtype) : value.map((entry) => toTensor(entry as FixtureTensor, dtype));

const weight = toTensor(fixture.constants.weight);
const features = toTensor(fixture.constants.features);
const targets = toTensor(fixture.constants.targets);

const functions: Record<string, (...inputs: Tensor[]) => Tensor | Tensor[]> = {
  elementwise: (x) => x.sin().mul(x.pow(2)),
  'matmul tanh': (x) => x.matmul(weight).tanh(),
  'cubic sum': (x) =>
    x
      .pow(3)
      .sum()
      .add(x.select(0, 0).mul(x.select(0, 1)).sin()),
  'mlp loss': (w1, b1, w2) => features.matmul(w1!.t()).add(b1!).tanh().matmul(w2!.t()).sub(targets).pow(2).mean(),
  'two inputs two outputs': (a, b) => [a!.unsqueeze(1).mul(b!), a!.sum().mul(b!).exp()],
};
const functionOf = (name: string) => functions[name.replace(/ float32$/, '')]!;
const scalarFunction = (name: string) => functionOf(name) as (...inputs: Tensor[]) => Tensor;

/** Compares a result nested as torch nests it (a tensor, or arrays of them) with the fixture. */
function expectNested(actual: unknown, expected: Nested, tolerance: number, label: string): void {
  if (isFixtureTensor(expected)) {
    const result = actual as Tensor;
    expect(Array.isArray(actual), `${label}: a tensor, not an array`).toBe(false);
    expect([...result.shape], `${label}: shape`).toEqual(expected.shape);
    const got = Array.from(result.dataSync());
    numbers(expected).forEach((want, index) => {
      if (!(Math.abs(got[index]! - want) <= tolerance * (1 + Math.abs(want))))
        expect.fail(`${label}[${index}] is ${got[index]}, torch gives ${want}`);
    });
    return;
  }
  expect(Array.isArray(actual), `${label}: an array`).toBe(true);
  expect((actual as unknown[]).length, `${label}: length`).toBe(expected.length);
  expected.forEach((entry, index) => expectNested((actual as unknown[])[index], entry, tolerance, `${label}[${index}]`));
}

describe('torch.autograd.functional against torch', () => {
  it.each(fixture.cases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const tolerance = entry.dtype === 'float32' ? 1e-5 : 1e-10;
    const inputs = (): TensorOrTensors => {
      const list = entry.inputs.map((input) => toTensor(input, entry.dtype));
      return entry.inputsList ? list : list[0]!;
    };
    const f = functionOf(name);
    expectNested(jacobian(f, inputs()), entry.jacobian, tolerance, 'jacobian');
    if (entry.vjp) {
      const [outputs, product] = vjp(f, inputs(), toTensors(entry.vOutputs!, entry.dtype));
      expectNested(outputs, entry.outputs!, tolerance, 'vjp outputs');
      expectNested(product, entry.vjp, tolerance, 'vjp');
    }
    expectNested(jvp(f, inputs(), toTensors(entry.vInputs, entry.dtype))[1], entry.jvp, tolerance, 'jvp');
    if (entry.hessian) {
      expectNested(hessian(scalarFunction(name), inputs()), entry.hessian, tolerance, 'hessian');
      expectNested(hvp(scalarFunction(name), inputs(), toTensors(entry.vInputs, entry.dtype))[1], entry.hvp!, tolerance, 'hvp');
      expectNested(vhp(scalarFunction(name), inputs(), { v: toTensors(entry.vInputs, entry.dtype) })[1], entry.vhp!, tolerance, 'vhp');
    }
  });

  describe('createGraph keeps the results differentiable', () => {
    const { x: xFixture, r: rFixture, r3: r3Fixture, v3: v3Fixture, gradients } = fixture.createGraph;
    const r = toTensor(rFixture);
    const r3 = toTensor(r3Fixture);
    const v3 = toTensor(v3Fixture);
    const gradientThrough = (result: (x: Tensor) => Tensor, weights: Tensor) => {
      const x = toTensor(xFixture, 'float64', true);
      result(x).mul(weights).sum().backward();
      return x.grad!;
    };
    const { elementwise } = functions as Record<string, (x: Tensor) => Tensor>;
    const cubicSum = scalarFunction('cubic sum');
    const options = { createGraph: true };
    it.each([
      ['jacobian elementwise', () => gradientThrough((x) => jacobian(elementwise!, x, options), r)],
      ['hessian cubic sum', () => gradientThrough((x) => hessian(cubicSum, x, options), r)],
      ['vjp elementwise', () => gradientThrough((x) => vjp(elementwise!, x, v3, true)[1], r3)],
      ['jvp elementwise', () => gradientThrough((x) => jvp(elementwise!, x, v3, options)[1], r3)],
      ['hvp cubic sum', () => gradientThrough((x) => hvp(cubicSum, x, { v: v3, createGraph: true })[1], r3)],
      ['vhp cubic sum', () => gradientThrough((x) => vhp(cubicSum, x, v3, true)[1], r3)],
    ] as const)('%s', (name, compute) => {
      expectNested(compute(), gradients[name]!, 1e-10, name);
    });

    it('hessian of the mlp loss, with respect to its weights', () => {
      const parameters = fixture.createGraph.mlp.map((parameter) => toTensor(parameter, 'float64', true));
      const blocks = hessian(scalarFunction('mlp loss'), parameters, { createGraph: true });
      blocks
        .flat()
        .map((block) => block.sum())
        .reduce((total, term) => total.add(term))
        .backward();
      expectNested(
        parameters.map((parameter) => parameter.grad),
        gradients['hessian mlp loss']!,
        1e-10,
        'hessian mlp loss',
      );
    });

    it('a differentiable jacobian passes gradcheck', () => {
      const x = toTensor(xFixture, 'float64', true);
      expect(gradcheck((input) => jacobian(elementwise!, input!, { createGraph: true }), [x])).toBe(true);
      expect(gradcheck((input) => jvp(elementwise!, input!, v3, { createGraph: true })[1], [x])).toBe(true);
    });

    it('without createGraph the results are detached, and the input is untouched', () => {
      const x = toTensor(xFixture, 'float64', true);
      const J = jacobian(elementwise!, x);
      const [y, product] = vjp(elementwise!, x, v3);
      for (const result of [J, y, product]) expect(result.requiresGrad).toBe(false);
      expect(x.grad).toBeNull();
    });
  });
});

describe('torch.autograd.functional errors and edge cases', () => {
  const x = () => tensor([0.5, -1, 2], { dtype: 'float64' });
  const constant = (input: Tensor) => input.detach().mul(2);

  it('gives zeros where an output does not depend on an input, and throws torch’s errors in strict mode', () => {
    const twoInputs = (a: Tensor, _b: Tensor) => a.mul(3);
    const [dA, dB] = jacobian(twoInputs as (...inputs: Tensor[]) => Tensor, [x(), x()]);
    expect(Array.from(dA!.dataSync())).toEqual([3, 0, 0, 0, 3, 0, 0, 0, 3]);
    expect(Array.from(dB!.dataSync())).toEqual(new Array(9).fill(0));
    expect(() => jacobian(twoInputs as (...inputs: Tensor[]) => Tensor, [x(), x()], { strict: true })).toThrow(
      'jacobian: output 0 of the user-provided function is independent of input 1. This is not allowed in strict mode.',
    );
    expect(() => jacobian(constant, x(), { strict: true })).toThrow(
      /jacobian: output 0 of the user-provided function does not require gradients/,
    );
    expect(Array.from(jacobian(constant, x()).dataSync())).toEqual(new Array(9).fill(0));
    expect(() => vjp(twoInputs as (...inputs: Tensor[]) => Tensor, [x(), x()], x(), { strict: true })).toThrow(
      'vjp: the output of the user-provided function is independent of input 1',
    );
    expect(() => jvp((a: Tensor) => a.mul(2), x(), x(), { strict: true, createGraph: true })).toThrow(
      /jvp: the jacobian of the user-provided function is independent of input 0.*createGraph/,
    );
    // linear: its gradient does not depend on the input
    expect(() => hessian((a: Tensor) => a.mul(2).sum(), x(), { strict: true })).toThrow(
      /hessian: the jacobian of the user-provided function is independent of input 0/,
    );
    expect(Array.from(hessian((a: Tensor) => a.mul(2).sum(), x()).dataSync())).toEqual(new Array(9).fill(0));
    expect(() => hvp((a: Tensor) => a.mul(2).sum(), x(), x(), { strict: true })).toThrow(
      /hvp: while computing the hessian, found that the jacobian/,
    );
  });

  it('checks v, the outputs of hessian-based functions and the options', () => {
    const square = (a: Tensor) => a.pow(2);
    expect(() => vjp(square, x(), tensor([1, 2], { dtype: 'float64' }))).toThrow('vjp: v has invalid size: should be [3] but got [2]');
    expect(() => vjp(square, x())).toThrow(
      /vjp: the vector v can only be left out if the output of the user-provided function is a single Tensor with a single element/,
    );
    expect(() => jvp(square, [x(), x()], [x()])).toThrow('jvp: v is an array of invalid length: should be 2 but got 1');
    expect(() => jvp(square, x(), [x(), x()])).toThrow('jvp: the given v should contain a single Tensor');
    expect(() => hvp(square, x(), x())).toThrow(
      /hvp: the Tensor returned by the function given to hvp should contain a single element, got shape \[3\]/,
    );
    expect(() => hessian(square, x())).toThrow(
      /hessian: the Tensor returned by the function given to hessian should contain a single element/,
    );
    expect(() => vhp(((a: Tensor) => [a.sum()]) as unknown as (a: Tensor) => Tensor, x(), x())).toThrow(
      'vhp: the function given to vhp should return a single Tensor',
    );
    expect(() => jacobian(square, x(), { vectorize: true })).toThrow(
      'jacobian: vectorize: true is not supported (it needs vmap); pass vectorize: false',
    );
    expect(() => jacobian(square, x(), { createGraf: true } as never)).toThrow(
      /jacobian: unknown option `createGraf`. Accepted options: createGraph, strict, vectorize/,
    );
    expect(() => vjp(square, x(), { vector: x() } as never)).toThrow(/vjp: unknown option `vector`/);
    expect(() => jacobian(square, [x(), 3] as never)).toThrow(
      /jacobian: the inputs must be either a Tensor or an array of Tensors but the value at index 1 is/,
    );
    expect(() => jacobian((() => 3) as never, x())).toThrow(/jacobian: the outputs of the user-provided function must be either a Tensor/);
  });

  it('jacobian of an empty output is empty, a 0-d output gives the input’s shape, and temporaries are freed', () => {
    expect([...jacobian((a: Tensor) => a.slice(0, 0, 0), x()).shape]).toEqual([0, 3]);
    expect([...jacobian((a: Tensor) => a.sum(), x()).shape]).toEqual([3]);
    const input = x();
    const before = memory().cpu!.liveTensors;
    const J = jacobian((a: Tensor) => a.pow(2).sin(), input);
    const [y, product] = jvp((a: Tensor) => a.exp(), input, input);
    const [value, hessianProduct] = hvp((a: Tensor) => a.pow(3).sum(), input, input);
    for (const result of [J, y, product, value, hessianProduct]) result.dispose();
    expect(memory().cpu!.liveTensors).toBe(before);
  });
});
