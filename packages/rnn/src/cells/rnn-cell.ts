import type { Tensor } from '@dl/tensor';
import { nonlinearityRepr, rnnMode } from './nonlinearity.js';
import type { FactoryOptions } from '@dl/nn';
import { cellArguments, RecurrentCell, type RecurrentCellOptions } from './recurrent-cell.js';
import { refuseExtraInputs } from '@dl/nn';

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
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly nonlinearity: 'tanh' | 'relu';

  constructor(inputSize: number, hiddenSize: number, options?: RNNCellOptions);
  /** PyTorch's order: `RNNCell(input_size, hidden_size, bias, nonlinearity)`. */
  constructor(inputSize: number, hiddenSize: number, bias: boolean, nonlinearity?: 'tanh' | 'relu', options?: FactoryOptions);
  constructor(inputSize: number, hiddenSize: number, ...rest: unknown[]) {
    const options = cellArguments<RNNCellOptions>('RNNCell', rest, ['nonlinearity']);
    super(rnnMode('RNNCell', options.nonlinearity), 'RNNCell', inputSize, hiddenSize, options, ['nonlinearity']);
    this.nonlinearity = options.nonlinearity ?? 'tanh';
  }

  forward(input: Tensor, hidden?: Tensor | null): Tensor {
    return this.stepHidden(input, hidden);
  }

  override extraRepr(): string {
    return `${super.extraRepr()}${nonlinearityRepr(this.nonlinearity)}`;
  }
}
