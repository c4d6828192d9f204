import { manualSeed, randn, setDefaultDtype, tensor } from '@dl/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { Adam, BatchNorm1d, CrossEntropyLoss, Linear, ReLU, Sequential } from '../src/index.js';

// setDefaultDtype('float64') as torch.set_default_dtype(torch.float64): a new layer's parameters and
// buffers take the default dtype (torch 1.13: Linear(2, 3).weight.dtype is float64 then; see
// tools/fixtures/tensor_default_dtype_reference.py), and a model built that way trains in float64.

afterEach(() => setDefaultDtype('float32'));

describe('layers under setDefaultDtype', () => {
  it('create float64 parameters and buffers, and train in float64', () => {
    setDefaultDtype('float64');
    manualSeed(0);
    const model = new Sequential(new Linear(2, 8), new BatchNorm1d(8), new ReLU(), new Linear(8, 2));
    for (const [name, parameter] of model.namedParameters()) expect(parameter.dtype, name).toBe('float64');
    for (const [name, buffer] of model.namedBuffers())
      expect(buffer.dtype, name).toBe(name.endsWith('num_batches_tracked') ? 'int32' : 'float64');
    const optimizer = new Adam(model.parameters(), { lr: 0.05 });
    const lossFunction = new CrossEntropyLoss();
    const x = randn([16, 2]);
    const labels = tensor(
      Array.from({ length: 16 }, (_, index) => index % 2),
      { dtype: 'int32' },
    );
    const losses: number[] = [];
    for (let step = 0; step < 20; step++) {
      optimizer.zeroGrad();
      const loss = lossFunction.call(model.call(x), labels);
      expect(loss.dtype).toBe('float64');
      loss.backward();
      optimizer.step();
      losses.push(loss.itemSync());
    }
    expect(losses[19]!).toBeLessThan(losses[0]!);
    for (const parameter of model.parameters()) expect(parameter.dtype).toBe('float64');
  });

  it('keep float32 layers float32 once the default is back', () => {
    setDefaultDtype('float64');
    setDefaultDtype('float32');
    expect(new Linear(2, 3).weight.dtype).toBe('float32');
  });
});
