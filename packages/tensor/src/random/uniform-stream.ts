import { reserveFrom, type RandomGenerator } from './generator.js';
import { philoxUniform } from './philox.js';

/**
 * Uniform [0, 1) numbers one at a time, for the host samplers whose number of draws depends on the
 * draws (rejection and inversion loops): the counters are reserved from `generator` (the global one
 * by default) `batch` numbers at a time, so a seed gives the same numbers on every run.
 */
export class UniformStream {
  private readonly buffer: Float64Array;
  private position: number;

  constructor(
    private readonly generator: RandomGenerator | undefined | null,
    batch: number,
  ) {
    this.buffer = new Float64Array(Math.max(4, Math.ceil(batch / 4) * 4));
    this.position = this.buffer.length;
  }

  /** The next uniform number in [0, 1) (24 random bits, as every draw of the library). */
  next(): number {
    if (this.position === this.buffer.length) {
      const { seed, offset } = reserveFrom(this.generator, this.buffer.length);
      philoxUniform(this.buffer, seed, offset);
      this.position = 0;
    }
    return this.buffer[this.position++]!;
  }
}
