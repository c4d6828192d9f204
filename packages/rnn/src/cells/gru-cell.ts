import type { Tensor } from '@dl/tensor';
import type { FactoryOptions } from '@dl/nn';
import { cellArguments, RecurrentCell, type RecurrentCellOptions } from './recurrent-cell.js';
import { refuseExtraInputs } from '@dl/nn';

/**
 * One step of a GRU (PyTorch's `GRUCell`), gates r, z, n:
 *   r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
 *   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h' = (1 − z) ⊙ n + z ⊙ h.
 * input [B, I] or [I], h [B, H] or [H] (zeros when omitted) → h'. weight_ih [3H, I], weight_hh [3H, H],
 * all parameters ~ U(−1/√H, 1/√H).
 * @example
 * const cell = new GRUCell(8, 16);
 * const h1 = cell.call(randn([4, 8]));          // [4, 16]
 */
export class GRUCell extends RecurrentCell {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(inputSize: number, hiddenSize: number, options?: RecurrentCellOptions);
  /** PyTorch's order: `GRUCell(input_size, hidden_size, bias)`. */
  constructor(inputSize: number, hiddenSize: number, bias: boolean, options?: FactoryOptions);
  constructor(inputSize: number, hiddenSize: number, ...rest: unknown[]) {
    super('gru', 'GRUCell', inputSize, hiddenSize, cellArguments('GRUCell', rest, []));
  }

  forward(input: Tensor, hidden?: Tensor | null): Tensor {
    return this.stepHidden(input, hidden);
  }
}
