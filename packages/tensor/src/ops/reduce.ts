import type { ReduceOp } from '../core/backend.js';
import { floatTypeFor, isFloating, type DType } from '../core/dtype.js';
import {
  checkBoolean,
  checkNumber,
  checkOptions,
  describeValue,
  isPlainObject,
  readArguments,
  refuseArgumentsPast,
} from '../core/options.js';
import {
  type DimReductionOptions,
  type Dims,
  type DtypeOptions,
  type KeepdimOptions,
  readReduction,
  readTypedDim,
  readTypedReduction,
  type ReductionOptions,
  requiredDim,
  takesKeywords,
  type TypedDimOptions,
  type TypedKeepdimOptions,
  type TypedReductionOptions,
} from '../core/dim-arguments.js';
import { normalizeDim, normalizeDims, reductionDims, sizeOf } from '../core/shape.js';
import type { Tensor } from '../core/tensor.js';
import { isTensor } from '../core/brand.js';
import { valuesAndIndices, type ValuesAndIndices } from '../core/values-and-indices.js';
import { record } from '../autograd/record.js';
import { composite, releaseIfMade } from '../core/scope.js';
import { isGradEnabled, noGrad } from '../autograd/grad-mode.js';
import { traceObserver } from '../autograd/trace-observer.js';
import { allocate } from './allocate.js';
import { castTo } from './convert.js';
import { evenlyDistributed } from './evenly-distributed.js';
import { withInputDtype } from './input-dtype.js';
import { add, div, eq, isfinite, log, exp, mul, sqrt, sub, where, abs, pow, maximum, minimum } from './elementwise.js';
import { gather } from './indexing.js';
import { contiguous, permute, reshape, squeeze, flatten } from './views.js';
import { checkLive } from '../core/tensor-arguments.js';

/** Shape with the reduced axes kept as 1 (keepdim) or removed. */
export function reducedShape(shape: readonly number[], axes: readonly number[], keepdim: boolean): number[] {
  return keepdim ? shape.map((extent, axis) => (axes.includes(axis) ? 1 : extent)) : shape.filter((_, axis) => !axes.includes(axis));
}

/**
 * Runs a reduce kernel over `axes` (removed from the shape). sum and prod are recorded as primitives by
 * their callers; max, min, argmax and argmin are reported to a trace observer here, so that exporters
 * see every use (softmax's shift included).
 */
function reduceKernel(operation: ReduceOp, x: Tensor, axes: readonly number[], outputDtype = x.dtype): Tensor {
  const output = runReduceKernel(operation, x, axes, outputDtype);
  if (operation !== 'sum' && operation !== 'prod') traceObserver()?.untraced(output, operation, [x], { axes });
  return output;
}

/** Throws, naming the op the user called, when a reduction without an identity (max, min, argmax…) meets a zero-size dim. */
function assertReducible(operation: string, x: Tensor, axes: readonly number[]): void {
  if (axes.some((axis) => x.shape[axis] === 0))
    throw new Error(`${operation}: cannot reduce over a zero-size dimension of a tensor of shape [${x.shape.join(', ')}]`);
}

/** Moves `axes` last, makes the input contiguous, reduces rows. */
function runReduceKernel(operation: ReduceOp, x: Tensor, axes: readonly number[], outputDtype: DType): Tensor {
  const kept = x.shape.map((_, axis) => axis).filter((axis) => !axes.includes(axis));
  // axes already last and in order (a row-wise reduction): permute would be the identity, so skip building it
  const trailing = axes.every((axis, index) => axis === x.ndim - axes.length + index);
  const outputShape = kept.map((axis) => x.shape[axis]!);
  const sumAxes = operation === 'sum' && !trailing ? x.storage.backend.fused?.sumAxes : undefined;
  // ascending axes (normalizeDims sorts them) keep each output's summation order in memory order
  if (sumAxes && x.isContiguous() && axes.every((axis, index) => index === 0 || axis > axes[index - 1]!)) {
    const output = allocate(outputShape, outputDtype, x.device);
    sumAxes(x.kernelView(), output.kernelView(), axes);
    return output;
  }
  const permuted = trailing ? x : permute(x, [...kept, ...axes]);
  const moved = contiguous(permuted);
  const reducedSize = sizeOf(axes.map((axis) => x.shape[axis]!));
  if (reducedSize === 0 && operation !== 'sum' && operation !== 'prod') assertReducible(operation, x, axes);
  const output = allocate(outputShape, outputDtype, x.device);
  const input = moved.kernelView();
  x.storage.backend.reduce(
    operation,
    { ...input, shape: [sizeOf(outputShape), reducedSize], strides: [reducedSize, 1] },
    output.kernelView(),
  );
  releaseIfMade(moved, permuted);
  releaseIfMade(permuted, x);
  return output;
}

