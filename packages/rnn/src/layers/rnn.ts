import type { Tensor } from '@dl/tensor';
import type { PackedSequence } from '../packing/packed-sequence.js';
import { RecurrentLayer, type RecurrentLayerOptions } from './recurrent-layer.js';

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
export class RNN extends RecurrentLayer {
  readonly nonlinearity: 'tanh' | 'relu';

  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    const nonlinearity = options.nonlinearity ?? 'tanh';
    if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') throw new Error(`RNN: Unknown nonlinearity '${String(nonlinearity)}'; expected 'tanh' or 'relu'`);
    super(nonlinearity === 'tanh' ? 'rnnTanh' : 'rnnRelu', 'RNN', inputSize, hiddenSize, options, ['nonlinearity']);
    this.nonlinearity = nonlinearity;
  }

  override call(input: Tensor, h0?: Tensor | null): [Tensor, Tensor];
  override call(input: PackedSequence, h0?: Tensor | null): [PackedSequence, Tensor];
  override call(input: Tensor | PackedSequence, h0?: Tensor | null): [Tensor | PackedSequence, Tensor];
  override call(input: Tensor | PackedSequence, h0?: Tensor | null): [Tensor | PackedSequence, Tensor] {
    return super.call(...([input, h0] as never[])) as [Tensor | PackedSequence, Tensor];
  }

  forward(input: Tensor | PackedSequence, h0?: Tensor | null): [Tensor | PackedSequence, Tensor] {
    const [output, hidden] = this.runLayers(input, h0, null);
    return [output, hidden];
  }

  override extraRepr(): string {
    return `${super.extraRepr()}${this.nonlinearity === 'tanh' ? '' : `, nonlinearity=${this.nonlinearity}`}`;
  }
}
