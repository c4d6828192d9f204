/**
 * numpy's legacy `RandomState` (the generator scikit-learn's `random_state` seeds): MT19937 seeded as
 * `init_genrand`, and its `permutation(n)`, so `silhouetteScore`'s `sampleSize` draws the samples
 * scikit-learn draws for the same seed.
 */
export class NumpyRandomState {
  private readonly state = new Uint32Array(624);
  private position = 624;

  /** `np.random.RandomState(seed)`, seed an integer in [0, 2³² − 1]: sᵢ = 1812433253 (sᵢ₋₁ ⊕ (sᵢ₋₁ ≫ 30)) + i mod 2³². */
  constructor(seed: number) {
    this.state[0] = seed >>> 0;
    for (let index = 1; index < 624; index++) {
      const previous = this.state[index - 1]!;
      this.state[index] = (Math.imul(1812433253, (previous ^ (previous >>> 30)) >>> 0) + index) >>> 0;
    }
  }

  /** The next 32-bit output of MT19937 (Matsumoto and Nishimura 1998), tempered. */
  nextUint32(): number {
    if (this.position >= 624) this.twist();
    let value = this.state[this.position++]!;
    value ^= value >>> 11;
    value ^= (value << 7) & 0x9d2c5680;
    value ^= (value << 15) & 0xefc60000;
    value ^= value >>> 18;
    return value >>> 0;
  }

  private twist(): void {
    const state = this.state;
    for (let index = 0; index < 624; index++) {
      const bits = (state[index]! & 0x80000000) | (state[(index + 1) % 624]! & 0x7fffffff);
      state[index] = state[(index + 397) % 624]! ^ (bits >>> 1) ^ (bits & 1 ? 0x9908b0df : 0);
    }
    this.position = 0;
  }

  /**
   * A uniform integer in [0, max] as numpy's `random_interval`: draws masked to the smallest 2ᵏ − 1 ≥ max,
   * rejected until one is ≤ max (max < 2³² here).
   */
  private interval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    for (;;) {
      const value = (this.nextUint32() & mask) >>> 0;
      if (value <= max) return value;
    }
  }

  /** `permutation(n)`: 0 … n − 1 shuffled by Fisher–Yates from the last position down, as numpy's `shuffle`. */
  permutation(n: number): Int32Array {
    const values = Int32Array.from({ length: n }, (_, index) => index);
    for (let index = n - 1; index > 0; index--) {
      const other = this.interval(index);
      const swap = values[index]!;
      values[index] = values[other]!;
      values[other] = swap;
    }
    return values;
  }
}
