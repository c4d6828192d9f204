import { checkBoolean, readArguments } from './options.js';

/** One dimension or several. */
export type Dims = number | readonly number[];

/** torch's keywords of a reduction: `x.sum(dim=1, keepdim=True)` is `x.sum({ dim: 1, keepdim: true })`. */
export interface ReductionOptions {
  /** The dimension(s) to reduce. Default: every dimension. */
  dim?: Dims;
  /** Keep each reduced dimension with size 1. Default false. */
  keepdim?: boolean;
}

/** torch's keywords of a reduction along one dimension (argmax, max with indices, prod). */
export interface DimReductionOptions {
  /** The dimension to reduce. Default: every element (argmax of the flattened tensor, prod of all). */
  dim?: number;
  /** Keep the reduced dimension with size 1. Default false. */
  keepdim?: boolean;
}

/** `keepdim` as a keyword after a positional dim: `x.sum(1, { keepdim: true })`. */
export interface KeepdimOptions {
  /** Keep each reduced dimension with size 1. Default false. */
  keepdim?: boolean;
}

/** torch's `dim=` keyword of an op along one dimension: `cat(tensors, { dim: 1 })`. */
export interface DimOptions {
  /** The dimension. Default: the op's own (0 for cat and split, …). */
  dim?: number;
}

/**
 * `dim` and `keepdim` of a reduction as torch passes them, positionally (sum(x, 1, true)), by keyword
 * (sum(x, { dim: 1, keepdim: true })) or both (sum(x, 1, { keepdim: true })). The positional form
 * returns at once: reductions run inside every loss and layer. An options object was once read as the
 * flag itself (`{ keepdim: false }`, being truthy, kept the dimension); now its keys are read, and an
 * unknown key or a keepdim that is not a boolean is an error naming `operation`.
 */
export function readReduction(operation: string, dim: unknown, keepdim: unknown): { dim: Dims | undefined; keepdim: boolean } {
  if ((dim === undefined || typeof dim === 'number' || Array.isArray(dim)) && (keepdim === undefined || typeof keepdim === 'boolean'))
    return { dim: dim as Dims | undefined, keepdim: keepdim === true };
  const options = readArguments<ReductionOptions>(operation, [dim, keepdim], ['dim', 'keepdim'], ['dim', 'keepdim']);
  return { dim: options.dim, keepdim: checkBoolean(operation, 'keepdim', options.keepdim ?? false) };
}

/** A `dim` given positionally or as `{ dim }` (torch's dim= keyword); `fallback` when neither gives one. */
export function readDim(operation: string, dim: unknown, fallback: number): number;
export function readDim(operation: string, dim: unknown): number | undefined;
export function readDim(operation: string, dim: unknown, fallback?: number): number | undefined {
  if (dim === undefined || typeof dim === 'number') return (dim as number | undefined) ?? fallback;
  return readArguments<DimOptions>(operation, [dim], ['dim'], ['dim']).dim ?? fallback;
}
