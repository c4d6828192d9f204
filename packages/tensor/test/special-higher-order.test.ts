import { describe, expect, it } from 'vitest';
import { digamma, erfc, erfinv, grad, lgamma, tensor, type Tensor } from '../src/index.js';
import { type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// Derivatives of orders 1–4 of the special functions whose value is computed without a graph and whose
// gradient is attached (lgamma, erfc, erfinv) or written in differentiable ops (digamma), in float64
// against mpmath (torch 1.13 agrees: both are in tools/fixtures/tensor_special_higher_order_reference.py).
// An attached gradient that is exact only to second order gives 3/2 of the third derivative here.
interface Case {
  points: number[];
  torch: FixtureTensor[];
  mpmath: number[][];
}
const { cases } = readTorchFixture<{ cases: Record<string, Case> }>('torch-special-higher-order.json');
const functions: Record<string, (x: Tensor) => Tensor> = { lgamma, digamma, erfc, erfinv };

/** d^k f / dx^k at each point, k = 1…orders, by differentiating the sum of the previous order again. */
function derivatives(f: (x: Tensor) => Tensor, points: number[], orders: number): number[][] {
  const x = tensor(points, { dtype: 'float64', requiresGrad: true });
  let current = f(x);
  const result: number[][] = [];
  for (let order = 1; order <= orders; order++) {
    [current] = grad(current.sum(), [x], { createGraph: order < orders }) as [Tensor];
    result.push(Array.from(current.dataSync()));
  }
  return result;
}

describe('higher derivatives of the special functions (float64, against mpmath)', () => {
  for (const [name, entry] of Object.entries(cases)) {
    it(`${name}: orders 1 to 4`, () => {
      const ours = derivatives(functions[name]!, entry.points, 4);
      entry.mpmath.forEach((exact, order) => {
        exact.forEach((want, index) => {
          const got = ours[order]![index]!;
          const label = `${name} order ${order + 1} at ${entry.points[index]}: ${got} against ${want} (torch ${numbers(entry.torch[order]!)[index]})`;
          expect(Math.abs(got - want), label).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(want)));
        });
      });
    });
  }

  it('outside their domains, every order is 0 rather than NaN (∞·0 kept out of the unselected branches)', () => {
    const cases: [string, number[]][] = [
      ['erfinv', [1, -1, 1.5, -2]],
      ['lgamma', [0, -1, -3]],
      ['erfc', [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]],
    ];
    for (const [name, points] of cases)
      derivatives(functions[name]!, points, 3).forEach((values, order) =>
        expect(values, `${name} order ${order + 1} at ${points}`).toEqual(points.map(() => 0)),
      );
  });
});
