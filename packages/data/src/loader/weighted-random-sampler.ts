import { checkOptions, describeValue, isTensor, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import type { Sampler } from './sampler.js';

/**
 * Indices drawn with probability proportional to `weights` (PyTorch's `WeightedRandomSampler`),
 * e.g. to balance classes: weight each sample by 1 / (count of its class).
 * With replacement each draw inverts the cumulative distribution at a uniform u; without replacement
 * the n largest keys u^(1/w) are taken (Efraimidis–Spirakis), which samples proportionally to w.
 * @example
 * const sampler = new WeightedRandomSampler([0.1, 0.9], 100, { generator: new Generator(1) });
 */
export class WeightedRandomSampler implements Sampler {
  private readonly weights: Float64Array;
  private readonly replacement: boolean;
  private readonly generator: Generator | undefined;

  constructor(
    weights: ArrayLike<number> | Tensor,
    readonly numSamples: number,
    options: { replacement?: boolean; generator?: Generator } = {},
    ...extra: never[]
  ) {
    if (extra.length > 0) refuseExtraArguments('WeightedRandomSampler', ['weights', 'numSamples', 'options'], extra);
    checkOptions('WeightedRandomSampler', options, ['replacement', 'generator']);
    const values = isTensor(weights) ? weightsOfTensor(weights) : weights;
    if (!Array.from(values).every((weight) => typeof weight === 'number'))
      throw new Error(`WeightedRandomSampler: weights should be a 1d sequence of numbers, but got ${describeValue(weights)}`);
    this.weights = Float64Array.from(values);
    this.replacement = options.replacement ?? true;
    if (typeof this.replacement !== 'boolean')
      throw new Error(
        `WeightedRandomSampler: replacement should be a boolean value, but got replacement=${describeValue(this.replacement)}`,
      );
    this.generator = options.generator;
    if (!Number.isInteger(numSamples) || numSamples <= 0)
      throw new Error(`WeightedRandomSampler: numSamples should be a positive integer value, but got numSamples=${numSamples}`);
    if (this.weights.some((weight) => !(weight >= 0) || !Number.isFinite(weight)))
      throw new Error('WeightedRandomSampler: weights must be finite and non-negative');
    const positive = this.weights.filter((weight) => weight > 0).length;
    if (positive === 0) throw new Error('WeightedRandomSampler: weights sum to zero');
    if (!this.replacement && numSamples > positive)
      throw new Error(`WeightedRandomSampler: cannot draw ${numSamples} samples without replacement from ${positive} positive weights`);
  }

  get length(): number {
    return this.numSamples;
  }

  *[Symbol.iterator](): Iterator<number> {
    const generator = resolveGenerator(this.generator);
    const count = this.weights.length;
    if (this.replacement) {
      const cumulative = new Float64Array(count);
      let total = 0;
      for (let i = 0; i < count; i++) cumulative[i] = total += this.weights[i]!;
      for (const u of generator.uniform(this.numSamples)) {
        const target = u * total;
        let low = 0;
        let high = count - 1;
        while (low < high) {
          const middle = (low + high) >> 1;
          if (cumulative[middle]! > target) high = middle;
          else low = middle + 1;
        }
        yield low;
      }
      return;
    }
    const uniforms = generator.uniform(count);
    // log key = log(u) / w, larger is better; zero weights never win
    const keys = Array.from(this.weights, (weight, index) => ({
      index,
      key: weight > 0 ? Math.log(1 - uniforms[index]!) / weight : -Infinity,
    }));
    keys.sort((a, b) => b.key - a.key);
    for (let i = 0; i < this.numSamples; i++) yield keys[i]!.index;
  }
}

/**
 * A tensor of weights, torch's usual argument (`WeightedRandomSampler(sample_weights, n)`), read on the
 * CPU: 1-d, as torch's `torch.as_tensor(weights)` must be (Array.from of a tensor gave [] before, and the
 * sampler said the weights "sum to zero").
 */
function weightsOfTensor(weights: Tensor): Float64Array {
  if (weights.ndim !== 1)
    throw new Error(`WeightedRandomSampler: weights should be a 1d sequence, but got a tensor of shape [${weights.shape.join(', ')}]`);
  if (weights.device !== 'cpu')
    throw new Error(`WeightedRandomSampler: weights are read on the CPU; move them with .to('cpu') (device '${weights.device}')`);
  return Float64Array.from(weights.dataSync(), Number);
}
