import { describe, expect, it } from 'vitest';
import { grad, type Tensor } from '@dl/tensor';
import { F } from '../src/index.js';
import { expectClose, type FixtureTensor, fromFixture, readFixture } from './helpers/nn-fixtures.js';

// Values, gradients and Hessian-vector products against torch 1.13 in float64
// (tools/fixtures/nn_higher_order_reference.py), where a differential fuzz of higher-order autograd found
// @dl reading differently: cosineSimilarity of inputs broadcast along `dim` (wrong values) and under its
// eps clamp (no gradient through the norm), and the second derivatives at 0 of smoothL1Loss, huberLoss
// (x = y) and logSigmoid, which went through |x|.

/** torch's y, g = ∂Σ(y·w)/∂inputs (createGraph) and h = ∂Σ(g·v)/∂inputs. */
interface DerivativeCase {
  inputs: FixtureTensor[];
  output: FixtureTensor;
  weight: FixtureTensor;
  gradients: FixtureTensor[];
  directions: FixtureTensor[];
  products: FixtureTensor[];
}
interface CosineCase extends DerivativeCase {
  label: string;
  options: { dim: number; eps: number };
}
interface LossCase extends DerivativeCase {
  loss: 'smoothL1Loss' | 'huberLoss';
  options: { reduction: 'sum' | 'mean' | 'none'; beta?: number; delta?: number };
}
interface ActivationCase extends DerivativeCase {
  activation: 'logSigmoid' | 'softsign' | 'softplus';
}
const reference = readFixture<{ cosine: CosineCase[]; losses: LossCase[]; activations: ActivationCase[] }>('nn_higher_order.json');

/** Compares `call`'s output, gradients and Hessian-vector products with the case's, to float64 rounding. */
function expectDerivatives(entry: DerivativeCase, call: (...inputs: Tensor[]) => Tensor): void {
  const inputs = entry.inputs.map((value) => fromFixture(value, 'float64').requiresGrad_());
  const output = call(...inputs);
  expectClose(output, entry.output, 'output', 1e-12, 1e-14);
  const gradients = grad(output.mul(fromFixture(entry.weight, 'float64')).sum(), inputs, { createGraph: true });
  gradients.forEach((gradient, index) => expectClose(gradient, entry.gradients[index]!, `gradient ${index}`, 1e-12, 1e-14));
  const directional = gradients
    .map((gradient, index) => gradient!.mul(fromFixture(entry.directions[index]!, 'float64')).sum())
    .reduce((total, term) => total.add(term));
  const products = grad(directional, inputs);
  // atol 1e-10: an input broadcast along cosineSimilarity's dim is constant there, so the result does not
  // depend on its scale and its exact Hessian-vector product is 0; torch's and ours are rounding residue (~1e-11)
  products.forEach((product, index) => expectClose(product, entry.products[index]!, `Hessian-vector product ${index}`, 1e-12, 1e-10));
}

describe('cosineSimilarity: broadcast inputs and the eps clamp, as torch 1.13', () => {
  it.each(reference.cosine.map((entry) => [entry.label, entry] as const))('%s', (_, entry) => {
    expectDerivatives(entry, (x1, x2) => F.cosineSimilarity(x1!, x2!, entry.options));
  });
});

describe('smoothL1Loss and huberLoss: second derivative 1/β at x = y, as torch 1.13', () => {
  it.each(reference.losses.map((entry) => [`${entry.loss} ${JSON.stringify(entry.options)}`, entry] as const))('%s', (_, entry) => {
    expectDerivatives(entry, (input, target) => F[entry.loss](input!, target!, entry.options));
  });
});

describe('logSigmoid, softsign and softplus at 0 and at large |x|, as torch 1.13', () => {
  it.each(reference.activations.map((entry) => [entry.activation, entry] as const))('%s', (_, entry) => {
    expectDerivatives(entry, (x) => F[entry.activation](x!));
  });
});

describe('cosineSimilarity of shapes that do not broadcast', () => {
  it('names the operation and both shapes', () => {
    const x1 = fromFixture({ shape: [3, 2], data: [1, 2, 3, 4, 5, 6] }, 'float64');
    const x2 = fromFixture({ shape: [2, 2], data: [1, 0, 0, 1] }, 'float64');
    expect(() => F.cosineSimilarity(x1, x2, { dim: 1 })).toThrow('cosineSimilarity: x1 [3, 2] and x2 [2, 2] cannot be broadcast together');
  });
});
