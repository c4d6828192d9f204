import {
  checkNumber,
  type GeneratorState,
  getRngState,
  philoxBlock,
  type RandomGenerator,
  refuseExtraArguments,
  setRngState,
} from '@dl/tensor';

const TWO_TO_MINUS_32 = 2.3283064365386963e-10;

/** Where a draw of `blocks` Philox blocks starts: a key and a counter offset. */
interface Reservation {
  seed: bigint;
  offset: bigint;
}

/**
 * A seeded source of random numbers for data pipelines (PyTorch's `torch.Generator`): Philox4x32-10,
 * the generator of @dl/tensor, with its own seed and counter. Every shuffle, split and random
 * transform takes a `generator` option; without one it draws from @dl/tensor's global generator,
 * so `manualSeed(n)` makes a whole run reproducible.
 * @example
 * const generator = new Generator(42);
 * generator.permutation(5); // the same order every run
 */
export class Generator implements RandomGenerator {
  private seed: bigint;
  private offset = 0n;

  constructor(seed: number | bigint = 0, ...extra: never[]) {
    if (extra.length > 0) refuseExtraArguments('Generator', ['seed'], extra);
    if (typeof seed !== 'number' && typeof seed !== 'bigint')
      throw new Error(`Generator: the seed must be a number or a bigint, got ${typeof seed}`);
    this.seed = BigInt.asUintN(64, BigInt(seed));
  }

  /** The seed the stream started from (PyTorch's `generator.initial_seed()`). */
  initialSeed(...extra: never[]): bigint {
    if (extra.length > 0) refuseExtraArguments('Generator.initialSeed', [], extra);
    return this.seed;
  }

  /**
   * Where the stream is: its seed and Philox counter (PyTorch's `generator.get_state()`). Save it
   * with a checkpoint; `setState` puts a generator back there, so the draws that follow — the next
   * epoch's shuffle of a DataLoader, a random crop — are the ones an uninterrupted run makes.
   * @example
   * const saved = generator.getState();
   * const order = generator.permutation(5);
   * generator.setState(saved);
   * generator.permutation(5); // the same order again
   */
  getState(...extra: never[]): GeneratorState {
    if (extra.length > 0) refuseExtraArguments('Generator.getState', [], extra);
    return { seed: this.seed, offset: this.offset };
  }

  /** Restores a state from `getState` (PyTorch's `generator.set_state()`). */
  setState(state: GeneratorState, ...extra: never[]): this {
    if (extra.length > 0) refuseExtraArguments('Generator.setState', ['state'], extra);
    if (typeof state !== 'object' || state === null || !('seed' in state) || !('offset' in state))
      throw new Error('Generator.setState: expected { seed, offset } from generator.getState()');
    this.seed = BigInt.asUintN(64, BigInt(state.seed));
    this.offset = BigInt(state.offset);
    return this;
  }

  /**
   * Reserves counters for `size` numbers (4 per Philox block), so @dl/tensor's random ops draw from
   * this generator: `randperm(5, { generator })`, `rand([2, 3], { generator })`.
   */
  reserveRandom(size: number, ...extra: never[]): GeneratorState {
    if (extra.length > 0) refuseExtraArguments('Generator.reserveRandom', ['size'], extra);
    return this.reserve(Math.ceil(size / 4));
  }

  /** Restarts the stream from `seed` (PyTorch's `generator.manual_seed`). */
  manualSeed(seed: number | bigint, ...extra: never[]): this {
    if (extra.length > 0) refuseExtraArguments('Generator.manualSeed', ['seed'], extra);
    this.seed = BigInt.asUintN(64, BigInt(seed));
    this.offset = 0n;
    return this;
  }

  /** Reserves counters for `blocks` Philox blocks (4 words each). */
  protected reserve(blocks: number): Reservation {
    const start = { seed: this.seed, offset: this.offset };
    this.offset += BigInt(blocks);
    return start;
  }

  /** `count` raw 32-bit words. */
  words(count: number, ...extra: never[]): Uint32Array {
    if (extra.length > 0) refuseExtraArguments('Generator.words', ['count'], extra);
    const out = new Uint32Array(count);
    const blocks = Math.ceil(count / 4);
    const { seed, offset } = this.reserve(blocks);
    const keyLow = Number(seed & 0xffffffffn);
    const keyHigh = Number((seed >> 32n) & 0xffffffffn);
    const block = new Uint32Array(4);
    for (let b = 0; b < blocks; b++) {
      const counter = offset + BigInt(b);
      philoxBlock(keyLow, keyHigh, Number(counter & 0xffffffffn), Number((counter >> 32n) & 0xffffffffn), block);
      for (let word = 0; word < 4 && b * 4 + word < count; word++) out[b * 4 + word] = block[word]!;
    }
    return out;
  }

