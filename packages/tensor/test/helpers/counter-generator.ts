import type { GeneratorState, RandomGenerator } from '../../src/index.js';

/** The smallest RandomGenerator (what @dl/data's Generator implements): a seed and a counter of its own. */
export class Generator implements RandomGenerator {
  private offset = 0n;
  constructor(private readonly seed: number) {}
  reserveRandom(size: number): GeneratorState {
    const start = { seed: BigInt(this.seed), offset: this.offset };
    this.offset += BigInt(Math.ceil(size / 4));
    return start;
  }
}
