import { describe, expect, it } from 'vitest';
import { cdist, grad, hessian, prod, relu, type Tensor, tensor } from '../src/index.js';
import { readTorchFixture } from './helpers/torch-fixtures.js';

// Higher-order gradients against torch 1.13 in float64 (tools/fixtures/tensor_higher_order_reference.py),
// where a differential fuzz of grad(..., { createGraph: true }) found @dl throwing or wrong.

interface SecondGradient {
  x: number[];
  first: number[];
  second: number[];
}
const fixture = readTorchFixture<{
  relu: SecondGradient;
  reluNetwork: SecondGradient;
  prodHessians: { x: number[]; hessian: number[][] }[];
  prodMatrixHessian: { x: number[][]; dim: number; hessian: unknown };
  pow: { exponent: number; x: number[]; first: number[]; second: number[]; third: number[] }[];
  cdistZero: { a: number[][]; b: number[][]; distances: number[][]; requiresGrad: boolean; gradientA: number[][]; gradientB: number[][] };
}>('tensor_higher_order.json');

const values = (t: Tensor) => Array.from(t.dataSync());
const float64 = (data: number[] | number[][], requiresGrad = false) => tensor(data, { dtype: 'float64', requiresGrad });

/** The gradient of Σ `function`(x), kept differentiable, and the gradient of its sum. */
function secondGradient(function_: (x: Tensor) => Tensor, data: number[]): [Tensor, Tensor] {
  const x = float64(data, true);
  const [first] = grad(function_(x).sum(), [x], { createGraph: true });
  const [second] = grad(first!.sum(), [x]);
  return [first!, second!];
}

describe('a second grad through relu (torch threshold_backward: the input is in the graph, with derivative 0)', () => {
  it('relu(x): zeros, not "appears to not have been used in the graph"', () => {
    const [first, second] = secondGradient((x) => relu(x), fixture.relu.x);
    expect(values(first)).toEqual(fixture.relu.first);
    expect(values(second)).toEqual(fixture.relu.second);
  });

  it('a ReLU network, relu(2x)·3', () => {
    const [first, second] = secondGradient((x) => relu(x.mul(2)).mul(3), fixture.reluNetwork.x);
    expect(values(first)).toEqual(fixture.reluNetwork.first);
    expect(values(second)).toEqual(fixture.reluNetwork.second);
  });
});

describe("prod's Hessian (torch's prod_safe_zeros_backward)", () => {
  for (const { x, hessian: expected } of fixture.prodHessians)
    it(`prod(x, 0) at [${x.join(', ')}]`, () => {
      expect(hessian((z) => prod(z, 0), float64(x)).toArraySync()).toEqual(expected);
      // the full product is the same function of a vector (torch's own prod() is wrong with two zeros)
      expect(hessian((z) => prod(z), float64(x)).toArraySync()).toEqual(expected);
    });

  it('along dim 0 of a matrix with two zeros in a column', () => {
    const { x, dim, hessian: expected } = fixture.prodMatrixHessian;
    expect(hessian((z) => prod(z, dim).sum(), float64(x)).toArraySync()).toEqual(expected);
  });
});

describe('pow: higher derivatives at x = 0 (torch masks exponent 0 to a zero gradient)', () => {
  for (const { exponent, x: data, first, second, third } of fixture.pow)
    it(`x^${exponent}: no 0·x⁻¹ = NaN`, () => {
      const x = float64(data, true);
      const derivatives: Tensor[] = [];
      let value = x.pow(exponent);
      for (let order = 0; order < 3; order++) {
        const [next] = grad(value.sum(), [x], { createGraph: true });
        derivatives.push(next!);
        value = next!;
      }
      expect(derivatives.map(values)).toEqual([first, second, third]);
    });
});

describe('cdist with p = 0', () => {
  it('keeps the graph: the result requires grad and its gradient is 0', () => {
    const { a, b, distances, requiresGrad, gradientA, gradientB } = fixture.cdistZero;
    const x1 = float64(a, true);
    const x2 = float64(b, true);
    const result = cdist(x1, x2, { p: 0 });
    expect(result.toArraySync()).toEqual(distances);
    expect(result.requiresGrad).toBe(requiresGrad);
    result.sum().backward();
    expect(x1.grad!.toArraySync()).toEqual(gradientA);
    expect(x2.grad!.toArraySync()).toEqual(gradientB);
  });
});
