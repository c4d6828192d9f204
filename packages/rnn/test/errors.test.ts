// Bad input gets PyTorch's errors, naming the module and the shapes; unknown options throw.
import { randn, zeros } from '@dl/tensor';
import { describe, it, expect } from 'vitest';
import { GRU, GRUCell, LSTM, LSTMCell, RNN, RNNCell, packPaddedSequence, packSequence, padPackedSequence } from '../src/index.js';

describe('layer input errors', () => {
  it('input of the wrong rank', () => {
    expect(() => new LSTM(3, 4).call(randn([2, 5, 3, 1]))).toThrow(
      'LSTM: Expected input to be 2-D or 3-D but received 4-D tensor of shape [2, 5, 3, 1]',
    );
    expect(() => new RNN(3, 4).call(randn([3]))).toThrow('RNN: Expected input to be 2-D or 3-D but received 1-D tensor');
  });
  it('input of the wrong feature size', () => {
    expect(() => new GRU(3, 4).call(randn([5, 2, 7]))).toThrow(
      'GRU: input.size(-1) must be equal to inputSize. Expected 3, got 7 (input [5, 2, 7])',
    );
    const packed = packPaddedSequence(randn([5, 2, 7]), [5, 2]);
    expect(() => new LSTM(3, 4).call(packed)).toThrow('LSTM: input.size(-1) must be equal to inputSize. Expected 3, got 7 (input [7, 7])');
  });
  it('h0 of the wrong shape', () => {
    expect(() => new RNN(3, 4, { numLayers: 2 }).call(randn([5, 2, 3]), zeros([1, 2, 4]))).toThrow(
      'RNN: Expected hidden size [2, 2, 4], got [1, 2, 4]',
    );
    expect(() => new GRU(3, 4).call(randn([5, 2, 3]), zeros([1, 4]))).toThrow(
      'GRU: For batched 3-D input, hidden should also be 3-D but got 2-D tensor of shape [1, 4]',
    );
    expect(() => new GRU(3, 4).call(randn([5, 3]), zeros([1, 1, 4]))).toThrow(
      'GRU: For unbatched 2-D input, hidden should also be 2-D but got 3-D tensor',
    );
    // h0 is never batch-first
    expect(() => new GRU(3, 4, { batchFirst: true }).call(randn([2, 5, 3]), zeros([2, 1, 4]))).toThrow(
      'GRU: Expected hidden size [1, 2, 4], got [2, 1, 4]',
    );
  });
  it('LSTM states of the wrong shape, with projections', () => {
    const lstm = new LSTM(3, 4, { projSize: 2, bidirectional: true });
    const input = randn([5, 2, 3]);
    expect(() => lstm.call(input, [zeros([2, 2, 4]), zeros([2, 2, 4])])).toThrow('LSTM: Expected hidden[0] size [2, 2, 2], got [2, 2, 4]');
    expect(() => lstm.call(input, [zeros([2, 2, 2]), zeros([2, 2, 2])])).toThrow('LSTM: Expected hidden[1] size [2, 2, 4], got [2, 2, 2]');
    const [output, [hN, cN]] = lstm.call(input, [zeros([2, 2, 2]), zeros([2, 2, 4])]);
    expect([output.shape, hN.shape, cN.shape]).toEqual([
      [5, 2, 4],
      [2, 2, 2],
      [2, 2, 4],
    ]);
  });
  it('packed input with h0 sized for the wrong batch', () => {
    const packed = packPaddedSequence(randn([5, 3, 3]), [5, 2, 1]);
    expect(() => new GRU(3, 4).call(packed, zeros([1, 2, 4]))).toThrow('GRU: Expected hidden size [1, 3, 4], got [1, 2, 4]');
  });
});

describe('cell input errors', () => {
  it('wrong rank, feature size and state shape', () => {
    expect(() => new RNNCell(3, 4).call(randn([2, 2, 3]))).toThrow(
      'RNNCell: Expected input to be 1-D or 2-D but received 3-D tensor of shape [2, 2, 3]',
    );
    expect(() => new GRUCell(3, 4).call(randn([2, 5]))).toThrow(
      'GRUCell: input has inconsistent input size: got 5 (input [2, 5]), expected 3',
    );
    expect(() => new LSTMCell(3, 4).call(randn([2, 3]), [zeros([3, 4]), zeros([2, 4])])).toThrow(
      'LSTMCell: Expected hx[0] of shape [2, 4] for input [2, 3], got [3, 4]',
    );
  });
});

describe('constructor checks', () => {
  it('unknown options throw, naming the accepted keys', () => {
    expect(() => new LSTM(3, 4, { batch_first: true } as never)).toThrow(
      'LSTM: unknown option `batch_first` (did you mean `batchFirst`?). Accepted options: numLayers, bias, batchFirst, dropout, bidirectional, device, dtype, projSize',
    );
    expect(() => new GRU(3, 4, { projSize: 2 } as never)).toThrow('GRU: unknown option `projSize`');
    expect(() => new RNNCell(3, 4, { numLayers: 2 } as never)).toThrow(
      'RNNCell: unknown option `numLayers`. Accepted options: bias, nonlinearity, device, dtype',
    );
  });
  it('the packing functions name an unknown option (enforce_sorted: false was ignored, so unsorted lengths still threw)', () => {
    const sequences = [randn([2, 3]), randn([4, 3])];
    expect(() => packSequence(sequences, { enforce_sorted: false } as never)).toThrow(
      'packSequence: unknown option `enforce_sorted` (did you mean `enforceSorted`?)',
    );
    expect(() => packPaddedSequence(zeros([4, 2, 3]), [2, 4], { enforce_sorted: false } as never)).toThrow(
      'packPaddedSequence: unknown option `enforce_sorted` (did you mean `enforceSorted`?)',
    );
    const packed = packSequence(sequences, { enforceSorted: false });
    expect(() => padPackedSequence(packed, { total_length: 5 } as never)).toThrow(
      'padPackedSequence: unknown option `total_length` (did you mean `totalLength`?)',
    );
  });
  it('sizes, dropout, projSize and nonlinearity', () => {
    expect(() => new RNN(3, 0)).toThrow('RNN: hiddenSize must be greater than zero, got 0');
    expect(() => new RNN(3, 4, { numLayers: 0 })).toThrow('RNN: numLayers must be greater than zero');
    expect(() => new GRU(3, 4, { dropout: 1.5 })).toThrow('GRU: dropout should be a number in range [0, 1]');
    expect(() => new LSTM(3, 4, { projSize: 4 })).toThrow(
      'LSTM: projSize has to be smaller than hiddenSize (got projSize 4, hiddenSize 4)',
    );
    expect(() => new RNN(3, 4, { nonlinearity: 'sigmoid' as never })).toThrow("RNN: Unknown nonlinearity 'sigmoid'");
  });
});

describe("PyTorch's positional arguments", () => {
  it('new LSTM(8, 32, 2, true, true) is two layers, batch first; RNN takes nonlinearity after numLayers', () => {
    const lstm = new LSTM(8, 32, 2, true, true);
    expect([lstm.numLayers, lstm.bias, lstm.batchFirst]).toEqual([2, true, true]);
    const rnn = new RNN(4, 6, 3, 'relu');
    expect([rnn.numLayers, rnn.nonlinearity]).toEqual([3, 'relu']);
    expect(new GRU(4, 6, 2, true, false, 0, true).bidirectional).toBe(true);
    expect(() => new LSTM(8, 32, 2, { num_layers: 3 } as never)).toThrow('LSTM: unknown option `num_layers` (did you mean `numLayers`?)');
  });
});
