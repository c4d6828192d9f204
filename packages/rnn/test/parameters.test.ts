// PyTorch's parameter names, shapes and order, its initialisation, and dropout between layers.
import { manualSeed, randn, tensor } from '@dl/tensor';
import { describe, it, expect } from 'vitest';
import { GRU, LSTM, LSTMCell, RNN } from '../src/index.js';

const shapes = (module: { namedParameters(): Iterable<[string, { shape: readonly number[] }]> }) =>
  Object.fromEntries([...module.namedParameters()].map(([name, value]) => [name, [...value.shape]]));

describe('parameters', () => {
  it('LSTM with projections: names, shapes and order as torch.nn.LSTM(3, 5, 2, proj_size=2, bidirectional=True)', () => {
    expect(shapes(new LSTM(3, 5, { numLayers: 2, projSize: 2, bidirectional: true }))).toEqual({
      weight_ih_l0: [20, 3],
      weight_hh_l0: [20, 2],
      bias_ih_l0: [20],
      bias_hh_l0: [20],
      weight_hr_l0: [2, 5],
      weight_ih_l0_reverse: [20, 3],
      weight_hh_l0_reverse: [20, 2],
      bias_ih_l0_reverse: [20],
      bias_hh_l0_reverse: [20],
      weight_hr_l0_reverse: [2, 5],
      weight_ih_l1: [20, 4],
      weight_hh_l1: [20, 2],
      bias_ih_l1: [20],
      bias_hh_l1: [20],
      weight_hr_l1: [2, 5],
      weight_ih_l1_reverse: [20, 4],
      weight_hh_l1_reverse: [20, 2],
      bias_ih_l1_reverse: [20],
      bias_hh_l1_reverse: [20],
      weight_hr_l1_reverse: [2, 5],
    });
  });
  it('GRU without bias, RNN, and the cells', () => {
    expect(shapes(new GRU(3, 4, { bias: false }))).toEqual({ weight_ih_l0: [12, 3], weight_hh_l0: [12, 4] });
    expect(Object.keys(shapes(new RNN(3, 4, { numLayers: 2 })))).toEqual([
      'weight_ih_l0',
      'weight_hh_l0',
      'bias_ih_l0',
      'bias_hh_l0',
      'weight_ih_l1',
      'weight_hh_l1',
      'bias_ih_l1',
      'bias_hh_l1',
    ]);
    expect(shapes(new LSTMCell(3, 4))).toEqual({ weight_ih: [16, 3], weight_hh: [16, 4], bias_ih: [16], bias_hh: [16] });
  });
  it('initialises every parameter from U(−1/√H, 1/√H)', () => {
    manualSeed(0);
    const hiddenSize = 64;
    const bound = 1 / Math.sqrt(hiddenSize);
    for (const parameter of new LSTM(32, hiddenSize).parameters()) {
      const values = Array.from(parameter.dataSync());
      expect(Math.max(...values)).toBeLessThanOrEqual(bound);
      expect(Math.min(...values)).toBeGreaterThanOrEqual(-bound);
      // U(−b, b) has mean 0 and variance b²/3: with ≥ 256 draws both are near
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
      expect(Math.abs(mean)).toBeLessThan(0.2 * bound);
      expect(variance / ((bound * bound) / 3)).toBeGreaterThan(0.8);
      expect(variance / ((bound * bound) / 3)).toBeLessThan(1.2);
    }
  });
});

describe('dropout between layers', () => {
  it('acts in training on every layer but the last, and not in eval', () => {
    manualSeed(0);
    const input = randn([4, 2, 3]);
    const withDropout = new GRU(3, 5, { numLayers: 2, dropout: 0.5 });
    const without = new GRU(3, 5, { numLayers: 2 });
    without.loadStateDict(withDropout.stateDict());
    const [reference] = without.call(input);
    withDropout.eval();
    expect(withDropout.call(input)[0].toArraySync()).toEqual(reference.toArraySync());
    withDropout.train();
    expect(withDropout.call(input)[0].toArraySync()).not.toEqual(reference.toArraySync());
    // one layer: PyTorch applies no dropout at all (there is no layer after it)
    const single = new GRU(3, 5, { dropout: 0.5 });
    const [first] = single.call(input);
    expect(single.call(input)[0].toArraySync()).toEqual(first.toArraySync());
  });
});

describe('float32 by default', () => {
  it('runs in float32 and matches float64 closely', () => {
    manualSeed(0);
    const lstm = new LSTM(3, 4, { bidirectional: true });
    const input = randn([6, 2, 3]);
    const [output] = lstm.call(input);
    expect(output.dtype).toBe('float32');
    const reference = new LSTM(3, 4, { bidirectional: true, dtype: 'float64' });
    reference.loadStateDict(Object.fromEntries(Object.entries(lstm.stateDict()).map(([key, value]) => [key, value.to('float64')])));
    const [expected] = reference.call(input.to('float64'));
    const difference = output.to('float64').sub(expected).abs().amax().itemSync();
    expect(difference).toBeLessThan(1e-6);
    expect(tensor(0).dtype).toBe('float32');
  });
});
