import type { Tensor } from '../core/tensor.js';
import { castTo } from './convert.js';
import { add, gt, le, log, neg, where } from './elementwise.js';
import { rand, type RandomOptions } from './random.js';
import { cumsum, sum } from './reduce.js';
import { topk } from './sort.js';
import { unsqueeze } from './views.js';

/**
 * `numSamples` category indices per row of non-negative `weights` [C] or [N, C], each drawn with
 * probability proportional to its weight (torch.multinomial); int32.
 *
 * With replacement, each draw is the number of cumulative weights ≤ u·total for a uniform u (inverse
 * CDF). Without replacement, the Gumbel-top-k trick: the k largest of log wᵢ − log(−log uᵢ) are a
 * sample without replacement proportional to w (categories of weight 0 get −∞ and are never drawn).
 * Both are compositions of primitives, so they run on every device; the numbers differ from torch's
 * (another generator), the distribution does not.
 * @example
 * multinomial(tensor([0.1, 0.0, 0.9]), 4, true); // e.g. [2, 2, 0, 2]
 */
export function multinomial(weights: Tensor, numSamples: number, replacement = false, options: RandomOptions = {}): Tensor {
  if (weights.ndim !== 1 && weights.ndim !== 2) throw new Error(`multinomial: weights must be 1-D or 2-D, got ${weights.ndim} dims`);
  const categories = weights.shape[weights.ndim - 1]!;
  if (!Number.isInteger(numSamples) || numSamples < 0) throw new Error(`multinomial: numSamples must be a non-negative integer, got ${numSamples}`);
  if (!replacement && numSamples > categories)
    throw new Error(`multinomial: cannot draw ${numSamples} samples without replacement from ${categories} categories`);
  checkWeights(weights);
  const rows = weights.ndim === 1 ? unsqueeze(weights, 0) : weights;
  // draws in the weights' float dtype (float32 on the GPU, which has no float64)
  const floatType = weights.dtype === 'float64' ? 'float64' : 'float32';
  const drawOptions = { device: weights.device, generator: options.generator, dtype: floatType } as const;
  let samples: Tensor;
  if (replacement) {
    const total = sum(rows, -1, true); // [N, 1]
    const cdf = unsqueeze(cumsum(rows, -1), 1); // [N, 1, C]
    const u = unsqueeze(rand([rows.shape[0]!, numSamples], drawOptions), -1); // [N, S, 1]
    // index = #{c : cdf_c ≤ u·total}, kept below C for a u·total that rounds onto the last cdf
    const below = castTo(le(cdf, castTo(u, rows.dtype).mul(unsqueeze(total, 1))), 'int32');
    samples = sum(below, -1).clamp(undefined, categories - 1);
  } else {
    const u = rand([rows.shape[0]!, categories], drawOptions);
    const gumbel = neg(log(neg(log(u)))); // −log(−log u): standard Gumbel noise
    const keys = add(where(gt(rows, 0), log(castTo(rows, floatType)), -Infinity), gumbel);
    samples = topk(keys, numSamples, -1).indices;
  }
  const result = castTo(samples, 'int32');
  return weights.ndim === 1 ? result.reshape([numSamples]) : result;
}

/** torch's checks, on the CPU where the weights can be read: non-negative, finite, some positive per row. */
function checkWeights(weights: Tensor): void {
  if (weights.device !== 'cpu') return;
  const values = weights.dataSync();
  const categories = weights.shape[weights.ndim - 1]!;
  for (let row = 0; row * categories < values.length; row++) {
    let total = 0;
    for (let c = 0; c < categories; c++) {
      const value = values[row * categories + c]!;
      if (!(value >= 0) || !Number.isFinite(value)) throw new Error(`multinomial: weights must be finite and non-negative, got ${value}`);
      total += value;
    }
    if (total === 0) throw new Error('multinomial: every row of weights needs a positive sum');
  }
}

