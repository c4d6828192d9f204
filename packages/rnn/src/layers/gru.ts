import { HiddenStateLayer } from './hidden-state-layer.js';
import type { RecurrentLayerOptions } from './recurrent-layer.js';
import { recurrentArguments } from './recurrent-arguments.js';

/**
 * A multi-layer GRU (PyTorch's `nn.GRU`), gates r, z, n:
 *   r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr),  z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz),
 *   n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn)),  h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}.
 * input [T, B, I] (or [B, T, I], [T, I], a `PackedSequence`), h0 [L·D, B, H] → `[output, hN]` as `RNN`.
 * `weight_ih_l{k}` [3H, in], `weight_hh_l{k}` [3H, H], biases [3H], all ~ U(−1/√H, 1/√H).
 * @example
 * const gru = new GRU(1, 16, { batchFirst: true });
 * const [output, hN] = gru.call(randn([4, 20, 1])); // [4, 20, 16], [1, 4, 16]
 */
export class GRU extends HiddenStateLayer {
  constructor(inputSize: number, hiddenSize: number, options?: RecurrentLayerOptions);
  /** PyTorch's order: `GRU(input_size, hidden_size, num_layers, bias, batch_first, dropout, bidirectional)`. */
  constructor(
    inputSize: number,
    hiddenSize: number,
    numLayers: number,
    bias?: boolean,
    batchFirst?: boolean,
    dropout?: number,
    bidirectional?: boolean,
    options?: RecurrentLayerOptions,
  );
  constructor(inputSize: number, hiddenSize: number, ...rest: unknown[]) {
    super('gru', 'GRU', inputSize, hiddenSize, recurrentArguments('GRU', rest, []), []);
  }
}
