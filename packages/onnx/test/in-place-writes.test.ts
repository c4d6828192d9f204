import { Linear, Module } from '@dl/nn';
import { manualSeed, randn, type Tensor, zeros } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../src/index.js';
import { expectSameAsOnnxRuntime } from './export-helpers.js';

// A forward that writes in place (`y.mul_(3)`, a residual `out.add_(identity)`, `x.relu_()`, a write
// into a view, a view taken before its base is written, a fill) exports the values it computes: ONNX
// Runtime gives @dl's outputs. Before, every in-place write was missing from the exported graph.

class Writes extends Module {
  readonly linear = new Linear(4, 4);
  forward(x: Tensor): Tensor[] {
    const y = x.mul(2);
    const firstRow = y.select(0, 0); // taken before the writes below
    y.mul_(3);
    y.narrow(1, 0, 1).add_(1);
    const out = this.linear.call(y);
    out.add_(y); // a residual, as torchvision's blocks write it
    out.relu_();
    const columns = zeros([3, 4]);
    columns.select(1, 2).copy_(x.select(1, 0));
    columns.select(1, 3).fill_(5);
    y.unsqueeze_(0);
    return [out, firstRow.mul(1), columns, y];
  }
}

describe('ONNX export of in-place writes', () => {
  it('gives ONNX Runtime the values @dl computes', async () => {
    manualSeed(4);
    await expectSameAsOnnxRuntime(new Writes(), [randn([3, 4])], [[randn([3, 4])]], { inputNames: ['x'] });
  });

  it('keeps a dynamic batch through writes into whole tensors', async () => {
    manualSeed(5);
    class Residual extends Module {
      readonly linear = new Linear(4, 4);
      forward(x: Tensor): Tensor {
        const out = this.linear.call(x);
        out.add_(x);
        return out.relu_();
      }
    }
    await expectSameAsOnnxRuntime(new Residual(), [randn([2, 4])], [[randn([5, 4])], [randn([1, 4])]], {
      inputNames: ['x'],
      dynamicAxes: { x: { 0: 'batch' } },
    });
  });

  it('refuses a write into a view of a tensor with a dynamic axis, naming it', () => {
    class ViewWrite extends Module {
      forward(x: Tensor): Tensor {
        const y = x.mul(1);
        y.narrow(1, 0, 1).mul_(2);
        return y;
      }
    }
    expect(() => exportOnnx(new ViewWrite(), [randn([2, 4])], { inputNames: ['x'], dynamicAxes: { x: { 0: 'batch' } } })).toThrow(
      "ONNX export: 'in-place write' in the root module (ViewWrite): an in-place write into a view of a tensor with the dynamic axis 0 is not supported",
    );
  });
});
