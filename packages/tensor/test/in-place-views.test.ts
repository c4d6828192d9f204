import { describe, expect, it } from 'vitest';
import { linspace, ones, type Tensor, tensor, zeros } from '../src/index.js';
import { gradcheck, gradgradcheck } from '../src/testing/index.js';
import { expectValues, type FixtureTensor, numbers, readTorchFixture } from './helpers/torch-fixtures.js';

// Gradients through in-place writes against torch 1.13 (tools/fixtures/tensor_in_place_views_reference.py):
// a write into a view changes its base's history (torch's CopySlices), a write of a tensor that
// requires grad into a plain tensor's view puts that tensor in the graph (an RNN's outputs filled step
// by step), copy_/fill_/zero_ of constants cut the overwritten elements' history off, and a view made
// before a write into its base follows the base's new history.

interface Case {
  name: string;
  x: FixtureTensor;
  z: FixtureTensor;
  result: FixtureTensor;
  x_gradient: FixtureTensor;
  z_gradient: FixtureTensor;
}

const fixture = readTorchFixture<{ cases: Case[]; view_of_leaf_error: string }>('torch-in-place-views-reference.json');

const computations: Record<string, (x: Tensor, z: Tensor) => Tensor> = {
  'narrow(1, 0, 1).mul_(3)': (x) => {
    const y = x.mul(1);
    y.narrow(1, 0, 1).mul_(3);
    return y;
  },
  'diagonal().add_(z)': (x, z) => {
    const y = x.mul(1);
    y.diagonal().add_(z);
    return y;
  },
  't().narrow(0, 1, 2).exp_()': (x) => {
    const y = x.mul(1);
    y.t().narrow(0, 1, 2).exp_();
    return y;
  },
  'select(0, 0).mul_(z)': (x, z) => {
    const y = x.mul(1);
    y.select(0, 0).mul_(z);
    return y;
  },
  'outputs.select(0, t).copy_(h)': (x, z) => {
    const outputs = zeros([3, 4], { dtype: 'float64' });
    let h = z;
    for (let step = 0; step < 3; step++) {
      h = h.mul(x.select(0, step)).add(0.5).tanh();
      outputs.select(0, step).copy_(h);
    }
    return outputs;
  },
  'strided base: zeros(4, 3).t().select(0, 1).copy_(z)': (x, z) => {
    // a base that is not dense: the transpose detached, so that it is a tensor of its own
    const base = zeros([4, 3], { dtype: 'float64' }).t().detach();
    base.select(0, 1).copy_(z);
    return base.mul(x);
  },
  'copy_(constant)': (x, z) => {
    const y = x.mul(2);
    y.copy_(ones(y.shape, { dtype: 'float64' }));
    return y.add(z.sum());
  },
  'narrow(0, 1, 1).fill_(7)': (x) => {
    const y = x.mul(2);
    y.narrow(0, 1, 1).fill_(7);
    return y;
  },
  'zero_()': (x, z) => {
    const y = x.mul(z.sum());
    y.zero_();
    return y.add(x);
  },
  // views made before the write read the new values, and their gradients follow them (torch
  // regenerates their history from the base's)
  'a view made before a write into its base': (x, z) => {
    const y = x.mul(1);
    const row = y.select(0, 0);
    y.mul_(2);
    return row.mul(z);
  },
  'a view of a view made before a write through another view': (x, z) => {
    const y = x.mul(1);
    const column = y.t().select(0, 1);
    y.select(0, 0).add_(z.narrow(0, 0, 4));
    return column;
  },
  "outputs' last row taken before the loop writes it": (x, z) => {
    const outputs = zeros([3, 4], { dtype: 'float64' });
    const last = outputs.select(0, 2);
    let h = z;
    for (let step = 0; step < 3; step++) {
      h = h.mul(x.select(0, step)).tanh();
      outputs.select(0, step).copy_(h);
    }
    return last.mul(1);
  },
};

const leaf = (value: FixtureTensor) => tensor(numbers(value), { dtype: 'float64' }).reshape(value.shape).requiresGrad_();
const tolerance = { float64: 1e-12, float32: 0 };

describe('gradients through in-place writes', () => {
  it('match torch’s for writes into views, writes of graph tensors into plain ones, and overwrites', () => {
    expect(Object.keys(computations).sort()).toEqual(fixture.cases.map((entry) => entry.name).sort());
    for (const entry of fixture.cases) {
      const [x, z] = [leaf(entry.x), leaf(entry.z)];
      const result = computations[entry.name]!(x, z);
      expectValues(result, entry.result, 'float64', `${entry.name}: result`, tolerance);
      result
        .mul(linspace(-1, 2, result.numel(), { dtype: 'float64' }).reshape(result.shape))
        .sum()
        .backward();
      expectValues(x.grad ?? zeros(x.shape, { dtype: 'float64' }), entry.x_gradient, 'float64', `${entry.name}: x gradient`, tolerance);
      expectValues(z.grad ?? zeros(z.shape, { dtype: 'float64' }), entry.z_gradient, 'float64', `${entry.name}: z gradient`, tolerance);
    }
  });

  it('refuse a write into a view of a leaf that requires grad, as torch', () => {
    expect(fixture.view_of_leaf_error).toContain('a view of a leaf Variable that requires grad is being used in an in-place operation');
    const x = ones([3], { requiresGrad: true });
    expect(() => x.narrow(0, 0, 1).mul_(2)).toThrow(
      'mul_: a view of a leaf Variable that requires grad is being used in an in-place operation',
    );
    expect(() => x.select(0, 1).fill_(0)).toThrow('fill_: a view of a leaf Variable');
    expect(Array.from(x.dataSync())).toEqual([1, 1, 1]);
  });

  it('pass gradcheck and gradgradcheck in float64', () => {
    const x = tensor(numbers(fixture.cases[0]!.x), { dtype: 'float64', requiresGrad: true }).reshape([3, 4]).detach().requiresGrad_();
    const z = tensor([0.3, -1.2, 0.8, 2], { dtype: 'float64', requiresGrad: true });
    const writes = (a: Tensor, b: Tensor) => {
      const y = a.mul(1);
      y.narrow(0, 1, 1).mul_(b);
      y.t().select(0, 2).exp_();
      return y.pow(2);
    };
    expect(gradcheck(writes, [x, z])).toBe(true);
    expect(gradgradcheck(writes, [x, z])).toBe(true);
  });
});