function finish(result: Tensor, x: Tensor, axes: number[], keepdim: boolean): Tensor {
  if (!keepdim) return result;
  const kept = reshape(result, reducedShape(x.shape, axes, true));
  releaseIfMade(result, kept); // the view holds the storage, the graph its own references
  return kept;
}

/** Sum over `dim` (all dims when omitted); int and bool sum to int32. */
export function sum(
  x: Tensor,
  dim?: Dims | TypedReductionOptions,
  keepdim?: boolean | TypedKeepdimOptions,
  options?: DtypeOptions,
): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('sum', ['x', 'dim', 'keepdim', 'options'], arguments);
  if (options !== undefined || takesKeywords(dim, keepdim)) {
    const read = readTypedReduction('sum', dim, keepdim, options);
    return withInputDtype(x, read.dtype, (input) => sum(input, read.dim, read.keepdim));
  }
  checkLive('sum', 'input', x);
  const axes = reductionDims('sum', dim as Dims | undefined, x.ndim);
  const input = x.dtype === 'bool' ? castTo(x, 'int32') : x;
  const result = record(reduceKernel('sum', input, axes), 'sum', [input], { axes });
  releaseIfMade(input, x);
  return finish(result, x, axes, keepdim === true);
}

/** Mean over `dim` (all dims when omitted); an integer input needs torch's `dtype` keyword (`{ dtype: 'float32' }`). */
export function mean(
  x: Tensor,
  dim?: Dims | TypedReductionOptions,
  keepdim?: boolean | TypedKeepdimOptions,
  options?: DtypeOptions,
): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('mean', ['x', 'dim', 'keepdim', 'options'], arguments);
  checkLive('mean', 'input', x);
  if (options !== undefined || takesKeywords(dim, keepdim)) {
    const read = readTypedReduction('mean', dim, keepdim, options);
    return withInputDtype(x, read.dtype, (input) => mean(input, read.dim, read.keepdim));
  }
  if (!isFloating(x.dtype))
    throw new Error(
      `mean: could not infer output dtype; input dtype must be floating point, got ${x.dtype} (pass { dtype: 'float32' }, torch's dtype keyword, to average integers)`,
    );
  const axes = reductionDims('mean', dim as Dims | undefined, x.ndim);
  const count = sizeOf(axes.map((axis) => x.shape[axis]!));
  const total = sum(x, axes, keepdim === true);
  traceObserver()?.averaging?.(total, 0);
  const result = div(total, count);
  releaseIfMade(total, x);
  return result;
}

export function prod(
  x: Tensor,
  dim?: number | (DimReductionOptions & DtypeOptions),
  keepdim?: boolean | TypedKeepdimOptions,
  options?: DtypeOptions,
): Tensor {
  if (arguments.length > 4) refuseArgumentsPast('prod', ['x', 'dim', 'keepdim', 'options'], arguments);
  if (options !== undefined || takesKeywords(dim, keepdim)) {
    const read = readTypedReduction('prod', dim, keepdim, options);
    return withInputDtype(x, read.dtype, (input) => prod(input, read.dim as number | undefined, read.keepdim));
  }
  checkLive('prod', 'input', x);
  const axes = normalizeDims('prod', dim as number | undefined, x.ndim);
  const input = x.dtype === 'bool' ? castTo(x, 'int32') : x;
  const result = record(reduceKernel('prod', input, axes), 'prod', [input], { axes });
  releaseIfMade(input, x);
  return finish(result, x, axes, keepdim === true);
}

/**
 * Maximum over `dim` (all when omitted). Ties share the gradient evenly, as torch.amax: each element
 * equal to its slice's maximum m gets g / #[x = m] (see evenlyDistributed).
 */
