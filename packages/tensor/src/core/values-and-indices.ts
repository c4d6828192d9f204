import { refuseArgumentsPast } from './options.js';
import type { Tensor } from './tensor.js';

/**
 * torch's `(values, indices)` named tuple, returned by `max`/`min` along a dim, `sort`, `topk` and max
 * pooling with `returnIndices`: read it by name (`result.values`) or by position, as PyTorch code does
 * (`_, predicted = torch.max(outputs, 1)` is `const [, predicted] = outputs.max(1)`).
 */
export type ValuesAndIndices = readonly [values: Tensor, indices: Tensor] & { readonly values: Tensor; readonly indices: Tensor };

/** The pair as an array (so destructuring, spreading and scopes see both tensors) that also has the names. */
export function valuesAndIndices(values: Tensor, indices: Tensor): ValuesAndIndices {
  if (arguments.length > 2) refuseArgumentsPast('valuesAndIndices', ['values', 'indices'], arguments);
  return Object.assign([values, indices] as const, { values, indices });
}
