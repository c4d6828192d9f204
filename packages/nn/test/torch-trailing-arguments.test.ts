import { describe, expect, it } from 'vitest';
import { tensor, zeros, type Tensor } from '@dl/tensor';
import {
  BasicBlock,
  BatchNorm1d,
  BatchNorm2d,
  clipGradNorm,
  clipGradValue,
  Conv2d,
  F,
  GroupNorm,
  Linear,
  ReduceLROnPlateau,
  Sequential,
  SequentialLR,
  SGD,
  StepLR,
  Threshold,
} from '../src/index.js';

// The arguments torch takes after the ones every call gives, in its positional order or as options:
// each was silently dropped before (found by probing every export with one more argument), so a
// PyTorch habit gave a different result without a word. Now each is read, or refused by name.
const loose = <T>(method: T) => method as unknown as (...values: unknown[]) => unknown;

describe('Module methods', () => {
  it('to(device, dtype), to(dtype), to(tensor), to({ device, dtype }) cast the floating tensors only', () => {
    const model = new Sequential(new Linear(2, 3), new BatchNorm1d(3));
    model.to('cpu', 'float64');
    expect(model.parameters().map((value) => value.dtype)).toEqual(['float64', 'float64', 'float64', 'float64']);
    expect(model.stateDict()['1.num_batches_tracked']!.dtype).toBe('int32');
    model.to('float');
    expect(model.parameters()[0]!.dtype).toBe('float32');
    model.to(zeros([1], { dtype: 'float64' }));
    expect(model.parameters()[0]!.dtype).toBe('float64');
    model.to({ device: 'cpu', dtype: 'float32', nonBlocking: true });
    expect(model.parameters()[0]!.dtype).toBe('float32');
    expect(() => model.to('int32')).toThrow("Module.to: only floating dtypes cast a module (its integer buffers keep theirs), got 'int32'");
    expect(() => model.to('cpu', { copy: true } as never)).toThrow('Module.to: unknown option `copy`');
    expect(() => loose(model.to).call(model, 'cpu', 'float64', false, 1)).toThrow('Module.to: too many positional arguments');
  });

  it("loadStateDict(stateDict, strict) positionally; torch 2.1's assign and unknown options are refused", () => {
    const model = new Linear(2, 3);
    const partial = { weight: zeros([3, 2]) };
    expect(model.loadStateDict(partial, false)).toEqual({ missingKeys: ['bias'], unexpectedKeys: [] });
    expect(model.weight.toArraySync()).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(() => model.loadStateDict(partial, true)).toThrow('Missing key(s) in state_dict: "bias"');
    expect(() => model.loadStateDict(partial, { strict: false, assign: true } as never)).toThrow(
      'Module.loadStateDict: assign is not supported',
    );
    expect(() => model.loadStateDict(partial, { strict: false, zzUnknown: 1 } as never)).toThrow(
      'Module.loadStateDict: unknown option `zzUnknown`',
    );
    expect(() => model.loadStateDict(partial, 'no' as never)).toThrow("Module.loadStateDict: strict must be true or false, got 'no'");
  });

  it('registerBuffer(name, tensor, persistent) positionally or as an option', () => {
    const model = new Linear(2, 2);
    model.registerBuffer('table', zeros([2]), false);
    model.registerBuffer('scale', zeros([1]), { persistent: false });
    model.registerBuffer('kept', zeros([1]), true);
    expect(Object.keys(model.stateDict())).toEqual(['weight', 'bias', 'kept']);
    expect([...model.namedBuffers()].map(([name]) => name)).toEqual(['table', 'scale', 'kept']);
    expect(() => model.registerBuffer('bad', zeros([1]), { persistant: false } as never)).toThrow(
      'Module.registerBuffer: unknown option `persistant`',
    );
  });

  it('namedParameters(prefix, recurse, removeDuplicate): a tied tensor under each of its names', () => {
    const first = new Linear(2, 2);
    const second = new Linear(2, 2);
    second.weight = first.weight; // tied, as an embedding and its output layer
    const model = new Sequential(first, second);
    expect([...model.namedParameters()].map(([name]) => name)).toEqual(['0.weight', '0.bias', '1.bias']);
    expect([...model.namedParameters('', true, false)].map(([name]) => name)).toEqual(['0.weight', '0.bias', '1.weight', '1.bias']);
    const shared = new Sequential(first, first);
    expect([...shared.namedParameters('model', true, false)].map(([name]) => name)).toEqual([
      'model.0.weight',
      'model.0.bias',
      'model.1.weight',
      'model.1.bias',
    ]);
    expect([...shared.namedBuffers('', true, false)]).toEqual([]);
    expect(() => loose(model.namedParameters).call(model, '', true, false, true)).toThrow(
      'Module.namedParameters: takes (prefix, recurse, removeDuplicate), got 4 arguments',
    );
    expect(() => model.namedParameters('', 'yes' as never)).toThrow("Module.namedParameters: recurse must be true or false, got 'yes'");
  });
});

