import { describe, expect, it } from 'vitest';
import { noGrad, randn, type Tensor } from '../src/index.js';

// What autograd makes of torch's in-place random fills, each checked against torch 1.13:
// - a leaf that requires grad refuses while gradients are recorded ("a leaf Variable that requires
//   grad is being used in an in-place operation"), and fills under no_grad (nn.init's way);
// - a tensor in a graph takes history whose derivative is zero (derivatives.yaml: `self:
//   zeros_like(grad)` for each), so y = 2w; y.uniform_(); y.sum().backward() leaves w.grad = 0;
// - a view's fill reaches its base through CopySlices: w.grad = [2, 0, 0] when y[1:] was filled;
// - the fill is a new version: a tensor saved for backward and then filled makes backward raise.
// Before, the fills ran their checks under noGrad: a leaf that requires grad was filled, and a
// filled tensor kept its old history (w.grad = 2 where torch gives 0).

const fills: Record<string, (target: Tensor) => Tensor> = {
  uniform_: (target) => target.uniform_(),
  normal_: (target) => target.normal_(),
  bernoulli_: (target) => target.bernoulli_(0.5),
  exponential_: (target) => target.exponential_(),
  geometric_: (target) => target.geometric_(0.5),
  cauchy_: (target) => target.cauchy_(),
  logNormal_: (target) => target.logNormal_(),
  random_: (target) => target.random_(0, 5),
};

const leaf = () => randn([3], { requiresGrad: true });
const gradientOf = (weight: Tensor) => Array.from(weight.grad!.dataSync());

describe('in-place random fills and autograd', () => {
  for (const [name, fill] of Object.entries(fills)) {
    it(`${name}: refuses a leaf that requires grad, fills it under noGrad`, () => {
      const weight = leaf();
      expect(() => fill(weight)).toThrow(`${name}: a leaf Variable that requires grad is being used in an in-place operation`);
      const before = Array.from(weight.dataSync());
      expect(noGrad(() => fill(weight))).toBe(weight);
      expect(weight.requiresGrad).toBe(true);
      expect(Array.from(weight.dataSync())).not.toEqual(before);
    });

    it(`${name}: a filled tensor's old history gets a zero gradient, a filled view's base keeps the rest`, () => {
      const weight = leaf();
      const doubled = weight.mul(2);
      fill(doubled);
      expect(doubled.gradFn).not.toBeNull();
      doubled.sum().backward();
      expect(gradientOf(weight)).toEqual([0, 0, 0]);

      const other = leaf();
      const base = other.mul(2);
      fill(base.narrow(0, 1, 2));
      base.sum().backward();
      expect(gradientOf(other)).toEqual([2, 0, 0]);
    });

    it(`${name}: filling a tensor saved for backward makes backward raise`, () => {
      const weight = leaf();
      const doubled = weight.mul(2);
      const squared = doubled.mul(doubled); // saves doubled
      fill(doubled);
      expect(() => squared.sum().backward()).toThrow('modified by an inplace operation');
    });
  }

  it('zero_ names itself when it refuses', () => {
    expect(() => leaf().zero_()).toThrow('zero_: a leaf Variable that requires grad is being used in an in-place operation');
  });
});