  /** `count` uniform numbers in [low, high) (32 random bits each). */
  uniform(count: number, low = 0, high = 1, ...extra: never[]): Float64Array {
    if (extra.length > 0) refuseExtraArguments('Generator.uniform', ['count', 'low', 'high'], extra);
    checkNumber('Generator.uniform', 'low', low);
    checkNumber('Generator.uniform', 'high', high);
    const words = this.words(count);
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = low + (high - low) * words[i]! * TWO_TO_MINUS_32;
    return out;
  }

  /** One uniform number in [low, high). */
  random(low = 0, high = 1, ...extra: never[]): number {
    if (extra.length > 0) refuseExtraArguments('Generator.random', ['low', 'high'], extra);
    return this.uniform(1, low, high)[0]!;
  }

  /**
   * `count` normal numbers by Box–Muller: u1, u2 uniform give √(−2 ln(1 − u1))·cos(2π u2)
   * (1 − u1 is in (0, 1], so the logarithm is finite).
   */
  normal(count: number, mean = 0, std = 1, ...extra: never[]): Float64Array {
    if (extra.length > 0) refuseExtraArguments('Generator.normal', ['count', 'mean', 'std'], extra);
    checkNumber('Generator.normal', 'mean', mean);
    checkNumber('Generator.normal', 'std', std);
    const uniforms = this.uniform(2 * count);
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const radius = Math.sqrt(-2 * Math.log(1 - uniforms[2 * i]!));
      out[i] = mean + std * radius * Math.cos(2 * Math.PI * uniforms[2 * i + 1]!);
    }
    return out;
  }

  /** `count` integers uniform in [low, high). */
  integers(low: number, high: number, count: number, ...extra: never[]): Int32Array {
    if (extra.length > 0) refuseExtraArguments('Generator.integers', ['low', 'high', 'count'], extra);
    if (!(high > low)) throw new Error(`Generator.integers: expects high > low, got low=${low}, high=${high}`);
    const uniforms = this.uniform(count);
    const out = new Int32Array(count);
    for (let i = 0; i < count; i++) out[i] = low + Math.floor(uniforms[i]! * (high - low));
    return out;
  }

  /** A random permutation of 0..n-1 (Fisher–Yates). */
  permutation(n: number, ...extra: never[]): Int32Array {
    if (extra.length > 0) refuseExtraArguments('Generator.permutation', ['n'], extra);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return this.shuffle(order);
  }

  /** Shuffles `items` in place (Fisher–Yates: swap item i with a uniform j ≤ i, from the end) and returns it. */
  shuffle<T extends { length: number; [index: number]: any }>(items: T, ...extra: never[]): T {
    if (extra.length > 0) refuseExtraArguments('Generator.shuffle', ['items'], extra);
    const uniforms = this.uniform(items.length);
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(uniforms[i]! * (i + 1));
      const swap = items[i];
      items[i] = items[j];
      items[j] = swap;
    }
    return items;
  }
}

/** Draws from @dl/tensor's global generator (seeded by `manualSeed`), sharing its counter. */
class GlobalGenerator extends Generator {
  protected override reserve(blocks: number): Reservation {
    const state = getRngState();
    setRngState({ seed: state.seed, offset: state.offset + BigInt(blocks) });
    return state;
  }
  override getState(): GeneratorState {
    return getRngState();
  }
  override setState(state: GeneratorState): this {
    setRngState(state);
    return this;
  }
  override initialSeed(): bigint {
    return getRngState().seed;
  }
  override manualSeed(): this {
    throw new Error('Generator.manualSeed: the global generator is seeded with manualSeed() from @dl/tensor');
  }
}

const globalGenerator: Generator = new GlobalGenerator();

/**
 * The generator a random operation uses: the one given, a fresh one for a numeric seed
 * (scikit-learn's `random_state=int`), or @dl/tensor's global one.
 */
export function resolveGenerator(generator?: Generator | number | bigint | null, ...extra: never[]): Generator {
  if (extra.length > 0) refuseExtraArguments('resolveGenerator', ['generator'], extra);
  if (generator === undefined || generator === null) return globalGenerator;
  if (typeof generator === 'number' || typeof generator === 'bigint') return new Generator(generator);
  return generator;
}
