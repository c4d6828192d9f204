import type { Tensor } from '../core/tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import { scope } from '../core/scope.js';
import { castTo } from './convert.js';
import { le, minimum, mul } from './elementwise.js';
import { rand, type RandomOptions } from './random.js';
import { checkOptions, refuseArgumentsPast } from '../core/options.js';
import { amin, cumsum, sum } from './reduce.js';
import { scatter } from './indexing.js';
import { cat } from './join.js';
import { narrow, unsqueeze, squeeze } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

export interface MultinomialOptions {
  /** Draw with replacement (default false, as PyTorch: each category at most once per row). */
  replacement?: boolean;
  /** Draw from this generator instead of the global one. Default: the global generator (`manualSeed`). */
  generator?: RandomOptions['generator'];
}

/**
 * Draws category indices from the rows of `input` (PyTorch's `torch.multinomial`): input [K] or
 * [N, K] of non-negative weights (need not sum to 1) → int32 [numSamples] or [N, numSamples].
 * A draw is the inverse CDF at a uniform u: index = #{k : cdf_k ≤ u·cdf_K}, so a category of weight 0
 * is never drawn. Without replacement, each drawn category's weight is set to 0 before the next draw.
 * Uses the global Philox generator (`manualSeed`), or `generator`, so it is reproducible on every device.
 * PyTorch's positional `replacement` works too: `multinomial(weights, 4, true)`.
 * @example
 * manualSeed(0);
 * multinomial(tensor([0.1, 0.0, 0.9]), 4, { replacement: true }).toArraySync(); // e.g. [2, 2, 0, 2]
 * multinomial(tensor([0.1, 0.0, 0.9]), 4, true, { generator: new Generator(0) });
 */
export function multinomial(input: Tensor, numSamples: number, options?: MultinomialOptions): Tensor;
export function multinomial(
  input: Tensor,
  numSamples: number,
  replacement: boolean,
  options?: Omit<MultinomialOptions, 'replacement'>,
): Tensor;
export function multinomial(
  input: Tensor,
  numSamples: number,
  replacementOrOptions: boolean | MultinomialOptions = {},
  moreOptions: Omit<MultinomialOptions, 'replacement'> = {},
): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('multinomial', ['input', 'numSamples', 'replacementOrOptions', 'moreOptions'], arguments);
  checkLive('multinomial', 'input', input);
  const options: MultinomialOptions =
    typeof replacementOrOptions === 'boolean'
      ? { ...checkOptions('multinomial', moreOptions, ['generator']), replacement: replacementOrOptions }
      : checkOptions('multinomial', replacementOrOptions, ['replacement', 'generator']);
  const replacement = options.replacement ?? false;
  if (input.ndim !== 1 && input.ndim !== 2)
    throw new Error(`multinomial: prob_dist must be 1 or 2 dim, got shape [${input.shape.join(', ')}]`);
  if (input.dtype !== 'float32' && input.dtype !== 'float64')
    throw new Error(`multinomial: only floating point probabilities are supported, got ${input.dtype}`);
  const categories = input.shape[input.ndim - 1]!;
  if (!(Number.isInteger(numSamples) && numSamples > 0))
    throw new Error(`multinomial: cannot sample numSamples <= 0 samples (got ${numSamples})`);
  if (categories === 0) throw new Error('multinomial: the number of categories cannot be 0');
  if (!replacement && numSamples > categories)
    throw new Error(
      `multinomial: cannot sample numSamples = ${numSamples} > prob_dist.size(-1) = ${categories} samples without replacement`,
    );
  return noGrad(() =>
    scope(() => {
      const weights = input.ndim === 1 ? unsqueeze(input.detach(), 0) : input.detach();
      checkWeights(weights);
      let drawn: Tensor;
      if (replacement) drawn = drawWithReplacement(weights, numSamples, options.generator);
      else {
        let remaining = weights;
        const columns: Tensor[] = [];
        for (let sample = 0; sample < numSamples; sample++) {
          const column = drawWithReplacement(remaining, 1, options.generator);
          columns.push(column);
          if (sample + 1 < numSamples) remaining = scatter(remaining, 1, column, 0);
        }
        drawn = columns.length === 1 ? columns[0]! : cat(columns, 1);
      }
      return input.ndim === 1 ? squeeze(drawn, 0) : drawn;
    }),
  );
}

function checkWeights(weights: Tensor): void {
  // reads two numbers back, which GPU backends cannot do synchronously: validate on the CPU only
  if (weights.device !== 'cpu') return;
  if (amin(weights).itemSync() < 0 || !(amin(sum(weights, -1)).itemSync() > 0) || Number.isNaN(sum(weights).itemSync()))
    throw new Error('multinomial: invalid multinomial distribution (encountering a negative, NaN or all-zero row of probabilities)');
}

/** [N, K] weights → [N, S] int32 indices, each #{k : cdf_k ≤ u·total} for its own uniform u. */
function drawWithReplacement(weights: Tensor, samples: number, generator: RandomOptions['generator']): Tensor {
  const [rows, categories] = weights.shape as [number, number];
  const cdf = cumsum(weights, -1); // [N, K]
  const total = narrow(cdf, 1, categories - 1, 1); // [N, 1]
  const targets = mul(rand([rows, samples], { dtype: weights.dtype, device: weights.device, generator }), total); // [N, S]
  const below = le(unsqueeze(cdf, 1), unsqueeze(targets, 2)); // [N, S, K]
  // u·total < total, but rounding may reach it: keep the index inside [0, K − 1]
  return minimum(sum(castTo(below, 'int32'), -1), categories - 1);
}
