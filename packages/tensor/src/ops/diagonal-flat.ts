import { readArguments, refuseArgumentsPast } from '../core/options.js';
import { composite } from '../core/scope.js';
import type { Tensor } from '../core/tensor.js';
import { diagEmbed } from './diagonal-embed.js';
import { reshape } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/**
 * The square matrix with the flattened input on diagonal `offset` (torch.diagflat): x of any shape,
 * read in row-major order as n values, gives an [n + |offset|, n + |offset|] matrix, 0 off the
 * diagonal (offset > 0 above the main diagonal, < 0 below); ±∞ and NaN stay on the diagonal (diagEmbed
 * selects rather than multiplies). Gradients flow back from the diagonal.
 * @example
 * diagflat(tensor([[1, 2]]), 1); // [[0, 1, 0], [0, 0, 2], [0, 0, 0]]
 */
export function diagflat(x: Tensor, offset?: number | { offset?: number }): Tensor {
  if (arguments.length > 2) refuseArgumentsPast('diagflat', ['x', 'offset'], arguments);
  const { offset: diagonal = 0 } = readArguments<{ offset?: number }>('diagflat', [offset], ['offset'], ['offset']);
  checkLive('diagflat', 'input', x);
  if (!Number.isInteger(diagonal)) throw new Error(`diagflat: offset must be an integer, got ${diagonal}`);
  return composite(() => diagEmbed(reshape(x, [-1]), diagonal));
}
