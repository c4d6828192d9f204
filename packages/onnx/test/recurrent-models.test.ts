import { Linear, Module } from '@dl/nn';
import { GRU, LSTM, RNN } from '@dl/rnn';
import { manualSeed, randn, type Tensor } from '@dl/tensor';
import { describe, it } from 'vitest';
import { expectSameAsOnnxRuntime } from './export-helpers.js';

/** Reads a [B, T, I] batch with a two-layer bidirectional LSTM and classifies its last step. */
class SequenceClassifier extends Module {
  lstm = new LSTM(6, 8, { numLayers: 2, bidirectional: true, batchFirst: true });
  head = new Linear(16, 3);

  forward(input: Tensor): Tensor {
    const [output] = this.lstm.call(input) as [Tensor, unknown];
    // output[:, -1]: the last step of the dynamic sequence axis
    return this.head.call(output.select(1, -1));
  }
}

describe('recurrent layers export as ONNX LSTM/GRU/RNN nodes (gates reordered)', () => {
  it('an LSTM classifier with dynamic batch and sequence axes', async () => {
    manualSeed(11);
    const model = new SequenceClassifier();
    await expectSameAsOnnxRuntime(model, [randn([2, 5, 6])], [[randn([2, 5, 6])], [randn([3, 9, 6])], [randn([1, 2, 6])]], {
      dynamicAxes: { input: { 0: 'batch', 1: 'steps' }, output: { 0: 'batch' } },
    });
  });

  it('an LSTM returning its sequence and final states, with given initial states', async () => {
    manualSeed(12);
    const model = new LSTM(4, 5, { numLayers: 2 });
    const state = () => [randn([2, 3, 5]), randn([2, 3, 5])];
    const feeds = () => [randn([7, 3, 4]), ...state()];
    const example = feeds();
    // LSTM.call takes (input, [h0, c0]); a wrapper gives the exporter three tensor inputs
    class WithState extends Module {
      lstm = model;
      forward(input: Tensor, h0: Tensor, c0: Tensor) {
        return this.lstm.call(input, [h0, c0]);
      }
    }
    await expectSameAsOnnxRuntime(new WithState(), example, [feeds()], {
      inputNames: ['input', 'h0', 'c0'],
      outputNames: ['output', 'hn', 'cn'],
    });
  });

  it('a two-layer bidirectional GRU with dynamic batch and sequence axes', async () => {
    manualSeed(13);
    const model = new GRU(4, 6, { numLayers: 2, bidirectional: true });
    const axes = { input: { 0: 'steps', 1: 'batch' }, output_0: { 0: 'steps', 1: 'batch' }, output_1: { 1: 'batch' } };
    await expectSameAsOnnxRuntime(model, [randn([5, 2, 4])], [[randn([5, 2, 4])], [randn([8, 4, 4])]], { dynamicAxes: axes });
  });

  it('Elman RNNs with tanh and relu', async () => {
    manualSeed(14);
    for (const nonlinearity of ['tanh', 'relu'] as const) {
      const model = new RNN(3, 5, { nonlinearity, bidirectional: true, batchFirst: true });
      await expectSameAsOnnxRuntime(model, [randn([2, 4, 3])], [[randn([2, 4, 3])]]);
    }
  });
});
