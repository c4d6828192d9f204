import { manualSeed, memory, noGrad, ones, randn, releaseFinishedGraphs, tensor, zeros, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { BatchNorm1d, Dropout, Linear, ReLU, Sequential } from '../index.js';
import { Module } from './module.js';
import { buffer, isParameter, parameter } from './parameter.js';

class TwoLayer extends Module {
  fc1 = new Linear(3, 4);
  act = new ReLU();
  fc2 = new Linear(4, 2);
  forward(x: Tensor): Tensor {
    return this.fc2.call(this.act.call(this.fc1.call(x)));
  }
}

class Custom extends Module {
  scale = parameter(ones([1]));
  steps = buffer(zeros([], { dtype: 'int32' }));
  options = { note: 'ignored' };
  plainTensor = zeros([2]); // neither parameter nor buffer: not part of the state
  inner = new TwoLayer();
  forward(x: Tensor): Tensor {
    return this.inner.call(x).mul(this.scale);
  }
}

describe('Module', () => {
  it('finds parameters, buffers and children from its fields, in order', () => {
    const model = new Custom();
    expect([...model.namedParameters()].map(([name]) => name)).toEqual([
      'scale',
      'inner.fc1.weight',
      'inner.fc1.bias',
      'inner.fc2.weight',
      'inner.fc2.bias',
    ]);
    expect([...model.namedBuffers()].map(([name]) => name)).toEqual(['steps']);
    expect([...model.namedChildren()].map(([name]) => name)).toEqual(['inner']);
    expect([...model.namedModules()].map(([name]) => name)).toEqual(['', 'inner', 'inner.fc1', 'inner.act', 'inner.fc2']);
    expect(model.parameters(false)).toEqual([model.scale]);
    expect(Object.keys(model.stateDict())).toEqual([
      'scale',
      'steps',
      'inner.fc1.weight',
      'inner.fc1.bias',
      'inner.fc2.weight',
      'inner.fc2.bias',
    ]);
    expect(isParameter(model.scale) && model.scale.requiresGrad).toBe(true);
  });

  it('lists a shared (tied) parameter once', () => {
    const model = new TwoLayer();
    const shared = new Sequential(model.fc1, model.fc1);
    expect(shared.parameters()).toHaveLength(2);
  });

  it('non-persistent buffers stay out of the state dict', () => {
    const model = new TwoLayer();
    model.registerBuffer('mask', ones([2]), { persistent: false });
    model.registerBuffer('kept', ones([2]));
    expect(model.buffers()).toHaveLength(2);
    expect(Object.keys(model.stateDict())).toContain('kept');
    expect(Object.keys(model.stateDict())).not.toContain('mask');
  });

  it('train / eval propagate, and apply visits children first', () => {
    const model = new Sequential(new Linear(2, 2), new Dropout(0.5), new Sequential(new BatchNorm1d(2)));
    model.eval();
    expect(model.modules().every((module) => !module.training)).toBe(true);
    model.train();
    expect(model.modules().every((module) => module.training)).toBe(true);
    const visited: string[] = [];
    model.apply((module) => visited.push(module.constructor.name));
    expect(visited).toEqual(['Linear', 'Dropout', 'BatchNorm1d', 'Sequential', 'Sequential']);
  });

  it('zeroGrad and requiresGrad_ (freezing)', () => {
    const model = new TwoLayer();
    model
      .call(randn([5, 3]))
      .sum()
      .backward();
    expect(model.fc1.weight.grad).not.toBeNull();
    model.zeroGrad(false);
    expect([...model.fc1.weight.grad!.dataSync()].every((value) => value === 0)).toBe(true);
    model.zeroGrad();
    expect(model.fc1.weight.grad).toBeNull();
    model.fc1.requiresGrad_(false);
    model
      .call(randn([5, 3]))
      .sum()
      .backward();
    expect(model.fc1.weight.grad).toBeNull();
    expect(model.fc2.weight.grad).not.toBeNull();
  });

  it('to(dtype) replaces floating parameters and buffers, keeping integer buffers', () => {
    const model = new Sequential(new Linear(2, 2), new BatchNorm1d(2));
    model.to('float64');
    expect(model.parameters().every((value) => value.dtype === 'float64' && value.requiresGrad && isParameter(value))).toBe(true);
    const state = model.stateDict();
    expect(state['1.running_mean']!.dtype).toBe('float64');
    expect(state['1.num_batches_tracked']!.dtype).toBe('int32');
    expect((model.call(randn([3, 2], { dtype: 'float64' })) as Tensor).dtype).toBe('float64');
  });

  it('forward hooks see inputs and output and can be removed', () => {
    const model = new Linear(2, 3);
    const seen: number[][] = [];
    const handle = model.registerForwardHook((_, inputs, output) => {
      seen.push([...(inputs[0] as Tensor).shape, ...(output as Tensor).shape]);
    });
    model.call(zeros([4, 2]));
    handle.remove();
    model.call(zeros([4, 2]));
    expect(seen).toEqual([[4, 2, 4, 3]]);
  });

  it('a submodule output stored by a forward hook stays valid after the parent call and later training steps', () => {
    manualSeed(0);
    const activation = new ReLU();
    const model = new Sequential(new Linear(4, 6), activation, new Linear(6, 2));
    const captured: Tensor[] = [];
    activation.registerForwardHook((_, __, output) => void captured.push(output as Tensor));
    const input = randn([5, 4]);
    for (let step = 0; step < 4; step++) {
      model.zeroGrad();
      model.call(input).square().mean().backward();
    }
    // every stored activation is readable: the hook's tensors are the user's (PyTorch keeps them too)
    expect(captured).toHaveLength(4);
    for (const stored of captured) expect((stored.toArraySync() as number[][]).flat().every((value) => value >= 0)).toBe(true);
  });

  it('a tensor stored on the module inside forward without keep() fails loudly, naming the call that freed it', () => {
    class Caching extends Module {
      linear = new Linear(3, 3);
      last: Tensor | null = null;
      forward(x: Tensor): Tensor {
        const hidden = this.linear.call(x);
        this.last = hidden.relu();
        return hidden.sum(1);
      }
    }
    const model = new Caching();
    model.call(ones([2, 3]));
    expect(() => model.last!.toArraySync()).toThrow(
      /toArraySync: tensor \[2, 3\] made by \w+ was disposed: it was freed by the end of Caching\.call \(Module\.call frees what forward creates and does not return\)\. .*keep\(t\)/,
    );
  });

  it('toString prints the tree as PyTorch', () => {
    expect(String(new Sequential(new Linear(2, 3), new ReLU()))).toBe(
      'Sequential(\n  (0): Linear(inFeatures=2, outFeatures=3, bias=true)\n  (1): ReLU()\n)',
    );
  });

  it('a call frees its intermediates: live tensors return to their start', () => {
    manualSeed(0);
    const model = new Sequential(new Linear(8, 16), new ReLU(), new Linear(16, 16), new ReLU(), new Linear(16, 2));
    const input = randn([4, 8]);
    const warm = noGrad(() => model.call(input));
    warm.dispose();
    releaseFinishedGraphs(); // the handles other tests' backward passes left for reading
    const before = memory().cpu!.liveTensors;
    for (let step = 0; step < 3; step++) {
      const output = noGrad(() => model.call(input));
      // only the output survives the call
      expect(memory().cpu!.liveTensors).toBe(before + 1);
      output.dispose();
    }
    expect(memory().cpu!.liveTensors).toBe(before);
    // with autograd: only the output and what backward needs (5 saved handles here) survive the call;
    // backward() releases the saved ones and its own intermediates, zeroGrad() the gradients, and the
    // output and loss go with the second backward pass after this one
    const output = model.call(input);
    expect(memory().cpu!.liveTensors).toBeLessThanOrEqual(before + 1 + 8);
    const loss = output.sum();
    loss.backward();
    model.zeroGrad();
    expect(memory().cpu!.liveTensors).toBe(before + 2);
    releaseFinishedGraphs();
    expect(memory().cpu!.liveTensors).toBe(before);
  });

  it('loadStateDict accepts a Map and checks the value type', () => {
    const model = new Linear(2, 1);
    const values = new Map([
      ['weight', tensor([[1, 2]])],
      ['bias', tensor([3])],
    ]);
    model.loadStateDict(values);
    expect(model.call(tensor([[1, 1]])).toArraySync()).toEqual([[6]]);
  });
});
