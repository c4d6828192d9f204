import type { Tensor } from '../core/tensor.js';

/**
 * One time step of each recurrent cell, with tensor ops: the reference the fused recurrence kernels
 * are tested against. `inputGates` is the input's share of the pre-activations, x·W_ihᵀ + b_ih,
 * `hiddenGates` the hidden state's, h·W_hhᵀ + b_hh.
 */

/** h' = act(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh), act ∈ {tanh, relu}. */
export function rnnGates(inputGates: Tensor, hiddenGates: Tensor, nonlinearity: 'tanh' | 'relu'): Tensor {
  const preActivation = inputGates.add(hiddenGates);
  return nonlinearity === 'tanh' ? preActivation.tanh() : preActivation.relu();
}

/**
 * LSTM, gates in PyTorch's order i, f, g, o along the last axis:
 *   i = σ(·ᵢ), f = σ(·_f), g = tanh(·_g), o = σ(·ₒ);  c' = f ⊙ c + i ⊙ g,  h' = o ⊙ tanh(c').
 * Returns [h', c'].
 */
export function lstmGates(inputGates: Tensor, hiddenGates: Tensor, cell: Tensor): [Tensor, Tensor] {
  const [inputGate, forgetGate, candidate, outputGate] = inputGates.add(hiddenGates).chunk(4, -1) as [Tensor, Tensor, Tensor, Tensor];
  const nextCell = forgetGate.sigmoid().mul(cell).add(inputGate.sigmoid().mul(candidate.tanh()));
  return [outputGate.sigmoid().mul(nextCell.tanh()), nextCell];
}

/**
 * GRU, gates in PyTorch's order r, z, n; the reset gate multiplies the whole hidden share of n, bias
 * included (PyTorch's and cuDNN's variant):
 *   r = σ(x_r + h_r), z = σ(x_z + h_z), n = tanh(x_n + r ⊙ h_n),  h' = (1 − z) ⊙ n + z ⊙ h = n + z ⊙ (h − n).
 */
export function gruGates(inputGates: Tensor, hiddenGates: Tensor, hidden: Tensor): Tensor {
  const [inputReset, inputUpdate, inputNew] = inputGates.chunk(3, -1) as [Tensor, Tensor, Tensor];
  const [hiddenReset, hiddenUpdate, hiddenNew] = hiddenGates.chunk(3, -1) as [Tensor, Tensor, Tensor];
  const reset = inputReset.add(hiddenReset).sigmoid();
  const update = inputUpdate.add(hiddenUpdate).sigmoid();
  const candidate = inputNew.add(reset.mul(hiddenNew)).tanh();
  return candidate.add(update.mul(hidden.sub(candidate)));
}
