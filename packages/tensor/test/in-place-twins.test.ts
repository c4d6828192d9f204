import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '../src/index.js';
// after the index, as users load it (the twins' module and tensor.ts import each other)
import { inPlaceTwinNames } from '../src/core/in-place-twins.js';
import { expectValues, type DType, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// torch's in-place twins against torch 1.13 (tools/fixtures/tensor_in_place_twins_reference.py): x
// after `x.name_(...args)` for every twin that @dl defines, on the same inputs and arguments.

type Argument = number | { tensor: FixtureTensor & { dtype: DType } } | { options: Record<string, unknown> };

interface Fixture {
  cases: { name: string; input: FixtureTensor & { dtype: DType }; args: Argument[]; output: FixtureTensor }[];
  sigmoid_gradient: { input: FixtureTensor; weights: FixtureTensor; gradient: FixtureTensor };
  integer_sqrt_error: string;
}

const fixture = readTorchFixture<Fixture>('torch-in-place-twins-reference.json');

const fromFixture = (value: FixtureTensor & { dtype: DType }): Tensor =>
  tensor(numbers(value), { dtype: value.dtype }).reshape(value.shape);

function argument(value: Argument): unknown {
  if (typeof value === 'number') return value;
  return 'tensor' in value ? fromFixture(value.tensor) : value.options;
}

type Twin = (...args: unknown[]) => Tensor;

describe('in-place twins (x.exp_(), x.relu_(), x.scatter_(…), …)', () => {
  it('write torch’s result into x and return x, for every twin', () => {
    const seen = new Set<string>();
    for (const { name, input, args, output } of fixture.cases) {
      seen.add(name);
      const x = fromFixture(input);
      const storage = x.storage;
      const returned = (x as unknown as Record<string, Twin>)[name]!.apply(x, args.map(argument));
      expect(returned, name).toBe(x);
      expect(x.storage, name).toBe(storage);
      expectValues(x, output, input.dtype, name, { float64: 1e-12, float32: 0 });
    }
    // the fixture covers every twin
    expect([...seen].sort()).toEqual(inPlaceTwinNames().sort());
  });

  it('keep the gradient of the computation they replace (torch’s rebase of history)', () => {
    const { input, weights, gradient } = fixture.sigmoid_gradient;
    const leaf = tensor(numbers(input), { dtype: 'float64', requiresGrad: true }).reshape(input.shape).detach().requiresGrad_();
    const y = leaf.mul(1);
    y.sigmoid_();
    y.mul(tensor(numbers(weights), { dtype: 'float64' }).reshape(weights.shape))
      .sum()
      .backward();
    expectValues(leaf.grad!, gradient, 'float64', 'sigmoid_ gradient', { float64: 1e-12, float32: 0 });
  });

  it('refuse as torch where the result cannot be written into x', () => {
    // torch: "result type Float can't be cast to the desired output type Int"
    expect(fixture.integer_sqrt_error).toContain("can't be cast to the desired output type");
    expect(() => tensor([4, 9], { dtype: 'int32' }).sqrt_()).toThrow(
      "sqrt_: result type float32 can't be cast to the desired output type int32",
    );
    expect(() => tensor([1, 2], { requiresGrad: true }).exp_()).toThrow(
      'exp_: a leaf Variable that requires grad is being used in an in-place operation; wrap it in noGrad()',
    );
  });
});
