import { describe, expect, it } from 'vitest';
import { Module } from '@dl/nn';
import { randn } from '@dl/tensor';
import * as rnn from '../src/index.js';
import { constructorsTakingExtraArguments, layersTakingExtraInputs } from '../../../tools/testing/extra-inputs.js';

// Module.call refuses inputs a layer's forward does not take, as PyTorch's `lstm(x, hx, extra)` raises a
// TypeError: JavaScript would drop them (refuseExtraInputs in @dl/nn). The layers and cells are read
// from the package's exports, so one added later fails here until it is marked.

const callWith = (module: Module, ...values: unknown[]) => (module.call as (...inputs: unknown[]) => unknown).apply(module, values);

describe('the recurrent layers and cells refuse inputs their forward does not take', () => {
  it('LSTM takes the input and the state; a third input throws', () => {
    const lstm = new rnn.LSTM(3, 4);
    const x = randn([5, 2, 3]);
    const state = [randn([1, 2, 4]), randn([1, 2, 4])];
    expect(() => callWith(lstm, x, state)).not.toThrow();
    expect(() => callWith(lstm, x, state, true)).toThrow('LSTM.call: forward takes 2 inputs, got 3');
  });

  it('GRU, RNN and the cells likewise', () => {
    const x = randn([5, 2, 3]);
    expect(() => callWith(new rnn.GRU(3, 4), x, null, 1)).toThrow('GRU.call: forward takes 2 inputs, got 3');
    expect(() => callWith(new rnn.RNN(3, 4), x, null, 1)).toThrow('RNN.call: forward takes 2 inputs, got 3');
    expect(() => callWith(new rnn.LSTMCell(3, 4), randn([2, 3]), null, 1)).toThrow('LSTMCell.call: forward takes 2 inputs, got 3');
  });

  it('every exported layer refuses one input more than its forward declares', () => {
    expect(layersTakingExtraInputs(rnn, Module, () => false)).toEqual([]);
  });
});

// JavaScript drops the arguments a constructor does not declare too: `new PackedSequence(data, sizes,
// sorted, unsorted, extra)`. Every class of the package is built the fullest way it accepts and with one
// argument more.
describe('the recurrent classes refuse constructor arguments they do not take', () => {
  const fullest: Record<string, () => unknown[]> = {
    RNN: () => [3, 4, {}],
    LSTM: () => [3, 4, {}],
    GRU: () => [3, 4, {}],
    RNNCell: () => [3, 4, {}],
    LSTMCell: () => [3, 4, {}],
    GRUCell: () => [3, 4, {}],
    PackedSequence: () => [randn([3, 2]), [2, 1], [1, 0], [1, 0]],
  };
  it('every class of @dl/rnn', () => {
    // the bases of the layers and cells, built through them
    const bases = new Set(['RecurrentLayer', 'RecurrentCell']);
    expect(constructorsTakingExtraArguments(rnn as Record<string, unknown>, fullest, (name) => bases.has(name))).toEqual([]);
  });
});
