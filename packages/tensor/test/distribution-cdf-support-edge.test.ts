// cdf at the lower edge of the support, against torch 1.13
// (tools/fixtures/tensor_distribution_cdf_at_support_edge_reference.py): LogNormal.cdf(0) and
// Weibull.cdf(0) are 0 as in torch, where they threw "Expected value argument ... GreaterThan(0)" (their
// support is positive, but torch checks log x and (x/λ)^k against the base distribution's support).
// Values and the float64 gradients of Σ cdf·w in the parameters, NaN where torch's are NaN (0·∞ at x = 0).
import { describe, expect, it } from 'vitest';
import { type Distribution, distributions, grad, type Tensor, tensor } from '../src/index.js';
import { readTorchFixture } from './helpers/torch-fixtures.js';

interface Case {
  name: 'LogNormal' | 'Weibull' | 'HalfNormal' | 'HalfCauchy' | 'Pareto';
  parameters: number[];
  values: number[];
  cdf: (number | string)[];
  gradients: (number | string)[];
}

const reference = readTorchFixture<{ weights: number[]; cases: Case[] }>('tensor_distribution_cdf_at_support_edge.json');

/** The distribution torch's case builds, its parameters in torch's positional order. */
function build(name: Case['name'], parameters: Tensor[]): Distribution {
  const options = { validateArgs: true };
  const [first, second] = parameters as [Tensor, Tensor];
  switch (name) {
    case 'LogNormal':
      return new distributions.LogNormal(first, second, options);
    case 'Weibull':
      return new distributions.Weibull(first, second, options);
    case 'HalfNormal':
      return new distributions.HalfNormal(first, options);
    case 'HalfCauchy':
      return new distributions.HalfCauchy(first, options);
    case 'Pareto':
      return new distributions.Pareto(first, second, options);
  }
}

/** |actual − expected| ≤ 1e-12·(1 + |expected|), NaN only where torch has NaN. */
function expectClose(actual: number, expected: number | string, label: string): void {
  const want = Number(expected);
  if (Number.isNaN(want)) return void expect(actual, label).toBeNaN();
  expect(Math.abs(actual - want), `${label}: ${actual} vs ${want}`).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(want)));
}

describe('cdf at the lower edge of the support (torch 1.13)', () => {
  for (const entry of reference.cases)
    it(`${entry.name}(${entry.parameters.join(', ')}).cdf([${entry.values.join(', ')}])`, () => {
      const parameters = entry.parameters.map((value) => tensor(value, { dtype: 'float64', requiresGrad: true }));
      const cdf = build(entry.name, parameters).cdf(tensor(entry.values, { dtype: 'float64' }));
      [...cdf.dataSync()].forEach((value, index) => expectClose(value, entry.cdf[index]!, `cdf[${index}]`));
      const gradients = grad([cdf.mul(tensor(reference.weights, { dtype: 'float64' })).sum()], parameters);
      gradients.forEach((gradient, index) => expectClose(gradient!.itemSync(), entry.gradients[index]!, `gradient ${index}`));
    });
});
