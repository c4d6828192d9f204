import { type DType, resolveDType } from './dtype.js';
import { checkBoolean, describeValue, isPlainObject, readArguments } from './options.js';

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
 * Whether a reduction's `dim`/`keepdim` came as torch's keywords (an options object) or as a keepdim
 * that is not a boolean. Positional calls — the ones every loss and layer makes — answer false from two
 * `typeof` tests and go on without allocating; the others read their arguments with `readReduction`
 * and call the op again positionally. (An options object was once read as the flag itself:
 * `{ keepdim: false }`, being truthy, kept the dimension.)
 */
export function takesKeywords(dim: unknown, keepdim: unknown): boolean {
  return isPlainObject(dim) || (keepdim !== undefined && typeof keepdim !== 'boolean');
}

/**
 * A dim read from an op's arguments is undefined, an integer or (where the op takes several) a list:
 * checked before the op calls itself again positionally with it, so a dim of another kind (a tensor, a
 * string) is an error naming the op rather than a call that repeats until the stack runs out.
 */
function checkDimValue<D>(operation: string, dim: D, list: boolean): D {
  if (dim === undefined || typeof dim === 'number' || (list && Array.isArray(dim))) return dim;
  throw new Error(`${operation}: dim must be an integer${list ? ' or a list of integers' : ''}, got ${describeValue(dim)}`);
}

/**
 * `dim` and `keepdim` from sum(x, { dim: 1, keepdim: true }) or sum(x, 1, { keepdim: true }); an unknown
 * key, a dim given twice or a keepdim that is not a boolean is an error naming `operation`.
 */
export function readReduction(operation: string, dim: unknown, keepdim: unknown): { dim: Dims | undefined; keepdim: boolean } {
  const options = readArguments<ReductionOptions>(operation, [dim, keepdim], ['dim', 'keepdim'], ['dim', 'keepdim']);
  return { dim: checkDimValue(operation, options.dim, true), keepdim: checkBoolean(operation, 'keepdim', options.keepdim ?? false) };
}

/** A `dim` given positionally or as `{ dim }` (torch's dim= keyword); `fallback` when neither gives one. */
export function readDim(operation: string, dim: unknown, fallback: number): number;
export function readDim(operation: string, dim: unknown): number | undefined;
export function readDim(operation: string, dim: unknown, fallback?: number): number | undefined {
  if (dim === undefined || typeof dim === 'number') return (dim as number | undefined) ?? fallback;
  return checkDimValue(operation, readArguments<DimOptions>(operation, [dim], ['dim'], ['dim']).dim, false) ?? fallback;
}

/**
 * torch's `dtype=` keyword of sum, prod, mean, nansum, nanmean, cumsum and cumprod: the input is cast
 * to it before the op (`mask.sum({ dtype: 'float32' })`, the mean of integers).
 */
export interface DtypeOptions {
  /** Cast the input to this dtype first (torch's spellings such as 'double' accepted). Default: the input's dtype. */
  dtype?: DType;
}

/** A reduction's keywords with torch's `dtype`: `x.sum({ dim: 1, dtype: 'float64' })`. */
export interface TypedReductionOptions extends ReductionOptions, DtypeOptions {}

/** `keepdim` and `dtype` after a positional dim: `x.sum(1, { keepdim: true, dtype: 'float64' })`. */
export interface TypedKeepdimOptions extends KeepdimOptions, DtypeOptions {}

/** torch's `dim=` and `dtype=` keywords of cumsum and cumprod: `x.cumsum({ dim: 1, dtype: 'float64' })`. */
export interface TypedDimOptions extends DimOptions, DtypeOptions {}

/**
 * `dim`, `keepdim` and `dtype` of sum(x, 1, true, { dtype }), sum(x, 1, { keepdim, dtype }) or
 * sum(x, { dim, keepdim, dtype }); an unknown key, a dim given twice or an unsupported dtype throws.
 */
export function readTypedReduction(
  operation: string,
  dim: unknown,
  keepdim: unknown,
  options: unknown,
): { dim: Dims | undefined; keepdim: boolean; dtype: DType | undefined } {
  const read = readArguments<TypedReductionOptions>(operation, [dim, keepdim, options], ['dim', 'keepdim'], ['dim', 'keepdim', 'dtype']);
  return {
    dim: checkDimValue(operation, read.dim, true),
    keepdim: checkBoolean(operation, 'keepdim', read.keepdim ?? false),
    dtype: read.dtype === undefined ? undefined : resolveDType(operation, read.dtype),
  };
}

/** `dim` and `dtype` of cumsum(x, 1, { dtype }) or cumsum(x, { dim, dtype }). */
export function readTypedDim(operation: string, dim: unknown, options: unknown): { dim: number | undefined; dtype: DType | undefined } {
  const read = readArguments<TypedDimOptions>(operation, [dim, options], ['dim'], ['dim', 'dtype']);
  return {
    dim: checkDimValue(operation, read.dim, false),
    dtype: read.dtype === undefined ? undefined : resolveDType(operation, read.dtype),
  };
}

/**
 * A dim the op cannot do without: softmax's implicit one is deprecated in torch, cumsum's and cumprod's
 * is a required argument there too.
 */
export function requiredDim(operation: string, dim: number | undefined, why = ''): number {
  if (dim === undefined) throw new Error(`${operation}: dim is required${why}; e.g. x.${operation}(-1) for the last axis`);
  return dim;
}