describe('training utilities', () => {
  function withGradients(values: number[]): Tensor {
    const parameter = zeros([values.length]).requiresGrad_();
    parameter.grad = tensor(values);
    return parameter;
  }

  it("clipGradNorm(parameters, maxNorm, normType, errorIfNonfinite, foreach) in torch's order", () => {
    expect(clipGradNorm([withGradients([3, 4])], 1, 'inf').itemSync()).toBe(4);
    expect(clipGradNorm([withGradients([3, 4])], 1, 2, false, true).itemSync()).toBe(5);
    expect(() => clipGradNorm([withGradients([Number.NaN, 1])], 1, 2, true)).toThrow(
      'The total norm of order 2 for gradients from `parameters` is non-finite, so it cannot be clipped.',
    );
    expect(() => clipGradNorm([withGradients([Number.NaN, 1])], 1, 2, { errorIfNonfinite: true })).toThrow('is non-finite');
    expect(() => clipGradNorm([withGradients([1])], 1, 2, { zzUnknown: 1 } as never)).toThrow('clipGradNorm: unknown option `zzUnknown`');
    expect(() => clipGradNorm([withGradients([1])], 1, true as never)).toThrow('clipGradNorm: normType must be a number, got true');
    expect(() => clipGradNorm([withGradients([1])], 1, 2, 'yes' as never)).toThrow(
      "clipGradNorm: errorIfNonfinite must be true or false, got 'yes'",
    );
    const parameter = withGradients([3, -4]);
    clipGradValue([parameter], 1, true);
    expect(parameter.grad!.toArraySync()).toEqual([1, -1]);
    expect(() => clipGradValue([parameter], 1, { foreach: true, zz: 1 } as never)).toThrow('clipGradValue: unknown option `zz`');
  });

  it("ReduceLROnPlateau.step(metric, epoch) sets the epoch (torch's deprecated form); SequentialLR.step() takes nothing", () => {
    const optimizer = new SGD([zeros([1]).requiresGrad_()], { lr: 1 });
    const plateau = new ReduceLROnPlateau(optimizer);
    plateau.step(1, 7);
    expect(plateau.lastEpoch).toBe(7);
    plateau.step(1);
    expect(plateau.lastEpoch).toBe(8);
    expect(() => plateau.step(1, -1)).toThrow('ReduceLROnPlateau.step: epoch must be an integer ≥ 0, got -1');
    const sequential = new SequentialLR(optimizer, [new StepLR(optimizer, 1), new StepLR(optimizer, 1)], [2]);
    expect(() => loose(sequential.step).call(sequential, 3)).toThrow('SequentialLR.step: takes no arguments');
  });
});

