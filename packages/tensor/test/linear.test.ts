import { describe, expect, it } from 'vitest';
import { isTensor, linear, noGrad, randn, tensor, type Tensor } from '../src/index.js';
import { gradcheck, gradgradcheck } from '../src/testing/index.js';
import { expectTorchOperation, readTorchFixture, type TensorOperationCase } from './helpers/torch-fixtures.js';

// torch.nn.functional.linear against torch 1.13 (tools/fixtures/tensor_linear_reference.py): values and
// the gradient of Σ output·r with respect to each input, in float64 (to 1e-10) and float32 (to 1e-5);
// a matrix input is one primitive (ops/linear.ts), the other cases go through matmul and add.

const fixture = readTorchFixture<{ cases: TensorOperationCase[] }>('torch-linear-reference.json');
const tolerances = { float64: 1e-10, float32: 1e-5 };

type Operation = (...inputs: Tensor[]) => Tensor;
const plain: Operation = (x, w, b) => linear(x!, w!, b);
const operations: Record<string, Operation> = {
  'matrix with bias': plain,
  'matrix without bias': plain,
  'float32 matrix with bias': plain,
  'float32 wide matrix with bias': plain,
  'transposed input': (x, w, b) => linear(x!.t(), w!, b!),
  'transposed weight': (x, w, b) => linear(x!, w!.t(), b!),
  'one output feature': plain,
  'one row': plain,
  'column slice input': (x, w, b) => linear(x!.slice(1, 1, 3), w!, b!),
  '3-D input': plain,
  '1-D input': plain,
  '0-d bias': plain,
};

describe('linear: values and gradients as torch', () => {
  it('has an operation for every case of the fixture', () => {
    expect(fixture.cases.map((entry) => entry.name).sort()).toEqual(Object.keys(operations).sort());
  });
  for (const entry of fixture.cases)
    it(entry.name, () => {
      expectTorchOperation(entry, operations[entry.name]!, tolerances);
    });
});

describe('linear: one node for a matrix input', () => {
  const x = randn([5, 3], { dtype: 'float64', requiresGrad: true });
  const weight = randn([4, 3], { dtype: 'float64', requiresGrad: true });
  const bias = randn([4], { dtype: 'float64', requiresGrad: true });

  it('records x·Wᵀ + b as one linear node whose edges are the three leaves', () => {
    const output = linear(x, weight, bias);
    expect(output.gradFn?.primitive).toBe('linear');
    expect(output.gradFn?.edges).toHaveLength(3);
    expect(output.gradFn?.edges.every((edge, index) => isTensor(edge) && edge === [x, weight, bias][index])).toBe(true);
    // as the ops it replaces: matmul with the transposed weight, then add
    const reference = noGrad(() => x.matmul(weight.t()).add(bias));
    expect(Array.from(output.dataSync())).toEqual(Array.from(reference.dataSync()));
  });

  it('passes gradcheck and gradgradcheck in float64, with and without a bias', () => {
    expect(gradcheck((input, w, b) => linear(input!, w!, b!), [x, weight, bias])).toBe(true);
    expect(gradgradcheck((input, w, b) => linear(input!, w!, b!), [x, weight, bias])).toBe(true);
    expect(gradcheck((input, w) => linear(input!, w!), [x, weight])).toBe(true);
    expect(gradgradcheck((input, w) => linear(input!.t(), w!), [randn([3, 5], { dtype: 'float64', requiresGrad: true }), weight])).toBe(
      true,
    );
  });

  it('computes only the gradients asked for', () => {
    const frozen = randn([4, 3], { dtype: 'float64' });
    const output = linear(x, frozen, bias);
    expect(output.gradFn?.edges[1]).toBeNull();
    output.sum().backward();
    expect(frozen.grad).toBeNull();
    expect(Array.from(bias.grad!.dataSync())).toEqual([5, 5, 5, 5]);
  });
});

describe('linear: bad input', () => {
  it('names the shapes that cannot be multiplied', () => {
    expect(() => linear(randn([5, 3]), randn([4, 2]))).toThrow(/shapes cannot be multiplied/);
  });
  it('refuses a bias of the wrong size, naming both sizes', () => {
    expect(() => linear(randn([5, 3]), randn([4, 3]), randn([5]))).toThrow(/4.*5|5.*4/);
  });
  it('refuses integer operands, naming the dtype', () => {
    expect(() => linear(tensor([[1, 2]], { dtype: 'int32' }), tensor([[1, 2]], { dtype: 'int32' }))).toThrow(/int32/);
  });
  it('refuses a disposed weight, naming linear', () => {
    const weight = randn([4, 3]);
    weight.dispose();
    expect(() => linear(randn([5, 3]), weight)).toThrow(/linear/);
  });
});