export function amax(x: Tensor, dim?: Dims | ReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('amax', ['x', 'dim', 'keepdim'], arguments);
  if (takesKeywords(dim, keepdim)) {
    const read = readReduction('amax', dim, keepdim);
    return amax(x, read.dim, read.keepdim);
  }
  return extremum('max', 'amax', x, dim as Dims | undefined, keepdim === true);
}
export function amin(x: Tensor, dim?: Dims | ReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('amin', ['x', 'dim', 'keepdim'], arguments);
  if (takesKeywords(dim, keepdim)) {
    const read = readReduction('amin', dim, keepdim);
    return amin(x, read.dim, read.keepdim);
  }
  return extremum('min', 'amin', x, dim as Dims | undefined, keepdim === true);
}

function extremum(
  operation: 'max' | 'min',
  name: string,
  x: Tensor,
  dim: number | readonly number[] | undefined,
  keepdim: boolean,
): Tensor {
  checkLive(name, 'input', x);
  const axes = reductionDims(name, dim, x.ndim);
  assertReducible(name, x, axes);
  if (!x.requiresGrad || !isGradEnabled()) return finish(reduceKernel(operation, x, axes), x, axes, keepdim);
  // the kernel's value exactly, ties sharing the gradient (a mean of the ties would round: 3 × 0.1 / 3 ≠ 0.1)
  return composite(() => evenlyDistributed(x, finish(reduceKernel(operation, x, axes), x, axes, keepdim), axes));
}

function argReduce(operation: 'argmax' | 'argmin', x: Tensor, dim: number | undefined, keepdim: boolean): Tensor {
  checkLive(operation, 'input', x);
  if (dim === undefined) {
    const flat = flatten(x);
    const index = reduceKernel(operation, flat, [0], 'int32');
    releaseIfMade(flat, x);
    return finish(
      index,
      x,
      x.shape.map((_, axis) => axis),
      keepdim,
    );
  }
  const axis = normalizeDim(operation, dim, x.ndim);
  // a 0-d tensor's dim 0 holds its one element, at index 0: no axis to reduce
  const axes = x.ndim === 0 ? [] : [axis];
  return finish(reduceKernel(operation, x, axes, 'int32'), x, axes, keepdim);
}

/** The index of the maximum along `dim` (of the flattened tensor when omitted), as int32. */
export function argmax(x: Tensor, dim?: number | DimReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('argmax', ['x', 'dim', 'keepdim'], arguments);
  if (takesKeywords(dim, keepdim)) {
    const read = readReduction('argmax', dim, keepdim);
    return argmax(x, read.dim as number | undefined, read.keepdim);
  }
  return argReduce('argmax', x, dim as number | undefined, keepdim === true);
}
/** The index of the minimum along `dim` (of the flattened tensor when omitted), as int32. */
export function argmin(x: Tensor, dim?: number | DimReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('argmin', ['x', 'dim', 'keepdim'], arguments);
  if (takesKeywords(dim, keepdim)) {
    const read = readReduction('argmin', dim, keepdim);
    return argmin(x, read.dim as number | undefined, read.keepdim);
  }
  return argReduce('argmin', x, dim as number | undefined, keepdim === true);
}

/**
 * torch.max: the maximum of every element without `dim` (as `amax`), the `[values, indices]` pair along
 * `dim`, and with a tensor in its place the elementwise maximum of the two (as `maximum`).
 * @example
 * max(tensor([[1, 5], [3, 2]])); // 5
 * max(tensor([[1, 5], [3, 2]]), 1).indices; // [1, 0]
 * max(tensor([1, 5]), tensor([3, 2])); // [3, 5]
 */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, other: Tensor): Tensor;
