import type { Tensor } from '@dl/tensor';
import type { FactoryOptions } from '@dl/nn';
import { cellArguments, RecurrentCell, type RecurrentCellOptions } from './recurrent-cell.js';
import { lstmStatePair } from '../state-pair.js';
import { refuseExtraInputs } from '@dl/nn';

/**
 * One step of an LSTM (PyTorch's `LSTMCell`), gates i, f, g, o stacked in that order:
 *   [i f g o] = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh,
 *   c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g),  h' = σ(o) ⊙ tanh(c').
 * input [B, I] or [I], state [h, c] each [B, H] or [H] (zeros when omitted) → [h', c'].
 * weight_ih [4H, I], weight_hh [4H, H], all parameters ~ U(−1/√H, 1/√H).
 * @example
 * const cell = new LSTMCell(8, 16);
 * const [h1, c1] = cell.call(randn([4, 8]));    // [4, 16] each
 */
export class LSTMCell extends RecurrentCell {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(inputSize: number, hiddenSize: number, options?: RecurrentCellOptions);
  /** PyTorch's order: `LSTMCell(input_size, hidden_size, bias)`. */
  constructor(inputSize: number, hiddenSize: number, bias: boolean, options?: FactoryOptions);
  constructor(inputSize: number, hiddenSize: number, ...rest: unknown[]) {
    super('lstm', 'LSTMCell', inputSize, hiddenSize, cellArguments('LSTMCell', rest, []));
  }

  forward(input: Tensor, state?: readonly [Tensor, Tensor] | null): [Tensor, Tensor] {
    const [batched, unbatched] = this.batchedInput(input);
    const pair = lstmStatePair('LSTMCell', state, ['hx[0]', 'hx[1]']);
    const next = this.step(batched, {
      hidden: this.batchedState(pair?.[0], batched, unbatched, 'hx[0]'),
      cell: this.batchedState(pair?.[1], batched, unbatched, 'hx[1]'),
    });
    return this.lend<[Tensor, Tensor]>(unbatched ? [next.hidden.squeeze(0), next.cell!.squeeze(0)] : [next.hidden, next.cell!]);
  }
}
