import { readArguments } from '../core/options.js';
import { composite } from '../core/scope.js';
import { normalizeDim } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { fromTypedArray } from './allocate.js';
import { where } from './elementwise.js';
import { pad } from './join.js';
import { movedim } from './rearrangement.js';
import { unsqueeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * torch.diag_embed's keywords, also accepted positionally in this order.
 * @example
 * diagEmbed(x, { offset: 1, dim1: 0, dim2: 2 });
 */
export interface DiagEmbedOptions {
  /** Which diagonal: 0 the main one, > 0 above it, < 0 below it. Default 0. */
  offset?: number;
  /** The output dim that indexes the diagonal's rows. Default −2. */
  dim1?: number;
  /** The output dim that indexes its columns. Default −1. */
  dim2?: number;
}

/**
 * Matrices whose diagonal `offset` holds the last dim of x (torch.diag_embed): x of shape [..., n] gives
 * an output of one more dim, in which the two dims `dim1` and `dim2` (of the output; default the last
 * two) have size n + |offset| and out[..., i, i + offset] = x[..., i] along them (rows dim1, columns
 * dim2), 0 elsewhere. A 0/1 mask selects the padded values (where, not a product, so ±∞ and NaN stay
 * on the diagonal only); gradients flow back from the diagonal.
 * @example
 * diagEmbed(tensor([[1, 2], [3, 4]])); // [[[1, 0], [0, 2]], [[3, 0], [0, 4]]]
 */
export function diagEmbed(
  x: Tensor,
  ...options: [offset?: number | DiagEmbedOptions, dim1?: number | DiagEmbedOptions, dim2?: number | DiagEmbedOptions]
): Tensor {
  const names = ['offset', 'dim1', 'dim2'];
  const { offset = 0, dim1 = -2, dim2 = -1 } = readArguments<DiagEmbedOptions>('diagEmbed', options, names, names);
  checkLive('diagEmbed', 'input', x);
  if (!Number.isInteger(offset)) throw new Error(`diagEmbed: offset must be an integer, got ${offset}`);
  if (x.ndim === 0) throw new Error('diagEmbed: expects a tensor of at least 1 dim, got a 0-d tensor');
  const rank = x.ndim + 1;
  const rows = normalizeDim('diagEmbed', dim1, rank);
  const columns = normalizeDim('diagEmbed', dim2, rank);
  if (rows === columns) throw new Error(`diagEmbed: diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const length = x.shape[x.ndim - 1]!;
  const size = length + Math.abs(offset);
  const mask = new Uint8Array(size * size);
  for (let index = 0; index < length; index++) {
    const [row, column] = offset >= 0 ? [index, index + offset] : [index - offset, index];
    mask[row * size + column] = 1;
  }
  return composite(() => {
    const padded = pad(x, [0, Math.abs(offset)]);
    // above the main diagonal row i holds x[i]; below it column j holds x[j]
    const spread = offset >= 0 ? unsqueeze(padded, -1) : unsqueeze(padded, -2);
    const matrices = where(fromTypedArray(mask, [size, size], 'bool', x.device), spread, 0);
    return movedim(matrices, [-2, -1], [rows, columns]);
  });
}
