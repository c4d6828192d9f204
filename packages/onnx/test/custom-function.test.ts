import { Linear, Module } from '@dl/nn';
import { defineFunction, manualSeed, randn, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../src/index.js';

// A custom autograd function (torch.autograd.Function) has no ONNX form: the export fails naming it,
// whether or not the ops of its forward could be mapped one by one.
const GradientReversal = defineFunction({
  name: 'GradientReversal',
  forward: (_context, x: Tensor) => x.clone(),
  backward: (_context, gradient) => [gradient.neg()],
});

class DomainHead extends Module {
  readonly features = new Linear(3, 4);
  readonly head = new Linear(4, 2);
  forward(x: Tensor): Tensor {
    return this.head.call(GradientReversal.apply(this.features.call(x).relu()));
  }
}

describe('exportOnnx and custom autograd functions', () => {
  it('refuses a custom function by its name', () => {
    manualSeed(5);
    expect(() => exportOnnx(new DomainHead(), [randn([2, 3])])).toThrow(
      "ONNX export: 'GradientReversal' in the root module (DomainHead): a custom autograd function has no ONNX form",
    );
  });
});
