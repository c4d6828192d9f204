// First and second derivatives of LSTM and GRU (and RNN) against finite differences in float64, with
// respect to the input, the initial state and every parameter, through packing and both directions.
import { manualSeed, randn, type Tensor } from '@dl/tensor';
import { gradcheck, gradgradcheck } from '@dl/tensor/testing';
import { describe, it, expect } from 'vitest';
import { GRU, LSTM, RNN, packPaddedSequence, type PackedSequence } from '../src/index.js';

const float64 = { dtype: 'float64' as const, requiresGrad: true };

/** Output and final states of a layer as a flat list; the parameters are read from the layer itself. */
function lstmOutputs(lstm: LSTM, packed: boolean) {
  return (input: Tensor, h0: Tensor, c0: Tensor): Tensor[] => {
    const sequence = packed ? packPaddedSequence(input, [3, 1], { enforceSorted: false }) : input;
    const [output, [hN, cN]] = lstm.call(sequence, [h0, c0]);
    return [packed ? (output as PackedSequence).data : (output as Tensor), hN, cN];
  };
}

function hiddenOutputs(layer: GRU | RNN, packed: boolean) {
  return (input: Tensor, h0: Tensor): Tensor[] => {
    const sequence = packed ? packPaddedSequence(input, [1, 3], { enforceSorted: false }) : input;
    const [output, hN] = layer.call(sequence, h0);
    return [packed ? (output as PackedSequence).data : (output as Tensor), hN];
  };
}

describe('gradcheck and gradgradcheck in float64', () => {
  it('LSTM, two layers, bidirectional, projections, packed', () => {
    manualSeed(1);
    const lstm = new LSTM(2, 3, { numLayers: 2, bidirectional: true, projSize: 2, dtype: 'float64' });
    const inputs = [randn([3, 2, 2], float64), randn([4, 2, 2], float64), randn([4, 2, 3], float64)];
    const fn = (input: Tensor, h0: Tensor, c0: Tensor) => lstmOutputs(lstm, true)(input, h0, c0);
    expect(gradcheck(fn, [...inputs, ...lstm.parameters()])).toBe(true);
  });

  it('LSTM second derivatives', () => {
    manualSeed(2);
    const lstm = new LSTM(2, 2, { bidirectional: true, dtype: 'float64' });
    const inputs = [randn([3, 2, 2], float64), randn([2, 2, 2], float64), randn([2, 2, 2], float64)];
    expect(gradgradcheck(lstmOutputs(lstm, true), [...inputs, ...lstm.parameters()])).toBe(true);
  });

  it('GRU, two layers, bidirectional, packed', () => {
    manualSeed(3);
    const gru = new GRU(2, 3, { numLayers: 2, bidirectional: true, dtype: 'float64' });
    const inputs = [randn([3, 2, 2], float64), randn([4, 2, 3], float64)];
    expect(gradcheck(hiddenOutputs(gru, true), [...inputs, ...gru.parameters()])).toBe(true);
  });

  it('GRU second derivatives', () => {
    manualSeed(4);
    const gru = new GRU(2, 2, { dtype: 'float64' });
    const inputs = [randn([3, 2, 2], float64), randn([1, 2, 2], float64)];
    expect(gradgradcheck(hiddenOutputs(gru, false), [...inputs, ...gru.parameters()])).toBe(true);
  });

  it('RNN tanh, batch-first, second derivatives', () => {
    manualSeed(5);
    const rnn = new RNN(2, 2, { batchFirst: true, dtype: 'float64' });
    const inputs = [randn([2, 3, 2], float64), randn([1, 2, 2], float64)];
    expect(gradgradcheck(hiddenOutputs(rnn, false), [...inputs, ...rnn.parameters()])).toBe(true);
  });
});