export function max(x: Tensor, dim: number | (DimReductionOptions & { dim: number }), keepdim?: boolean | KeepdimOptions): ValuesAndIndices;
export function max(x: Tensor, dim?: number | Tensor | DimReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor | ValuesAndIndices {
  if (arguments.length > 3) refuseArgumentsPast('max', ['x', 'dim', 'keepdim'], arguments);
  checkLive('max', 'input', x);
  if (dim === undefined && keepdim === undefined) return extremum('max', 'max', x, undefined, false);
  if (isTensor(dim)) return elementwiseExtremum('max', maximum, x, dim, keepdim);
  if (takesKeywords(dim, keepdim)) {
    const read = readReduction('max', dim, keepdim);
    return max(x, read.dim as number, read.keepdim);
  }
  return alongWithIndex('argmax', x, dim as number, keepdim === true);
}
/**
 * torch.min: the minimum of every element without `dim` (as `amin`), the `[values, indices]` pair along
 * `dim`, and with a tensor in its place the elementwise minimum of the two (as `minimum`).
 */
export function min(x: Tensor): Tensor;
export function min(x: Tensor, other: Tensor): Tensor;
export function min(x: Tensor, dim: number | (DimReductionOptions & { dim: number }), keepdim?: boolean | KeepdimOptions): ValuesAndIndices;
export function min(x: Tensor, dim?: number | Tensor | DimReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor | ValuesAndIndices {
  if (arguments.length > 3) refuseArgumentsPast('min', ['x', 'dim', 'keepdim'], arguments);
  checkLive('min', 'input', x);
  if (dim === undefined && keepdim === undefined) return extremum('min', 'min', x, undefined, false);
  if (isTensor(dim)) return elementwiseExtremum('min', minimum, x, dim, keepdim);
  if (takesKeywords(dim, keepdim)) {
    const read = readReduction('min', dim, keepdim);
    return min(x, read.dim as number, read.keepdim);
  }
  return alongWithIndex('argmin', x, dim as number, keepdim === true);
}

/** torch.max(input, other) and torch.min(input, other): the elementwise overload, which has no keepdim. */
function elementwiseExtremum(
  operation: 'max' | 'min',
  combine: (a: Tensor, b: Tensor) => Tensor,
  x: Tensor,
  other: Tensor,
  keepdim: unknown,
): Tensor {
  if (keepdim !== undefined)
    throw new Error(`${operation}: ${operation}(input, other) is elementwise and takes no keepdim; got ${describeValue(keepdim)}`);
  return combine(x, other);
}

/** `(values, indices)` of the maximum (or minimum) along `dim`; the gradient flows to the selected index. */
function alongWithIndex(operation: 'argmax' | 'argmin', x: Tensor, dim: number, keepdim: boolean) {
  if (dim === undefined) {
    const name = operation.slice(3);
    throw new Error(`${name}: keepdim needs a dim; without one, ${name}(x) reduces every element to one value`);
  }
  const axis = normalizeDim(operation, dim, x.ndim);
  assertReducible(operation.slice(3), x, [axis]);
  return composite(() => {
    const indices = argReduce(operation, x, axis, true);
    const values = gather(x, axis, indices);
    return keepdim ? valuesAndIndices(values, indices) : valuesAndIndices(squeeze(values, axis), squeeze(indices, axis));
  });
}

/** Variance with Bessel's correction by default (correction = 1), as torch.var. */
/**
 * Options of `var` and `std`: the divisor is N − correction (default 1, Bessel's correction); torch's
 * older `unbiased` flag is accepted too (true is correction 1, false is 0), but not with `correction`.
 */
export interface VarianceOptions {
  /** Subtracted from the count in the divisor, N − correction (Bessel's correction). Default 1. */
  correction?: number;
  /** The older flag: true is correction 1, false is 0. Not with `correction`. Default true. */
  unbiased?: boolean;
  /** Keep the reduced dimensions with size 1. Default false. */
  keepdim?: boolean;
}

/** The correction of `options`, checked: an unknown option or a positional flag (torch's x.var(0, False)) is an error. */
function correctionOf(operation: 'var' | 'std', options: VarianceOptions): number {
  if (typeof options === 'boolean')
    throw new Error(
      `${operation}: the second argument is an options object, got ${options}; torch's x.${operation}(dim, ${options ? 'True' : 'False'}) is x.${operation}(dim, { unbiased: ${options} })`,
    );
  checkOptions(operation, options, ['correction', 'unbiased', 'keepdim']);
  const { correction, unbiased } = options;
  if (correction !== undefined && unbiased !== undefined) throw new Error(`${operation}: give correction or unbiased, not both`);
  if (unbiased !== undefined) checkBoolean(operation, 'unbiased', unbiased);
  if (correction !== undefined && !(Number.isFinite(correction) && correction >= 0))
    throw new Error(`${operation}: correction must be a finite number ≥ 0, got ${describeValue(correction)}`);
  return unbiased === undefined ? (correction ?? 1) : unbiased ? 1 : 0;
}

/** torch's keywords of var and std in one object, `dim` included: `x.var({ dim: 1, correction: 0 })`. */
export interface VarianceKeywords extends VarianceOptions {
  dim?: number | readonly number[];
}

/**
 * Variance over `dim` (all elements when omitted): Σ (x − mean)² / max(0, N − correction). Positional
 * (`variance(x, 1, { unbiased: false })`) or torch's keywords (`variance(x, { dim: 1, unbiased: false })`).
 */
export function variance(x: Tensor, dim?: number | readonly number[] | VarianceKeywords, options?: VarianceOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('variance', ['x', 'dim', 'options'], arguments);
  checkLive('var', 'input', x);
  const [axes, read] = varianceArguments('var', dim, options);
  const correction = correctionOf('var', read);
  return composite(() => varianceWith('var', x, axes, correction, read.keepdim ?? false));
}

/** Standard deviation: the square root of `variance` with the same arguments. */
export function std(x: Tensor, dim?: number | readonly number[] | VarianceKeywords, options?: VarianceOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('std', ['x', 'dim', 'options'], arguments);
  checkLive('std', 'input', x);
  const [axes, read] = varianceArguments('std', dim, options);
  const correction = correctionOf('std', read);
  return composite(() => deviationOf(varianceWith('std', x, axes, correction, read.keepdim ?? false)));
}

/**
 * √variance with the gradient 0 where the variance is 0 (a constant slice), as torch's std_backward
 * masks it: √'s 1/(2√0) = ∞ would meet the variance's zero gradient there, ∞·0 = NaN.
 */
function deviationOf(variance: Tensor): Tensor {
  const constant = noGrad(() => eq(variance, 0));
  return where(constant, 0, sqrt(where(constant, 1, variance)));
}

/** The dims and the options of var and std, from (dim, options) or from one keywords object. */
function varianceArguments(
  operation: 'var' | 'std',
  dim: number | readonly number[] | VarianceKeywords | undefined,
  options: VarianceOptions | undefined,
): [number | readonly number[] | undefined, VarianceOptions] {
  if (typeof dim !== 'object' || dim === null || Array.isArray(dim)) return [dim as number | readonly number[] | undefined, options ?? {}];
  if (options !== undefined)
    throw new Error(
      `${operation}: got a keywords object and then ${describeValue(options)}; give every keyword in the one object, dim included`,
    );
  checkOptions(operation, dim, ['dim', 'correction', 'unbiased', 'keepdim']);
  const { dim: axes, ...rest } = dim as VarianceKeywords;
  return [axes, rest];
}

function varianceWith(
  operation: 'var' | 'std',
  x: Tensor,
  dim: number | readonly number[] | undefined,
  correction: number,
  keepdim: boolean,
): Tensor {
  const axes = reductionDims(operation, dim, x.ndim);
  const count = sizeOf(axes.map((axis) => x.shape[axis]!));
  // called inside var's and std's composite(), which release these intermediates
  const centered = sub(x, mean(x, axes, true));
  const squares = sum(mul(centered, centered), axes, keepdim);
  traceObserver()?.averaging?.(squares, correction);
  return div(squares, Math.max(0, count - correction));
}

/** torch's keywords of norm: `x.norm(p=1, dim=1)` is `x.norm({ p: 1, dim: 1 })`. */
export interface NormOptions extends ReductionOptions {
  /** The order: 2 (Euclidean), 1, Infinity (the largest |x|) or any other p. Default 2. */
  p?: number;
}

/**
 * p-norm over `dim` (all elements when omitted): (Σ |x|^p)^(1/p); p = Infinity is max |x|. Positional
 * (`norm(x, 1, 1)`) or torch's keywords (`norm(x, { p: 1, dim: 1 })`).
 */
export function norm(x: Tensor, p: number | NormOptions = 2, dim?: Dims | ReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
  checkLive('norm', 'input', x);
  if (isPlainObject(p) || takesKeywords(dim, keepdim)) {
    const read = readArguments<NormOptions>('norm', [p, dim, keepdim], ['p', 'dim', 'keepdim'], ['p', 'dim', 'keepdim']);
    return norm(x, read.p ?? 2, read.dim, checkBoolean('norm', 'keepdim', read.keepdim ?? false));
  }
  return pNorm(x, checkNumber('norm', 'p', p, true), dim as Dims | undefined, keepdim === true);
}

function pNorm(x: Tensor, p: number, dim: Dims | undefined, keepdim: boolean): Tensor {
  return composite(() => {
    const input = isFloating(x.dtype) ? x : castTo(x, floatTypeFor(x.dtype));
    if (p === Infinity) return amax(abs(input), dim, keepdim);
    if (p === 1) return sum(abs(input), dim, keepdim);
    if (p === 2) return rootAwayFromZero(sum(mul(input, input), dim, keepdim), sqrt);
    return rootAwayFromZero(sum(pow(abs(input), p), dim, keepdim), (total) => pow(total, 1 / p));
  });
}

/**
 * root(total), with a zero gradient where total = 0, as torch's norm backward: the root's own gradient
 * there is ∞, and ∞ times the zero gradient of the total would be NaN. Both branches stay finite.
 * @example
 * rootAwayFromZero(sum(mul(x, x)), sqrt); // ‖x‖₂, with a zero gradient at x = 0
 */
export function rootAwayFromZero(total: Tensor, root: (total: Tensor) => Tensor): Tensor {
  const zero = eq(total, 0);
  return where(zero, 0, root(where(zero, 1, total)));
}

/** log Σ exp(x), stabilised by the (constant) maximum: lse = m + log Σ exp(x − m). */
export function logsumexp(x: Tensor, dim: Dims | ReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('logsumexp', ['x', 'dim', 'keepdim'], arguments);
  checkLive('logsumexp', 'input', x);
  if (takesKeywords(dim, keepdim)) {
    const read = readReduction('logsumexp', dim, keepdim);
    return logsumexp(x, read.dim as Dims, read.keepdim);
  }
  const axes = reductionDims('logsumexp', dim as Dims, x.ndim);
  return composite(() => {
    // over nothing: log Σ∅ = log 0 = −∞, as torch (the shift has no maximum to take); x + (−∞) keeps the graph
    if (axes.some((axis) => x.shape[axis] === 0)) {
      const nothing = add(sum(x, axes, true), Number.NEGATIVE_INFINITY);
      return keepdim === true ? nothing : squeeze(nothing, axes);
    }
    const shift = stableShift(x, axes);
    const result = add(log(sum(exp(sub(x, shift)), axes, true)), shift);
    return keepdim === true ? result : squeeze(result, axes);
  });
}

/** The maximum over `axes` (kept as size 1), outside the graph: the shift that keeps exp from overflowing. */
export function rowMaximum(x: Tensor, axes: readonly number[]): Tensor {
  return noGrad(() => finish(reduceKernel('max', x, axes), x, [...axes], true));
}

/** The maximum, or 0 where it is not finite: an all −∞ slice gives lse = log Σ e^{−∞} + 0 = −∞, not NaN. */
function stableShift(x: Tensor, axes: readonly number[]): Tensor {
  // called inside logsumexp's composite(), which releases the maximum
  const maximum = rowMaximum(x, axes);
  return noGrad(() => where(isfinite(maximum), maximum, 0));
}

/** Inclusive running sum along `dim`: `cumsum(x, 1)`, `cumsum(x, 1, { dtype })` or `cumsum(x, { dim, dtype })`. */
export function cumsum(x: Tensor, dim: number | TypedDimOptions, options?: DtypeOptions): Tensor {
  if (arguments.length > 3) refuseArgumentsPast('cumsum', ['x', 'dim', 'options'], arguments);
  if (typeof dim !== 'number' || options !== undefined) {
    const read = readTypedDim('cumsum', dim, options);
    const along = requiredDim('cumsum', read.dim);
    return withInputDtype(x, read.dtype, (input) => cumsum(input, along));
  }
  checkLive('cumsum', 'input', x);
  const axis = normalizeDim('cumsum', dim, x.ndim);
  if (x.ndim === 0) return composite(() => reshape(cumsum(reshape(x, [1]), 0), []));
  return composite(() => {
    const input = x.dtype === 'bool' ? castTo(x, 'int32') : x;
    const order = input.shape.map((_, index) => index).filter((index) => index !== axis);
    order.push(axis);
    const moved = contiguous(permute(input, order));
    const output = allocate(moved.shape, input.dtype, input.device);
    input.storage.backend.cumsum(moved.kernelView(), output.kernelView());
    const inverse = order.map((_, index) => order.indexOf(index));
    const result = permute(output, inverse);
    return record(contiguous(result), 'cumsum', [input], { axis });
  });
}
