import { nonlinearityRepr, rnnMode } from '../cells/nonlinearity.js';
import { HiddenStateLayer } from './hidden-state-layer.js';
import type { RecurrentLayerOptions } from './recurrent-layer.js';
import { recurrentArguments } from './recurrent-arguments.js';

export interface RNNOptions extends RecurrentLayerOptions {
  /** 'tanh' (default) or 'relu'. */
  nonlinearity?: 'tanh' | 'relu';
}

/**
 * A multi-layer Elman RNN (PyTorch's `nn.RNN`): for each step, h_t = act(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh).
 * input [T, B, I] (or [B, T, I] with `batchFirst`, [T, I] unbatched, or a `PackedSequence`) and
 * h0 [L·D, B, H] (zeros when omitted) → `[output, hN]`, output [T, B, D·H] (the last layer's h_t at
 * every step, in the input's layout), hN [L·D, B, H] ordered layer·D + direction.
 * Parameters `weight_ih_l{k}[_reverse]` [H, in], `weight_hh_l{k}` [H, H], `bias_ih_l{k}`, `bias_hh_l{k}` [H],
 * all ~ U(−1/√H, 1/√H).
 * @example
 * const rnn = new RNN(8, 32, { batchFirst: true });
 * const [output, hN] = rnn.call(randn([100, 10, 8])); // [100, 10, 32], [1, 100, 32]
 */
export class RNN extends HiddenStateLayer {
  readonly nonlinearity: 'tanh' | 'relu';

  constructor(inputSize: number, hiddenSize: number, options?: RNNOptions);
  /** PyTorch's order: `RNN(input_size, hidden_size, num_layers, nonlinearity, bias, batch_first, dropout, bidirectional)`. */
  constructor(
    inputSize: number,
    hiddenSize: number,
    numLayers: number,
    nonlinearity?: 'tanh' | 'relu',
    bias?: boolean,
    batchFirst?: boolean,
    dropout?: number,
    bidirectional?: boolean,
    options?: RNNOptions,
  );
  constructor(inputSize: number, hiddenSize: number, ...rest: unknown[]) {
    const options = recurrentArguments<RNNOptions>('RNN', rest, ['nonlinearity']);
    super(rnnMode('RNN', options.nonlinearity), 'RNN', inputSize, hiddenSize, options, ['nonlinearity']);
    this.nonlinearity = options.nonlinearity ?? 'tanh';
  }

  override extraRepr(): string {
    return `${super.extraRepr()}${nonlinearityRepr(this.nonlinearity)}`;
  }
}
