import { describe, expect, it } from 'vitest';
import { ones, randn, type Tensor, tensor } from '@dl/tensor';
import * as nn from '../src/index.js';
import { inputCountKey, type MarkedForward } from '../src/module/forward-inputs.js';
import { layersTakingExtraInputs } from '../../../tools/testing/extra-inputs.js';

// JavaScript drops the arguments a function does not declare, so `bn.call(x, true)` ran as `bn.call(x)`
// where PyTorch's `bn(x, True)` raises "TypeError: forward() takes 2 positional arguments but 3 were
// given". Every layer whose forward takes a fixed number of inputs is marked (refuseExtraInputs), and
// Module.call refuses more. The layers are read from the package's exports, so one added later fails
// here until it is marked or listed as taking a variable number.

const loose = (module: nn.Module) => module.call as (...values: unknown[]) => unknown;
const callWith = (module: nn.Module, ...values: unknown[]) => loose(module).apply(module, values);

/** Forwards that take a variable number of inputs: attention and the Transformer (torch's keyword positions), AveragedModel (its module's inputs). */
const variadic = new Set([
  'AdaptiveLogSoftmaxWithLoss',
  'MultiheadAttention',
  'TransformerEncoderLayer',
  'TransformerDecoderLayer',
  'TransformerEncoder',
  'TransformerDecoder',
  'Transformer',
  'AveragedModel',
]);
/** Containers whose forward refuses every call (PyTorch's ModuleList and friends have no forward). */
const notCallable = new Set(['ModuleList', 'ModuleDict', 'ParameterList', 'ParameterDict']);

describe('Module.call refuses inputs its forward does not take', () => {
  it('a batch-norm layer given a second input throws, naming the layer and the counts', () => {
    const bn = new nn.BatchNorm1d(3);
    const x = randn([4, 3]);
    expect(() => callWith(bn, x, true)).toThrow('BatchNorm1d.call: forward takes 1 input, got 2; PyTorch raises a TypeError');
    expect((callWith(bn, x) as Tensor).shape).toEqual([4, 3]);
  });

  it('so do Linear, Conv2d, Embedding, Sequential and the activations', () => {
    const cases: [nn.Module, unknown[]][] = [
      [new nn.Linear(3, 2), [randn([2, 3])]],
      [new nn.Conv2d(1, 2, 3), [randn([1, 1, 5, 5])]],
      [new nn.Embedding(5, 2), [tensor([1, 3], { dtype: 'int32' })]],
      [new nn.Sequential(new nn.Linear(3, 2), new nn.ReLU()), [randn([2, 3])]],
      [new nn.ReLU(), [randn([3])]],
      [new nn.Bilinear(2, 3, 4), [randn([2, 2]), randn([2, 3])]],
    ];
    for (const [layer, inputs] of cases) {
      expect(() => callWith(layer, ...inputs)).not.toThrow();
      const count = inputs.length;
      expect(() => callWith(layer, ...inputs, ones([1]))).toThrow(
        `${layer.constructor.name}.call: forward takes ${count} input${count === 1 ? '' : 's'}, got ${count + 1}`,
      );
    }
  });

  it('CosineSimilarity takes two inputs, Upsample one (its mode goes to the constructor)', () => {
    expect(() => callWith(new nn.CosineSimilarity(), randn([2, 3]), randn([2, 3]), 1)).toThrow('forward takes 2 inputs, got 3');
    expect(() => callWith(new nn.Upsample({ scaleFactor: 2 }), randn([1, 1, 2, 2]), 'bilinear')).toThrow(
      'Upsample.call: forward takes 1 input, got 2',
    );
  });

  it('functionalCall goes through the same check', () => {
    const linear = new nn.Linear(3, 2);
    expect(() => nn.functionalCall(linear, {}, [randn([2, 3]), randn([2, 3])])).toThrow('Linear.call: forward takes 1 input, got 2');
  });

  it("a subclass that overrides forward is held to its own parameters, one that inherits it to its parent's", () => {
    class Scaled extends nn.Linear {
      override forward(input: Tensor, scale?: number): Tensor {
        return super.forward(input).mul(scale ?? 1);
      }
    }
    class Plain extends nn.Linear {}
    const x = randn([2, 3]);
    expect((callWith(new Scaled(3, 2), x, 2) as Tensor).shape).toEqual([2, 2]);
    expect(() => callWith(new Plain(3, 2), x, 2)).toThrow('Plain.call: forward takes 1 input, got 2');
  });

  it("a user's model is not checked unless it marks itself", () => {
    class Net extends nn.Module {
      fc = new nn.Linear(3, 2);
      forward(x: Tensor): Tensor {
        return this.fc.call(x);
      }
    }
    class Strict extends Net {
      static {
        nn.refuseExtraInputs(Strict);
      }
      override forward(x: Tensor): Tensor {
        return super.forward(x);
      }
    }
    const x = randn([2, 3]);
    expect(() => callWith(new Net(), x, 'ignored')).not.toThrow();
    expect(() => callWith(new Strict(), x, 'mask')).toThrow('Strict.call: forward takes 1 input, got 2');
  });

  it('every exported layer refuses one input more than its forward declares, or is listed as variadic', () => {
    // the losses take `...extra` and refuse it themselves (loss-extra-arguments.test.ts)
    const skip = (name: string) => variadic.has(name) || notCallable.has(name) || name.endsWith('Loss');
    expect(layersTakingExtraInputs(nn, nn.Module, skip)).toEqual([]);
    for (const name of variadic) {
      const layer = (nn as unknown as Record<string, { prototype: { forward: MarkedForward } }>)[name]!;
      expect(layer.prototype.forward[inputCountKey], name).toBeUndefined();
    }
  });
});
