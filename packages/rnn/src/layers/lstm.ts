import type { Tensor } from '@dl/tensor';
import type { PackedSequence } from '../packing/packed-sequence.js';
import { RecurrentLayer, type RecurrentLayerOptions } from './recurrent-layer.js';
import { recurrentArguments } from './recurrent-arguments.js';
import { lstmStatePair } from '../state-pair.js';
import { refuseExtraInputs } from '@dl/nn';

export interface LSTMOptions extends RecurrentLayerOptions {
  /** Project h to this many features with weight_hr [P, H] (0, the default, for none); must be < H. */
  projSize?: number;
}

/** `[h, c]`: h `[L·D, B, Hout]`, c `[L·D, B, H]`. */
export type LSTMState = [Tensor, Tensor];

/**
 * A multi-layer LSTM (PyTorch's `nn.LSTM`), gates i, f, g, o stacked in that order:
 *   [i f g o]_t = x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh,
 *   c_t = σ(f) ⊙ c_{t−1} + σ(i) ⊙ tanh(g),  h_t = σ(o) ⊙ tanh(c_t)  (then h_t·W_hrᵀ with projSize P).
 * input [T, B, I] (or [B, T, I], [T, I], a `PackedSequence`) and `[h0, c0]` → `[output, [hN, cN]]`:
 * output [T, B, D·Hout], hN [L·D, B, Hout], cN [L·D, B, H], Hout = P or H; layer k > 0 reads D·Hout
 * features. `weight_ih_l{k}` [4H, in], `weight_hh_l{k}` [4H, Hout], biases [4H], `weight_hr_l{k}` [P, H],
 * all ~ U(−1/√H, 1/√H).
 * @example
 * const lstm = new LSTM(8, 32, { numLayers: 2 });
 * const [output, [hN, cN]] = lstm.call(randn([10, 64, 8])); // [10, 64, 32], [2, 64, 32] each
 */
export class LSTM extends RecurrentLayer {
  static {
    refuseExtraInputs(this);
  }

  constructor(inputSize: number, hiddenSize: number, options?: LSTMOptions);
  /** PyTorch's order: `LSTM(input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional, proj_size)`. */
  constructor(
    inputSize: number,
    hiddenSize: number,
    numLayers: number,
    bias?: boolean,
    batchFirst?: boolean,
    dropout?: number,
    bidirectional?: boolean,
    projSize?: number,
    options?: LSTMOptions,
  );
  constructor(inputSize: number, hiddenSize: number, ...rest: unknown[]) {
    super('lstm', 'LSTM', inputSize, hiddenSize, recurrentArguments<LSTMOptions>('LSTM', rest, ['projSize']), ['projSize']);
  }

  override call(input: Tensor, state?: LSTMState | null): [Tensor, LSTMState];
  override call(input: PackedSequence, state?: LSTMState | null): [PackedSequence, LSTMState];
  override call(input: Tensor | PackedSequence, state?: LSTMState | null): [Tensor | PackedSequence, LSTMState];
  // every input given goes on to Module.call, which refuses more than forward takes
  override call(...inputs: [input: Tensor | PackedSequence, state?: LSTMState | null]): [Tensor | PackedSequence, LSTMState] {
    return super.call(...(inputs as unknown as never[])) as [Tensor | PackedSequence, LSTMState];
  }

  forward(input: Tensor | PackedSequence, state?: LSTMState | null): [Tensor | PackedSequence, LSTMState] {
    const pair = lstmStatePair('LSTM', state, ['hidden[0]', 'hidden[1]']);
    const [output, hidden, cell] = this.runLayers(input, pair?.[0], pair?.[1]);
    return [output, [hidden, cell!]];
  }
}
