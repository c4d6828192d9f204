import { sharedState } from '../core/shared-state.js';

/**
 * The global generator: a seed and a Philox counter offset. Every random op takes the next
 * ceil(size / 4) blocks, so a run is reproducible from `manualSeed(n)` on every device.
 */
export interface GeneratorState {
  seed: bigint;
  offset: bigint;
}

/**
 * Shared by every copy of @dl/tensor in the process: `manualSeed()` from the app must seed the
 * draws of @dl/nn's initialisers even when @dl/nn resolved another copy.
 */
const state = sharedState('generator@1', (): GeneratorState => ({ seed: 0x2545f4914f6cdd1dn, offset: 0n }));

/** Seeds every random op (PyTorch's `torch.manual_seed`). */
export function manualSeed(seed: number | bigint): void {
  state.seed = BigInt.asUintN(64, BigInt(seed));
  state.offset = 0n;
}

/** Reserves counters for `size` numbers and returns where they start. */
export function reserveRandom(size: number): GeneratorState {
  const start = { seed: state.seed, offset: state.offset };
  state.offset += BigInt(Math.ceil(size / 4));
  return start;
}

/** A copy of the generator state, to save in a checkpoint (PyTorch's `get_rng_state`). */
export function getRngState(): GeneratorState {
  return { seed: state.seed, offset: state.offset };
}

export function setRngState(saved: GeneratorState): void {
  state.seed = saved.seed;
  state.offset = saved.offset;
}

/**
 * A generator other than the global one (e.g. `@dl/data`'s `Generator`): any object that hands out
 * Philox counters. Every random op of @dl/tensor takes one as its `generator` option, and then draws
 * from it instead of the global generator (PyTorch's `generator=` argument).
 */
export interface RandomGenerator {
  /** Reserves counters for `size` numbers and returns where they start (the global one's `reserveRandom`). */
  reserveRandom(size: number): GeneratorState;
}

/** Counters from `generator` when one is given, else from the global generator. */
export function reserveFrom(generator: RandomGenerator | undefined | null, size: number): GeneratorState {
  if (generator === undefined || generator === null) return reserveRandom(size);
  if (typeof generator.reserveRandom !== 'function')
    throw new Error('generator: expected a Generator (an object with reserveRandom(size), e.g. new Generator(seed) from @dl/data)');
  return generator.reserveRandom(size);
}
