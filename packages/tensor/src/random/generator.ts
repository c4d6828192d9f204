import { sharedState } from '../core/shared-state.js';
import { describeValue, refuseArgumentsPast } from '../core/options.js';

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
  if (arguments.length > 1) refuseArgumentsPast('manualSeed', ['seed'], arguments);
  // checked: a seed of another kind (a tensor, a string) stored here broke every later random op
  if (typeof seed !== 'bigint' && !Number.isSafeInteger(seed))
    throw new Error(`manualSeed: seed must be an integer (or a bigint), got ${describeValue(seed)}`);
  state.seed = BigInt.asUintN(64, BigInt(seed));
  state.offset = 0n;
}

/** Reserves counters for `size` numbers and returns where they start. */
export function reserveRandom(size: number): GeneratorState {
  if (arguments.length > 1) refuseArgumentsPast('reserveRandom', ['size'], arguments);
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`reserveRandom: size must be an integer ≥ 0, got ${describeValue(size)}`);
  const start = { seed: state.seed, offset: state.offset };
  state.offset += BigInt(Math.ceil(size / 4));
  return start;
}

/** A copy of the generator state, to save in a checkpoint (PyTorch's `get_rng_state`). */
export function getRngState(): GeneratorState {
  if (arguments.length > 0) refuseArgumentsPast('getRngState', [], arguments);
  return { seed: state.seed, offset: state.offset };
}

export function setRngState(saved: GeneratorState): void {
  if (arguments.length > 1) refuseArgumentsPast('setRngState', ['saved'], arguments);
  // checked: anything else stored here (a tensor, a state read back as numbers) broke every later random op
  if (typeof saved !== 'object' || saved === null || typeof saved.seed !== 'bigint' || typeof saved.offset !== 'bigint')
    throw new Error(`setRngState: expected a state from getRngState() ({ seed, offset } as bigints), got ${describeValue(saved)}`);
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
