/**
 * @dl/rnn: recurrent layers (PyTorch's nn.RNN, nn.LSTM, nn.GRU and their cells) and packed sequences.
 * @example
 * import { randn } from '@dl/tensor';
 * import { LSTM } from '@dl/rnn';
 * const lstm = new LSTM(8, 32, { batchFirst: true });
 * const [output, [hN, cN]] = lstm.call(randn([64, 10, 8]));
 * @module @dl/rnn
 */
export { RNN, type RNNOptions } from './layers/rnn.js';
export { LSTM, type LSTMOptions, type LSTMState } from './layers/lstm.js';
export { GRU } from './layers/gru.js';
export { RecurrentLayer, type RecurrentLayerOptions } from './layers/recurrent-layer.js';
export { RNNCell, type RNNCellOptions } from './cells/rnn-cell.js';
export { LSTMCell } from './cells/lstm-cell.js';
export { GRUCell } from './cells/gru-cell.js';
export { RecurrentCell, type RecurrentCellOptions } from './cells/recurrent-cell.js';
export { PackedSequence, isPackedSequence } from './packing/packed-sequence.js';
export { packPaddedSequence, type PackPaddedSequenceOptions } from './packing/pack-padded-sequence.js';
export { padPackedSequence, type PadPackedSequenceOptions } from './packing/pad-packed-sequence.js';
export { packSequence } from './packing/pack-sequence.js';
export { unpadSequence, type UnpadSequenceOptions } from './packing/unpad-sequence.js';
export { unpackSequence } from './packing/unpack-sequence.js';
// one implementation: @dl/data's (PyTorch has it in torch.nn.utils.rnn, where users look for it)
export { padSequence } from '@dl/data';
