import { describe, expect, it } from 'vitest';
import { linspace, type Tensor, tensor } from '../src/index.js';
import { expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// In-place view ops against torch 1.13 (tools/fixtures/tensor_in_place_view_ops_reference.py): the
// tensor itself takes the view's layout and, in a graph, its history; detach_ makes a leaf.

interface Fixture {
  input: FixtureTensor;
  cases: { name: string; shape: number[]; value: FixtureTensor; gradient: FixtureTensor }[];
  detached: { requires_grad: boolean; is_leaf: boolean };
  errors: Record<string, string>;
}

const fixture = readTorchFixture<Fixture>('torch-in-place-view-ops-reference.json');

const ops: Record<string, (y: Tensor) => Tensor> = {
  'unsqueeze_(0)': (y) => y.unsqueeze_(0),
  'squeeze_()': (y) => y.squeeze_(),
  'squeeze_(1)': (y) => y.squeeze_(1),
  'transpose_(0, 2)': (y) => y.transpose_(0, 2),
  'swapaxes_(1, 2)': (y) => y.swapaxes_(1, 2),
  'squeeze_(1).t_()': (y) => y.squeeze_(1).t_(),
};

const input = () => tensor(numbers(fixture.input), { dtype: 'float64' }).reshape(fixture.input.shape).requiresGrad_();
const tolerance = { float64: 1e-12, float32: 0 };

describe('in-place view ops (unsqueeze_, squeeze_, transpose_, t_, swapaxes_, detach_)', () => {
  it('change the tensor’s own shape and keep torch’s gradient through it', () => {
    expect(Object.keys(ops).sort()).toEqual(fixture.cases.map((entry) => entry.name).sort());
    for (const { name, shape, value, gradient } of fixture.cases) {
      const leaf = input();
      const y = leaf.mul(2);
      expect(ops[name]!(y), name).toBe(y);
      expect([...y.shape], name).toEqual(shape);
      expectValues(y, value, 'float64', name, tolerance);
      y.mul(linspace(-1, 2, y.numel(), { dtype: 'float64' }).reshape(y.shape))
        .sum()
        .backward();
      expectValues(leaf.grad!, gradient, 'float64', `${name}: gradient`, tolerance);
    }
  });

  it('detach_ makes a leaf that does not require grad; a view refuses, as torch', () => {
    const y = input().mul(2);
    y.detach_();
    expect(y.requiresGrad).toBe(fixture.detached.requires_grad);
    expect(y.isLeaf).toBe(fixture.detached.is_leaf);
    expect(fixture.errors['view.detach_()']).toBe("Can't detach views in-place");
    expect(() => input().mul(2).select(0, 0).detach_()).toThrow("detach_: can't detach views in-place; use detach() instead");
  });

  it('refuse a leaf that requires grad, as torch', () => {
    expect(fixture.errors['leaf.unsqueeze_(0)']).toBe('a leaf Variable that requires grad is being used in an in-place operation');
    const leaf = input();
    expect(() => leaf.unsqueeze_(0)).toThrow('unsqueeze_: a leaf Variable that requires grad is being used in an in-place operation');
    expect([...leaf.shape]).toEqual(fixture.input.shape);
  });
});