describe('functional activations and dropout', () => {
  const x = tensor([-2, -0.5, 0.5, 3]);

  it("read torch's inplace (positional or option) and compute out of place, as the modules", () => {
    const expected = F.relu(x).toArraySync();
    expect(F.relu(x, true).toArraySync()).toEqual(expected);
    expect(F.relu(x, { inplace: true }).toArraySync()).toEqual(expected);
    expect(x.toArraySync()).toEqual([-2, -0.5, 0.5, 3]);
    expect(F.elu(x, 0.5, true).toArraySync()).toEqual(F.elu(x, 0.5).toArraySync());
    expect(F.celu(x, 0.5, true).toArraySync()).toEqual(F.celu(x, { alpha: 0.5 }).toArraySync());
    expect(F.leakyRelu(x, 0.2, true).toArraySync()).toEqual(F.leakyRelu(x, { negativeSlope: 0.2 }).toArraySync());
    expect(F.threshold(x, 0.1, 20, true).toArraySync()).toEqual([20, 20, 0.5, 3]);
    expect(F.hardtanh(x, -1, 1, true).toArraySync()).toEqual([-1, -0.5, 0.5, 1]);
    for (const activation of [F.relu6, F.selu, F.silu, F.mish, F.hardsigmoid, F.hardswish])
      expect(activation(x, { inplace: false }).toArraySync()).toEqual(activation(x).toArraySync());
    expect(F.dropout(x, 0.5, false, true)).toBe(x);
    expect(F.rrelu(x, 0.1, 0.3, false, true).toArraySync()).toEqual(F.rrelu(x, 0.1, 0.3).toArraySync());
    expect(new Threshold(0.1, 20, true).call(x).toArraySync()).toEqual([20, 20, 0.5, 3]);
  });

  it('refuse anything else', () => {
    expect(() => F.relu(x, { zzUnknown: 1 } as never)).toThrow('relu: unknown option `zzUnknown`. Accepted options: inplace');
    expect(() => F.relu(x, 'yes' as never)).toThrow("relu: inplace must be true or false, got 'yes'");
    expect(() => loose(F.elu)(x, 1, true, true)).toThrow('elu: too many positional arguments');
    expect(() => loose(F.dropout)(x, 0.5, true, true, true)).toThrow('dropout: too many positional arguments');
    expect(() => new Threshold(0.1, 20, 'yes' as never)).toThrow("Threshold: inplace must be true or false, got 'yes'");
  });
});

describe("torchvision's BasicBlock(inplanes, planes, stride, downsample, groups, baseWidth, dilation, normLayer)", () => {
  it('uses a given downsample (or none), a given norm layer, and refuses what torchvision refuses', () => {
    const downsample = new Sequential(new Conv2d(4, 8, 1, { stride: 2, bias: false }), new BatchNorm2d(8));
    const block = new BasicBlock(4, 8, 2, downsample);
    expect(block.downsample).toBe(downsample);
    expect(block.call(zeros([1, 4, 6, 6])).shape).toEqual([1, 8, 3, 3]);
    expect(new BasicBlock(4, 8, 2).downsample).not.toBeNull();
    const identity = new BasicBlock(4, 8, { stride: 2, downsample: null });
    expect(identity.downsample).toBeNull();
    expect(() => identity.call(zeros([1, 4, 6, 6]))).toThrow();
    class GroupNormOfTwo extends GroupNorm {
      constructor(channels: number) {
        super(2, channels);
      }
    }
    const grouped = new BasicBlock(4, 4, 1, undefined, 1, 64, 1, GroupNormOfTwo);
    expect(grouped.bn1).toBeInstanceOf(GroupNorm);
    expect(Object.keys(grouped.stateDict())).toContain('bn2.weight');
    expect(() => new BasicBlock(4, 4, 1, null, 2)).toThrow(
      'BasicBlock only supports groups=1 and baseWidth=64, got groups=2 and baseWidth=64',
    );
    expect(() => new BasicBlock(4, 4, 1, null, 1, 64, 2)).toThrow('BasicBlock: dilation > 1 is not supported, got 2');
    expect(() => new BasicBlock(4, 4, 1, 'x' as never)).toThrow("BasicBlock: downsample must be a Module or null, got 'x'");
    expect(() => new BasicBlock(4, 4, { zzUnknown: 1 } as never)).toThrow('BasicBlock: unknown option `zzUnknown`');
  });
});
