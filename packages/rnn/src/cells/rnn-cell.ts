import type { Tensor } from '@dl/tensor';
import { RecurrentCell, type RecurrentCellOptions } from './recurrent-cell.js';

export interface RNNCellOptions extends RecurrentCellOptions {
  /** 'tanh' (default) or 'relu'. */
  nonlinearity?: 'tanh' | 'relu';
}

/**
 * One step of an Elman RNN (PyTorch's `RNNCell`): h' = act(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh).
 * input [B, I] or [I], h [B, H] or [H] (zeros when omitted) → h'. Parameters ~ U(−1/√H, 1/√H).
 * @example
 * const cell = new RNNCell(8, 16);
 * const h1 = cell.call(randn([4, 8]));          // [4, 16]
 */
export class RNNCell extends RecurrentCell {
  readonly nonlinearity: 'tanh' | 'relu';

  constructor(inputSize: number, hiddenSize: number, options: RNNCellOptions = {}) {
    const nonlinearity = options.nonlinearity ?? 'tanh';
    if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') throw new Error(`RNNCell: Unknown nonlinearity '${String(nonlinearity)}'; expected 'tanh' or 'relu'`);
    super(nonlinearity === 'tanh' ? 'rnnTanh' : 'rnnRelu', 'RNNCell', inputSize, hiddenSize, options, ['nonlinearity']);
    this.nonlinearity = nonlinearity;
  }

  forward(input: Tensor, hidden?: Tensor | null): Tensor {
    const [batched, unbatched] = this.batchedInput(input);
    const next = this.step(batched, { hidden: this.batchedState(hidden, batched, unbatched, 'hidden'), cell: null }).hidden;
    return unbatched ? next.squeeze(0) : next;
  }

  override extraRepr(): string {
    return `${super.extraRepr()}${this.nonlinearity === 'tanh' ? '' : `, nonlinearity=${this.nonlinearity}`}`;
  }
}
