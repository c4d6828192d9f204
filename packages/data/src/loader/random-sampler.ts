import { checkOptions, describeValue, refuseExtraArguments } from '@dl/tensor';
import { resolveGenerator, type Generator } from '../random/generator.js';
import type { Sampler } from './sampler.js';

export interface RandomSamplerOptions {
  /** Draw with replacement (then `numSamples` may exceed the dataset length). Default false. */
  replacement?: boolean;
  /** How many indices per epoch; default the dataset length. */
  numSamples?: number;
  generator?: Generator;
}

/**
 * A random order of the indices, drawn again every epoch (PyTorch's `RandomSampler`). Without
 * replacement and `numSamples > n`, it chains whole permutations, as PyTorch does.
 * @example
 * const sampler = new RandomSampler(dataset, { generator: new Generator(0) });
 * [...sampler]; // a permutation of 0..n-1, another one next epoch
 */
export class RandomSampler implements Sampler {
  private readonly replacement: boolean;
  private readonly requestedSamples: number | undefined;
  private readonly generator: Generator | undefined;

  constructor(
    private readonly dataSource: { readonly length: number },
    options: RandomSamplerOptions = {},
    ...extra: never[]
  ) {
    if (extra.length > 0) refuseExtraArguments('RandomSampler', ['dataSource', 'options'], extra);
    checkOptions('RandomSampler', options, ['replacement', 'numSamples', 'generator']);
    this.replacement = options.replacement ?? false;
    if (typeof this.replacement !== 'boolean')
      throw new Error(`RandomSampler: replacement should be a boolean value, but got replacement=${describeValue(this.replacement)}`);
    this.requestedSamples = options.numSamples;
    this.generator = options.generator;
    if (this.requestedSamples !== undefined && (!Number.isInteger(this.requestedSamples) || this.requestedSamples <= 0))
      throw new Error(`RandomSampler: numSamples should be a positive integer value, but got numSamples=${this.requestedSamples}`);
  }

  get length(): number {
    return this.requestedSamples ?? this.dataSource.length;
  }

  *[Symbol.iterator](): Iterator<number> {
    const n = this.dataSource.length;
    const generator = resolveGenerator(this.generator);
    if (this.replacement) {
      yield* generator.integers(0, n, this.length);
      return;
    }
    let remaining = this.length;
    while (remaining > 0) {
      const order = generator.permutation(n);
      yield* order.subarray(0, Math.min(n, remaining));
      remaining -= n;
    }
  }
}

/**
 * A random order of the given indices, new every epoch (PyTorch's `SubsetRandomSampler`).
 * @example
 * const sampler = new SubsetRandomSampler([10, 11, 12]);
 */
export class SubsetRandomSampler implements Sampler {
  constructor(
    private readonly indices: readonly number[],
    private readonly generator?: Generator,
    ...extra: never[]
  ) {
    if (extra.length > 0) refuseExtraArguments('SubsetRandomSampler', ['indices', 'generator'], extra);
    // torch's signature is (indices, generator=None): an options object here would be taken for a generator
    if (generator !== undefined && typeof (generator as Partial<Generator>).permutation !== 'function')
      throw new Error(`SubsetRandomSampler: generator should be a Generator, got ${describeValue(generator)}`);
  }

  get length(): number {
    return this.indices.length;
  }

  *[Symbol.iterator](): Iterator<number> {
    for (const position of resolveGenerator(this.generator).permutation(this.indices.length)) yield this.indices[position]!;
  }
}
