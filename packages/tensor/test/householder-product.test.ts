import { describe, expect, it } from 'vitest';
import { eye, linalg, tensor, type Tensor, zeros } from '../src/index.js';
import { gradcheck, gradgradcheck } from '../src/testing/index.js';
import { expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// linalg.householderProduct against torch 1.13's torch.linalg.householder_product
// (tools/fixtures/nn_parametrizations_reference.py): values and the gradients of Σ output·upstream with
// respect to A and tau in float64 (to 1e-12 relative), the same in float32 (to 1e-5), gradcheck and
// gradgradcheck in float64, and torch's error messages.

interface HouseholderCase {
  name: string;
  a: FixtureTensor;
  tau: FixtureTensor;
  output: FixtureTensor;
  upstream: FixtureTensor;
  gradA: FixtureTensor | null;
  gradTau: FixtureTensor | null;
}
const { cases, errors } = readTorchFixture<{ cases: HouseholderCase[]; errors: Record<string, string> }>(
  'torch-householder-product-reference.json',
);
const tolerances = { float64: 1e-12, float32: 1e-5 };

function fromFixture(value: FixtureTensor, dtype: 'float32' | 'float64'): Tensor {
  return tensor(numbers(value), { dtype }).reshape(value.shape);
}

describe('linalg.householderProduct against torch', () => {
  for (const dtype of ['float64', 'float32'] as const)
    it.each(cases.map((entry) => [entry.name, entry] as const))(`%s (${dtype})`, (name, entry) => {
      const a = fromFixture(entry.a, dtype).requiresGrad_();
      const tau = fromFixture(entry.tau, dtype).requiresGrad_();
      const output = linalg.householderProduct(a, tau);
      expectValues(output, entry.output, dtype, `${name}: output`, tolerances);
      if (!entry.gradA) {
        // no reflection: the identity's columns, which depend on neither input (torch leaves both gradients None)
        expect(output.requiresGrad).toBe(false);
        return;
      }
      output.mul(fromFixture(entry.upstream, dtype)).sum().backward();
      expectValues(a.grad!, entry.gradA, dtype, `${name}: gradient of A`, tolerances);
      expectValues(tau.grad!, entry.gradTau!, dtype, `${name}: gradient of tau`, tolerances);
    });

  it('gives orthonormal columns when every τ is 2/‖v‖² (true reflections)', () => {
    // one reflector v = [1, 1] with τ = 1 = 2/‖v‖²: H = I − v·vᵀ
    const reflection = linalg.householderProduct(
      tensor(
        [
          [0, 0],
          [1, 0],
        ],
        { dtype: 'float64' },
      ),
      tensor([1], { dtype: 'float64' }),
    );
    expect(Array.from(reflection.dataSync())).toEqual([0, -1, -1, 0]);
    for (const entry of cases) {
      const a = fromFixture(entry.a, 'float64');
      const reflections = entry.tau.shape[entry.tau.shape.length - 1]!;
      // v_i = [0…0, 1, A[i+1:, i]], so ‖v_i‖² = 1 + Σ of the squares below the diagonal
      const taus = a.tril(-1).square().sum(-2).add(1).reciprocal().mul(2).narrow(-1, 0, reflections);
      const q = linalg.householderProduct(a, taus);
      const columns = q.shape[q.ndim - 1]!;
      const gram = q.transpose(-2, -1).matmul(q);
      const error = gram
        .sub(eye(columns, columns, { dtype: 'float64' }))
        .abs()
        .max()
        .itemSync();
      expect(error, `${entry.name}: QᵀQ − I`).toBeLessThan(1e-13);
    }
  });

  it('passes gradcheck and gradgradcheck in float64', () => {
    for (const entry of cases.filter((candidate) => candidate.tau.shape[candidate.tau.shape.length - 1]! > 0)) {
      const a = fromFixture(entry.a, 'float64').requiresGrad_();
      const tau = fromFixture(entry.tau, 'float64').requiresGrad_();
      expect(gradcheck((x, y) => linalg.householderProduct(x!, y!), [a, tau])).toBe(true);
      expect(gradgradcheck((x, y) => linalg.householderProduct(x!, y!), [a, tau])).toBe(true);
    }
  });
});

describe('linalg.householderProduct errors', () => {
  const float64 = (shape: number[]) => zeros(shape, { dtype: 'float64' });
  const calls: Record<string, () => unknown> = {
    vector: () => linalg.householderProduct(float64([3]), float64([1])),
    wide: () => linalg.householderProduct(float64([2, 3]), float64([2])),
    'too many reflections': () => linalg.householderProduct(float64([3, 2]), float64([3])),
    'tau dims': () => linalg.householderProduct(float64([3, 2]), float64([1, 2])),
    batch: () => linalg.householderProduct(float64([2, 3, 2]), float64([3, 2])),
    dtypes: () => linalg.householderProduct(float64([3, 2]), zeros([2], { dtype: 'float32' })),
  };

  it('covers every torch error of the fixture', () => {
    expect(Object.keys(errors).sort()).toEqual(Object.keys(calls).sort());
  });

  it.each(Object.entries(errors))('%s', (name, torchMessage) => {
    // torch names its dtypes Float and Double; the operation is ours without "torch."
    const expected = torchMessage
      .replace(/^torch\./, '')
      .replace('Float', 'float32')
      .replace('Double', 'float64');
    expect(calls[name]!).toThrow(expected);
  });

  it('refuses integer matrices as the other linear-algebra functions do', () => {
    const integers = zeros([3, 2], { dtype: 'int32' });
    expect(() => linalg.householderProduct(integers, zeros([2], { dtype: 'int32' }))).toThrow(
      'linalg.householder_product: Expected a floating point or complex tensor as input. Got int32',
    );
  });
});
