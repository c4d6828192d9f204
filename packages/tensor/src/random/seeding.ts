import { refuseArgumentsPast } from '../core/options.js';
import { getRngState, manualSeed } from './generator.js';

/**
 * The seed of the global generator (torch.initial_seed): the one `manualSeed` or `seed` set last, or
 * the library's fixed default. A bigint, since seeds are 64-bit (`manualSeed(5)` gives `5n`).
 * @example
 * manualSeed(7);
 * initialSeed(); // 7n
 */
export function initialSeed(): bigint {
  if (arguments.length > 0) refuseArgumentsPast('initialSeed', [], arguments);
  return getRngState().seed;
}

/**
 * Seeds the global generator with a non-deterministic 64-bit number from the platform's
 * cryptographic source (`crypto.getRandomValues`) and returns it (torch.seed), so that a run can be
 * repeated later with `manualSeed(returned)`.
 * @example
 * const used = seed(); // e.g. 12908207846136177754n
 */
export function seed(): bigint {
  if (arguments.length > 0) refuseArgumentsPast('seed', [], arguments);
  const source = (globalThis as { crypto?: { getRandomValues?: (array: Uint32Array) => Uint32Array } }).crypto;
  if (typeof source?.getRandomValues !== 'function')
    throw new Error('seed: this platform has no crypto.getRandomValues to draw a non-deterministic seed from; use manualSeed(n)');
  const words = source.getRandomValues(new Uint32Array(2));
  const value = (BigInt(words[0]!) << 32n) | BigInt(words[1]!);
  manualSeed(value);
  return value;
}
