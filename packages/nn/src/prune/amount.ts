import { describeValue, readArguments, type Tensor } from '@dl/tensor';

/**
 * How much to prune: a fraction in [0, 1] of the entries (or channels) still kept, or an integer
 * count of them. As torch reads an `int` as a count, an integer is a count here: 1 prunes one entry,
 * 0 none; a fraction of 1.0 cannot be told from the count 1, so prune everything with the count.
 */
export type PruningAmount = number;

/** Throws unless `amount` is a fraction in [0, 1] or a non-negative integer (torch's `_validate_pruning_amount_init`). */
export function checkAmount(owner: string, amount: unknown): PruningAmount {
  if (typeof amount !== 'number')
    throw new Error(`${owner}: invalid type for amount: ${describeValue(amount)}. Must be an integer or a fraction`);
  const valid = Number.isInteger(amount) ? amount >= 0 : amount >= 0 && amount <= 1; // NaN fails both
  if (!valid) throw new Error(`${owner}: amount=${amount} should either be a float in the range [0, 1] or a non-negative integer`);
  return amount;
}

/** Python's `round`: to the nearest integer, halves to the even neighbour (round(2.5) = 2, round(3.5) = 4). */
export function roundHalfToEven(value: number): number {
  const nearest = Math.round(value);
  return Math.abs(value - Math.trunc(value)) === 0.5 ? 2 * Math.round(value / 2) : nearest;
}

/**
 * How many of `size` entries (or channels) to prune (torch's `_compute_nparams_toprune` and
 * `_validate_pruning_amount`): the count itself, or round(amount · size) for a fraction; a count
 * above `size` is an error.
 */
export function countToPrune(owner: string, amount: PruningAmount, size: number): number {
  if (!Number.isInteger(amount)) return roundHalfToEven(amount * size);
  if (amount > size) throw new Error(`${owner}: amount=${amount} should be smaller than the number of parameters to prune=${size}`);
  return amount;
}

/**
 * The number of nonzero entries of `flags` (how many entries or channels a repeated pruning chooses
 * from). Reading it is synchronous, so it must be on a device that reads synchronously (the CPU).
 */
export function countKept(owner: string, flags: Tensor): number {
  if (!flags.storage.backend.readSync)
    throw new Error(
      `${owner}: pruning again reads how many entries the mask keeps, and device '${flags.device}' reads asynchronously; prune on the CPU, then move the module`,
    );
  return flags.ne(0).sum().itemSync();
}

/**
 * A pruning function's arguments after the module and the name, positional in `positionalNames`'
 * order or as an options object, with `amount` required and checked.
 */
export function readAmount<Options extends { amount?: PruningAmount }>(owner: string, rest: unknown[], positionalNames: string[]): Options {
  const options = readArguments<Options>(owner, rest, positionalNames, positionalNames);
  if (options.amount === undefined) throw new Error(`${owner}: amount is required`);
  checkAmount(owner, options.amount);
  return options;
}
