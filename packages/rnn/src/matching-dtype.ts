import type { Tensor } from '@dl/tensor';

/**
 * Throws unless `value` (an input or a state) has the dtype of the module's weights. torch's recurrent
 * modules refuse a float64 input or state on float32 weights ("input must have the type
 * torch.float32, got type torch.float64") rather than compute in the wider type, as matrix products do.
 * @example
 * checkWeightDtype('LSTM', 'input', randn([5, 3], { dtype: 'float64' }), lstm.weight_ih_l0);
 * // Error: LSTM: input must have the dtype of the weights, float32, got float64; …
 */
export function checkWeightDtype(owner: string, label: string, value: Tensor, weight: Tensor): void {
  if (value.dtype !== weight.dtype)
    throw new Error(
      `${owner}: ${label} must have the dtype of the weights, ${weight.dtype}, got ${value.dtype}; convert it with .to('${weight.dtype}'), or the module with .to('${value.dtype}')`,
    );
}
