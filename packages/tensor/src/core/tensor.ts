import { noCudaMessage } from './no-cuda.js';
import { valuesText } from './tensor-text.js';
import type { GradientHook, Node } from '../autograd/node.js';
import { backward as runTensorBackward } from '../autograd/backward.js';
import type { BackwardOptions } from '../autograd/engine.js';
import * as activation from '../ops/activation.js';
import * as elementwise from '../ops/elementwise.js';
import * as indexing from '../ops/indexing.js';
import * as inplace from '../ops/inplace.js';
import * as randomInPlace from '../ops/random-in-place.js';
import * as join from '../ops/join.js';
import * as linalg from '../ops/linalg.js';
import * as reduction from '../ops/reduce.js';
import { logSoftmax, type SoftmaxOptions, softmax } from '../ops/log-softmax.js';
import * as views from '../ops/views.js';
import * as ownViews from '../ops/own-views.js';
import * as sorting from '../ops/sort.js';
import * as anyAll from '../ops/any-all.js';
import * as masking from '../ops/masked-select.js';
import * as rearrangement from '../ops/rearrangement.js';
import * as lerping from '../ops/lerp.js';
import * as closeness from '../ops/isclose.js';
import * as medians from '../ops/median.js';
import * as diagonals from '../ops/diagonal.js';
import { type DiagonalArguments, diagonal } from '../ops/matrix-diagonals.js';
import { inv } from '../ops/inverse.js';
import * as determinants from '../ops/determinant.js';
import { cholesky, type CholeskyOptions } from '../ops/cholesky.js';
import { matrixPower } from '../ops/matrix-power.js';
import { qr, type Qr } from '../ops/qr.js';
import { pinverse } from '../ops/least-squares.js';
import * as triangular from '../ops/triangular.js';
import * as nanReductions from '../ops/nan-reductions.js';
import { kthvalue } from '../ops/kthvalue.js';
import { cumprod } from '../ops/cumulative-product.js';
import { cummax, cummin } from '../ops/cumulative-extremum.js';
import { logcumsumexp } from '../ops/log-cumulative-sum-exp.js';
import * as truncation from '../ops/truncation.js';
import { type RoundOptions, roundDecimals } from '../ops/round-decimals.js';
import { type NormOptions, norm as tensorNorm } from '../ops/tensor-norm.js';
import * as aliases from '../ops/aliases.js';
import * as floorDivision from '../ops/floor-division.js';
import * as infinities from '../ops/infinity-predicates.js';
import { fmax, fmin } from '../ops/nan-ignoring-extremum.js';
import { floatPower } from '../ops/float-power.js';
import { gcd, lcm } from '../ops/greatest-common-divisor.js';
import * as binaryExponent from '../ops/binary-exponent.js';
import { nextafter } from '../ops/next-after.js';
import { logicalXor } from '../ops/logical-xor.js';
import * as equality from '../ops/tensor-equality.js';
import * as dtypeQueries from '../ops/dtype-queries.js';
import * as tensorQueries from '../ops/tensor-queries.js';
import * as signBits from '../ops/sign-bits.js';
import { hypot } from '../ops/hypot.js';
import { logaddexp, logaddexp2 } from '../ops/log-add-exp.js';
import { xlogy } from '../ops/xlogy.js';
import { logit, type LogitOptions } from '../ops/logit.js';
import { sinc } from '../ops/sinc.js';
import { nanToNum, type NanToNumOptions } from '../ops/nan-to-num.js';
import { deg2rad, rad2deg } from '../ops/angle-conversion.js';
import { digamma, lgamma } from '../ops/gamma-functions.js';
import { erfc, erfinv } from '../ops/error-functions.js';
import { i0 } from '../ops/bessel-functions.js';
import { polygamma } from '../ops/polygamma.js';
import { mvlgamma } from '../ops/multivariate-gamma.js';
import { nanmedian } from '../ops/nanmedian.js';
import * as alongDim from '../ops/index-along-dim.js';
import { scatterReduce, type ScatterReduceOptions, type ScatterReduction } from '../ops/scatter-reduce.js';
import { takeAlongDim } from '../ops/take-along-dim.js';
import { maskedScatter } from '../ops/masked-scatter.js';
import { diff, type DiffOptions } from '../ops/difference.js';
import { cross } from '../ops/cross-product.js';
import { renorm } from '../ops/renorm.js';
import { rot90, type Rot90Options } from '../ops/rotation.js';
import { msort } from '../ops/msort.js';
import { aminmax, type AminmaxOptions, type MinAndMax } from '../ops/minimum-and-maximum.js';
import { countNonzero } from '../ops/count-nonzero.js';
import * as quantiles from '../ops/quantile.js';
import { mode } from '../ops/mode.js';
import { argwhere } from '../ops/argwhere.js';
import { uniqueConsecutive, type UniqueConsecutiveOptions } from '../ops/unique-consecutive.js';
// shape helpers (test/shape-helpers*.test.ts)
import { dsplit, hsplit, type SectionsOrIndices, tensorSplit, vsplit } from '../ops/split-sections.js';
import { fliplr, flipud } from '../ops/flip-sides.js';
import { type FillDiagonalOptions, fillDiagonal } from '../ops/fill-diagonal.js';
import { narrowCopy } from '../ops/narrow-copy.js';
import { type InPlaceTwins, installInPlaceTwins } from './in-place-twins.js';
import { installTensorSpellings } from './torch-spellings.js';
import { checkAssignedGradient } from './assigned-gradient.js';
import { dtypeOfTypeName, legacyTypeName } from './legacy-type-names.js';
import { put, type PutOptions, ravel, take } from '../ops/flat-index.js';
import { diagflat } from '../ops/diagonal-flat.js';
import * as viewScatters from '../ops/scatter-views.js';
import { slidingWindows } from '../ops/sliding-windows.js';
import { sumToSize } from '../ops/sum-to-size.js';
import * as newTensors from '../ops/new-tensors.js';
import { matricesTransposed, matrixConjugateTranspose } from '../ops/matrix-transposes.js';
import type { CreationOptions, ShapeArguments } from '../ops/creation.js';
import { bytesPerElement } from './dtype.js';
import * as random from '../ops/random.js';
import * as randomFills from '../ops/random-fills.js';
import * as bitwise from '../ops/bitwise.js';
import * as itemIndexing from '../ops/item-indexing.js';
import type { TensorIndex } from '../ops/item-indexing.js';
import { type LegacySvd, type LegacySvdOptions, svd as legacySvd } from '../ops/legacy-svd.js';
import { isGradEnabled, noGrad } from '../autograd/grad-mode.js';
import { traceObserver } from '../autograd/trace-observer.js';
import { castTo, toDevice, toDeviceAsync } from '../ops/convert.js';
import type { TensorView } from './backend.js';
import { tensorBrand } from './brand.js';
import { isFloating, resolveDType, type DType, type TypedArray } from './dtype.js';
import { checkBoolean, checkOptions, refuseArgumentsPast } from './options.js';
import { readToArguments, type ToOptions } from './to-arguments.js';
import type {
  DimOptions,
  DimReductionOptions,
  Dims,
  DtypeOptions,
  KeepdimOptions,
  ReductionOptions,
  TypedDimOptions,
  TypedKeepdimOptions,
  TypedReductionOptions,
} from './dim-arguments.js';
import { isTensor } from './brand.js';
import { registerHandle, unregisterHandle, type Cohort } from './collection.js';
import type { TensorLoan } from './loan.js';
import { describeRelease } from './release-message.js';
import { adoptIntoScope, releaseIfMade } from './scope.js';
import { contiguousStrides, existingDim, formatShape, isContiguous, normalizeDim, sizeOf } from './shape.js';
import type { ValuesAndIndices } from './values-and-indices.js';
import { promisedNumber } from './promised-number.js';
import type { Storage } from './storage.js';
import * as pointwiseProducts from '../ops/add-pointwise-products.js';
import * as matrixProducts from '../ops/add-matrix-products.js';
import type { BetaAlphaOptions } from '../ops/scaled-sum.js';
import * as vectorProducts from '../ops/vector-products.js';
import { dist, type DistOptions } from '../ops/dist.js';
import { choleskyInverse, choleskySolve, type CholeskyFactorOptions } from '../ops/cholesky-solve.js';
import { nonzero } from '../ops/nonzero.js';
import { nonzeroAsTuple } from '../ops/nonzero-tuple.js';
import { type UniqueDimOptions, uniqueWithDim } from '../ops/unique-along-dim.js';
import { bincount } from '../ops/counting.js';
import { multinomial, type MultinomialOptions } from '../ops/multinomial.js';
import { kron } from '../ops/kron.js';
import { corrcoef, cov, type CovOptions } from '../ops/covariance.js';
import { diagEmbed, type DiagEmbedOptions } from '../ops/diagonal-embed.js';
import { histc, type HistcOptions } from '../ops/histogram.js';
import { histogram, type HistogramOptions } from '../ops/histogram-with-edges.js';
import { igamma, igammac } from '../ops/incomplete-gamma.js';
import { indexPut, type IndexPutOptions } from '../ops/index-put.js';
import { indexReduce, type IndexReduceOptions, type IndexReduction } from '../ops/index-reduce.js';
import { matrixExp } from '../ops/matrix-exponential.js';
import { stride } from '../ops/tensor-strides.js';
import { splitWithSizes } from '../ops/join-aliases.js';
import { adjoint } from '../ops/matrix-transpose-functions.js';
import { angle } from '../ops/angle.js';
import { checkTensorArguments } from './tensor-arguments.js';

/** A number, a boolean or a tensor: what binary ops accept on their right. */
export type TensorOrScalar = Tensor | number | boolean;
/** Nested arrays of numbers, as `toArray()` returns them. */
export type NestedArray = number | NestedArray[];

declare global {
  /**
   * `Symbol.dispose`, declared as TypeScript's `esnext.disposable` lib and @types/node declare it, so
   * that `Tensor`'s `[Symbol.dispose]()` (for `using`) compiles for users whose `lib` setting lacks
   * that lib. Identical declarations merge, so it is harmless where the lib is present.
   */
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

/**
 * An n-dimensional array on one device, with autograd. Views (reshape, transpose, slice, expand)
 * share storage; ops return new tensors immediately, reads are `await t.data()` (or `dataSync()` on
 * the CPU).
 * @example
 * const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
 * x.mul(x).sum().backward();
 * x.grad!.toArraySync(); // [[2, 4], [6, 8]]
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the merged interface declares only the in-place twins, which installInPlaceTwins defines
export class Tensor {
  readonly [tensorBrand] = true;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  /**
   * Internal: the user may hold this handle (`keep()`, read through `.grad`, given to a hook or set as
   * `.grad` by the user), so the framework's automatic releases (scope ends, finished graphs, zeroGrad)
   * leave it to `dispose()` or the garbage collector.
   */
  kept = false;
  /** Internal: the primitive that made this tensor ('' for creation functions), for error messages. */
  origin = '';
  /** Internal: the list of the open scope this handle is in (core/scope.ts), null once it left it. */
  scopeList: Tensor[] | null = null;
  /** Internal: the loan this tensor belongs to (a DataLoader's batch and its device copies), if any. */
  loan: TensorLoan | null = null;
  private gradient: Tensor | null = null;
  private gradFunction: Node | null = null;
  private requiresGradient = false;
  private disposed = false;
  /** What released this handle (`dispose()`, the end of `Net.call`, ...), for the use-after-free error. */
  private releasedBy: string | null = null;
  /** Where the safety net recorded this handle (null once released, or for a constant). */
  private registration: Cohort | null = null;
  /** For autograd's aliases of a leaf: the user's leaf, which receives the gradient. */
  private aliasOf: Tensor | null = null;
  /**
   * Internal: for a view (reshape, slice, diagonal, …), the tensor it views, followed to the first that
   * is not a view: an in-place write into the view changes that tensor's history too.
   */
  viewBase: Tensor | null = null;
  /**
   * Internal: for a view, its base's node when the view's own history was last made to follow it; a
   * base whose node has changed since (an in-place write) makes the view's history stale.
   */
  viewBaseHistory: Node | null = null;
  /** Hooks on a leaf, run before its gradient is accumulated; null until the first (few handles get one). */
  leafHooks: GradientHook[] | null = null;
  /**
   * kernelView()'s result, where every field of it is fixed for the handle's life, so that one object
   * serves every op: not for a CPU tensor living in the WebAssembly memory (see kernelView).
   */
  private cachedView: TensorView | null = null;

  /**
   * Internal: use `tensor()`, `zeros()` and the ops. `kind` 'alias' is a handle owned by autograd (never
   * in a scope); 'constant' is a cached immutable scalar (not counted, never freed).
   */
  constructor(
    readonly storage: Storage,
    shape: readonly number[],
    strides: readonly number[] = contiguousStrides(shape),
    offset = 0,
    kind: 'user' | 'alias' | 'constant' = 'user',
  ) {
    // shape and strides are readonly by type; ops always pass arrays they own, so no defensive copy
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
    storage.retain();
    if (kind === 'constant') return;
    storage.counters.liveTensors++;
    this.registration = registerHandle(this, storage);
    if (kind === 'user') adoptIntoScope(this);
  }

  // ---- metadata -------------------------------------------------------------------------------
  get dtype(): DType {
    return this.storage.dtype;
  }
  get device(): string {
    return this.storage.device;
  }
  get ndim(): number {
    return this.shape.length;
  }
  get gradFn(): Node | null {
    return this.gradFunction;
  }
  get isLeaf(): boolean {
    return this.gradFunction === null;
  }
  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * The gradient accumulated by `backward()` (PyTorch's `.grad`). Reading it hands the tensor to you:
   * `zeroGrad()` and later backward passes then leave it alone, so a gradient you hold stays valid.
   * Setting it to null releases the old gradient at once unless it was handed out.
   */
  get grad(): Tensor | null {
    const gradient = this.gradient;
    if (gradient) gradient.kept = true;
    return gradient;
  }
  /** Assigned as torch's: a tensor of this one's shape, dtype and device, or null (undefined too). */
  set grad(value: Tensor | null) {
    if (value !== null && value !== undefined) {
      checkAssignedGradient(this, value);
      value.kept = true;
    }
    this.replaceGrad(value ?? null);
  }

  /**
   * The gradient without handing it out, for library code that uses it only within a call (optimizers,
   * gradient clipping): `zeroGrad()` can then free it at once.
   */
  borrowGrad(): Tensor | null {
    return this.gradient;
  }

  /** Internal: sets the gradient, releasing the previous one unless the user may hold it. */
  replaceGrad(value: Tensor | null): void {
    const previous = this.gradient;
    this.gradient = value;
    if (previous && previous !== value && !previous.kept) previous.release('zeroGrad() or a new gradient replacing it');
  }
  numel(): number {
    if (arguments.length > 0) refuseArgumentsPast('numel', [], arguments);
    return sizeOf(this.shape);
  }
  dim(): number {
    if (arguments.length > 0) refuseArgumentsPast('dim', [], arguments);
    return this.shape.length;
  }
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (arguments.length > 1) refuseArgumentsPast('size', ['dim'], arguments);
    return dim === undefined ? [...this.shape] : this.shape[existingDim('size', dim, this.ndim)]!;
  }
  isContiguous(): boolean {
    if (arguments.length > 0) refuseArgumentsPast('isContiguous', [], arguments);
    return isContiguous(this.shape, this.strides);
  }

  get requiresGrad(): boolean {
    return this.requiresGradient;
  }
  set requiresGrad(flag: boolean) {
    checkBoolean('requiresGrad', 'the flag', flag);
    if (!this.isLeaf && !flag)
      throw new Error('requiresGrad: you can only change requiresGrad flags of leaf variables; use detach() for a non-leaf');
    if (flag && !isFloating(this.dtype))
      throw new Error(`requiresGrad: only tensors of floating point dtype can require gradients (got ${this.dtype})`);
    this.requiresGradient = flag;
  }
  /** Sets requiresGrad in place and returns this (PyTorch's `requires_grad_`). */
  requiresGrad_(flag = true): this {
    if (arguments.length > 1) refuseArgumentsPast('requiresGrad_', ['flag'], arguments);
    this.requiresGrad = flag;
    return this;
  }

  /** Internal: makes this tensor the output of a graph node. */
  attachGradFn(node: Node): void {
    this.gradFunction = node;
    this.requiresGradient = true;
  }

  /** Internal: the kernel-level description of this tensor. */
  kernelView(): TensorView {
    this.assertAlive('read');
    const cached = this.cachedView;
    if (cached !== null) return cached;
    const view: TensorView = {
      buffer: this.storage.buffer,
      dtype: this.dtype,
      shape: this.shape,
      strides: this.strides,
      offset: this.offset,
    };
    // A storage with a region (a CPU tensor living in the WebAssembly memory) may get another buffer:
    // emptyCache() moves it out of the memory it drops. A view kept here would name the old buffer and,
    // while the tensor sat unused (a model between training and inference), keep that memory alive.
    if (this.storage.ledger.region < 0) this.cachedView = view;
    return view;
  }

  /** Internal: another handle on the same storage and graph position, owned by autograd. */
  alias(): Tensor {
    this.assertAlive('save for backward');
    const copy = handleOn(this, 'alias');
    copy.gradFunction = this.gradFunction;
    copy.requiresGradient = this.requiresGradient;
    copy.aliasOf = this.gradientTarget;
    return copy;
  }

  /** Internal: the leaf a gradient for this handle accumulates into (itself, or the leaf it aliases). */
  get gradientTarget(): Tensor {
    return this.aliasOf ?? this;
  }

  /**
   * Throws the use-after-free error, naming `operation`, when this handle was released. Every op runs it
   * on each operand (checkLive), so it takes no argument count check (refuseArgumentsPast): the
   * `arguments` object it reads would be made on each call until V8 optimises the caller.
   */
  assertAlive(operation: string): void {
    if (this.disposed) throw new Error(describeRelease(operation, this.shape, this.origin, this.releasedBy!));
  }

  // ---- memory ---------------------------------------------------------------------------------
  /** Gives this handle's storage reference back now. Idempotent. */
  dispose(): void {
    if (arguments.length > 0) refuseArgumentsPast('dispose', [], arguments);
    this.release('dispose()');
  }

  /**
   * Internal: gives the storage reference back, recording `reason` (what freed it) for the error a
   * later read throws. Idempotent.
   */
  release(reason: string): void {
    if (this.disposed) return;
    this.disposed = true;
    this.releasedBy = reason;
    if (this.registration) {
      unregisterHandle(this, this.registration, this.storage.ledger);
      // a released handle the program still holds must not keep its cohort, and so the cohort's
      // dropped members, from being finalized
      this.registration = null;
    }
    this.storage.release();
    this.storage.counters.liveTensors--;
    // a gradient nobody took goes with its tensor (a DataLoader batch's, a loop's input's)
    const gradient = this.gradient;
    this.gradient = null;
    if (gradient && !gradient.kept) gradient.release('the release of the tensor it was the gradient of');
  }
  [Symbol.dispose](): void {
    this.dispose();
  }

  // ---- reading --------------------------------------------------------------------------------
  /** Copies the values out, in row-major order. */
  async data(): Promise<TypedArray> {
    if (arguments.length > 0) refuseArgumentsPast('data', [], arguments);
    this.assertAlive('data');
    const source = this.contiguous();
    try {
      return await source.storage.backend.read(source.storage.buffer, this.dtype, source.offset, this.numel());
    } finally {
      releaseIfMade(source, this); // a strided tensor's packed copy, once read
    }
  }
  /** Synchronous read; only devices that can read synchronously (the CPU) support it. */
  dataSync(): TypedArray {
    if (arguments.length > 0) refuseArgumentsPast('dataSync', [], arguments);
    this.assertAlive('dataSync');
    const source = this.contiguous();
    const backend = source.storage.backend;
    try {
      if (!backend.readSync) throw new Error(`dataSync: device '${this.device}' reads asynchronously; use await t.data()`);
      return backend.readSync(source.storage.buffer, this.dtype, source.offset, this.numel());
    } finally {
      releaseIfMade(source, this); // a strided tensor's packed copy, once read (readSync copies it out)
    }
  }
  /** The value of a one-element tensor (torch's `item()`), asynchronously: `total += await loss.item()`. */
  item(): Promise<number> {
    if (arguments.length > 0) refuseArgumentsPast('item', [], arguments);
    const read = async () => {
      this.assertScalar('item');
      return (await this.data())[0]!;
    };
    return promisedNumber(read(), 'item');
  }
  itemSync(): number {
    if (arguments.length > 0) refuseArgumentsPast('itemSync', [], arguments);
    this.assertScalar('itemSync');
    return this.dataSync()[0]!;
  }
  async toArray(): Promise<NestedArray> {
    if (arguments.length > 0) refuseArgumentsPast('toArray', [], arguments);
    this.assertAlive('toArray');
    return nest(await this.data(), this.shape);
  }
  /**
   * PyTorch's name for `toArray`: the values as nested arrays. Asynchronous like every read that may
   * come from a GPU; on the CPU, `toArraySync()` is the synchronous form.
   * @example
   * await tensor([[1, 2]]).tolist(); // [[1, 2]]
   */
  tolist(): Promise<NestedArray> {
    if (arguments.length > 0) refuseArgumentsPast('tolist', [], arguments);
    return this.toArray();
  }
  toArraySync(): NestedArray {
    if (arguments.length > 0) refuseArgumentsPast('toArraySync', [], arguments);
    this.assertAlive('toArraySync');
    return nest(this.dataSync(), this.shape);
  }
  private assertScalar(operation: string): void {
    this.assertAlive(operation);
    if (this.numel() !== 1) throw new Error(`${operation}: a Tensor with ${this.numel()} elements cannot be converted to a number`);
  }
  /**
   * PyTorch's print form: `tensor([[1, 2], [3, 4]], dtype=float32, device=cpu)`, summarised past 1,000
   * elements (the first and last three along each dim). A tensor on a GPU shows `…` for its values,
   * which read asynchronously (`await x.toArray()`).
   */
  toString(): string {
    if (arguments.length > 0) refuseArgumentsPast('toString', [], arguments);
    if (this.disposed) return `tensor(<disposed: freed by ${this.releasedBy}>, shape=${formatShape(this.shape)})`;
    const body = this.device === 'cpu' ? valuesText(this.dataSync(), this.shape, this.dtype) : '…';
    return `tensor(${body}, dtype=${this.dtype}, device=${this.device}${this.requiresGrad ? ', requiresGrad' : ''})`;
  }
  /** Node's console.log and util.inspect print `toString()`, as PyTorch's print(x) (they listed the handle's fields). */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  // ---- autograd -------------------------------------------------------------------------------
  /**
   * Accumulates d(this)/d(leaf) into every leaf's `.grad`. A non-scalar needs `gradient`.
   * The graph is freed afterwards unless `retainGraph`; `createGraph` records the backward pass so
   * it can be differentiated again. The options may come first, as PyTorch's keywords do:
   * `loss.backward({ retainGraph: true })`.
   * @example
   * loss.backward();
   * loss.backward({ retainGraph: true });          // keep the graph for a second backward
   * y.backward(ones(y.shape), { createGraph: true });
   */
  backward(gradient?: Tensor | null, options?: BackwardOptions): void;
  backward(options: BackwardOptions): void;
  backward(gradientOrOptions?: Tensor | BackwardOptions | null, maybeOptions?: BackwardOptions): void {
    if (arguments.length > 2) refuseArgumentsPast('backward', ['gradientOrOptions', 'maybeOptions'], arguments);
    const optionsFirst = gradientOrOptions != null && !isTensor(gradientOrOptions);
    if (optionsFirst && maybeOptions !== undefined)
      throw new Error('backward: pass (gradient, options) or (options), not two options objects');
    const gradient = optionsFirst || gradientOrOptions == null ? undefined : (gradientOrOptions as Tensor);
    const options = checkOptions('backward', (optionsFirst ? gradientOrOptions : maybeOptions) ?? {}, [
      'retainGraph',
      'createGraph',
      'inputs',
    ]);
    if ((options as { inputs?: unknown }).inputs !== undefined)
      throw new Error('backward: the inputs option is not supported; use grad(outputs, inputs)');
    runTensorBackward(this, gradient, options as BackwardOptions);
  }
  /** A tensor sharing storage with this one, outside the graph. */
  detach(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('detach', [], arguments);
    this.assertAlive('detach');
    const detached = handleOn(this);
    // the same values, cut from autograd only: a tracer must see them as its input's, not as a constant
    traceObserver()?.untraced(detached, 'detach', [this], {});
    return detached;
  }
  /**
   * Internal (PyTorch's `tensor.data = source`): this handle takes `source`'s storage, shape, strides
   * and offset but stays the same object, with its requiresGrad and marks, so whatever holds it (an
   * optimizer built earlier, a module's field) sees the new values. Its gradient is dropped: its shape
   * may no longer match. Lazy modules materialise their parameters with it, whose shapes are known
   * only on the first call. `source` keeps its own handle.
   */
  replaceData(source: Tensor): void {
    if (arguments.length > 1) refuseArgumentsPast('replaceData', ['source'], arguments);
    if (this.disposed) throw new Error(describeRelease('replaceData', this.shape, this.origin, this.releasedBy!));
    if (!this.isLeaf) throw new Error('replaceData: only a leaf tensor can take other data (a computed one is part of a graph)');
    checkTensorArguments('replaceData', { source });
    const previous = this.storage;
    const next = source.storage;
    next.retain();
    next.counters.liveTensors++;
    // unregister before registering: a GPU handle is its own unregister token
    if (this.registration) {
      unregisterHandle(this, this.registration, previous.ledger);
      this.registration = registerHandle(this, next);
    }
    previous.counters.liveTensors--;
    previous.release();
    const fields = this as unknown as { storage: Storage; shape: readonly number[]; strides: readonly number[]; offset: number };
    fields.storage = next;
    fields.shape = source.shape;
    fields.strides = source.strides;
    fields.offset = source.offset;
    this.cachedView = null;
    this.replaceGrad(null);
  }
  /**
   * Detaches this tensor from the graph in place (torch.Tensor.detach_): it becomes a leaf that does not
   * require grad, as a hidden state carried between truncated-backpropagation chunks. Refuses a view, as
   * torch (detach() a view instead).
   * @example
   * hidden.detach_();
   */
  detach_(): this {
    if (arguments.length > 0) refuseArgumentsPast('detach_', [], arguments);
    this.assertAlive('detach_');
    if (this.viewBase !== null) throw new Error("detach_: can't detach views in-place; use detach() instead");
    this.gradFunction = null;
    this.requiresGradient = false;
    return this;
  }
  /** Inserts a dim of size 1 at `dim` in place (torch.Tensor.unsqueeze_): this handle takes the view's layout. */
  unsqueeze_(dim: number | DimOptions): this {
    if (arguments.length > 1) refuseArgumentsPast('unsqueeze_', ['dim'], arguments);
    return this.takeLayout('unsqueeze_', () => views.unsqueeze(this, dim));
  }
  /** Removes dims of size 1 (all, or those listed) in place (torch.Tensor.squeeze_). */
  squeeze_(dim?: Dims | { dim?: Dims }): this {
    if (arguments.length > 1) refuseArgumentsPast('squeeze_', ['dim'], arguments);
    return this.takeLayout('squeeze_', () => ownViews.squeeze(this, dim));
  }
  /** Swaps two dims in place (torch.Tensor.transpose_). */
  transpose_(dim0: number, dim1: number): this {
    if (arguments.length > 2) refuseArgumentsPast('transpose_', ['dim0', 'dim1'], arguments);
    return this.takeLayout('transpose_', () => ownViews.transpose(this, dim0, dim1));
  }
  /** Transposes a matrix (or leaves a vector) in place (torch.Tensor.t_). */
  t_(): this {
    if (arguments.length > 0) refuseArgumentsPast('t_', [], arguments);
    return this.takeLayout('t_', () => this.t());
  }
  /** `transpose_` by torch's other name (torch.Tensor.swapaxes_). */
  swapaxes_(axis0: number, axis1: number): this {
    if (arguments.length > 2) refuseArgumentsPast('swapaxes_', ['axis0', 'axis1'], arguments);
    return this.transpose_(axis0, axis1);
  }
  /** `transpose_` by torch's other name (torch.Tensor.swapdims_). */
  swapdims_(dim0: number, dim1: number): this {
    if (arguments.length > 2) refuseArgumentsPast('swapdims_', ['dim0', 'dim1'], arguments);
    return this.transpose_(dim0, dim1);
  }
  /**
   * An in-place view op: this handle takes the shape, strides and offset of the view `makeView` returns
   * and, when a graph is recorded, its node (whose input is this tensor's old history), as torch's
   * in-place view ops rebase the tensor's history. A leaf that requires grad refuses, as torch's.
   */
  private takeLayout(operation: string, makeView: () => Tensor): this {
    this.assertAlive(operation);
    if (this.isLeaf && this.requiresGradient && isGradEnabled())
      throw new Error(`${operation}: a leaf Variable that requires grad is being used in an in-place operation; wrap it in noGrad()`);
    const view = makeView();
    const fields = this as unknown as { shape: readonly number[]; strides: readonly number[]; offset: number };
    fields.shape = view.shape;
    fields.strides = view.strides;
    fields.offset = view.offset;
    this.cachedView = null;
    if (view.gradFn !== null && isGradEnabled()) this.attachGradFn(view.gradFn);
    traceObserver()?.relayout?.(this, view);
    if (view !== this) view.release(`${operation}, once this tensor took its layout`);
    return this;
  }
  /** Asks a non-leaf to keep its `.grad` after backward. */
  retainGrad(): void {
    if (arguments.length > 0) refuseArgumentsPast('retainGrad', [], arguments);
    if (this.isLeaf) return;
    this.gradFunction!.retainsGrad = true;
  }
  /** Calls `hook(grad)` when this tensor's gradient is computed; a returned tensor replaces the gradient. */
  registerHook(hook: GradientHook): { remove(): void } {
    if (arguments.length > 1) refuseArgumentsPast('registerHook', ['hook'], arguments);
    if (!this.requiresGrad) throw new Error("registerHook: cannot register a hook on a tensor that doesn't require gradient");
    const list = this.gradFunction ? (this.gradFunction.hooks ??= []) : (this.leafHooks ??= []);
    list.push(hook);
    return { remove: () => list.splice(list.indexOf(hook) >>> 0, 1) };
  }

  // ---- conversion -----------------------------------------------------------------------------
  /**
   * Moves to a device and/or casts to a dtype, in every form of PyTorch's `.to`: `to(device, dtype?)`,
   * `to(dtype)`, `to(other)` (its dtype and device), `to({ device, dtype })`; `nonBlocking` is accepted
   * and has no effect, `copy: true` returns a new tensor even when nothing changes. Returns `this` when
   * nothing changes. PyTorch's dtype names ('double', 'half', 'int') cast; 'long' and other dtypes throw.
   * @example
   * x.to('cpu', 'float64'); // as x.to('cpu', torch.float64)
   */
  to(target: string | DType | Tensor | ToOptions, ...rest: (string | DType | boolean | ToOptions | undefined)[]): Tensor {
    const { device, dtype, copy } = readToArguments('to', target, rest);
    const cast = dtype === undefined ? this : castTo(this, resolveDType('to', dtype));
    const moved = device === undefined ? cast : toDevice(cast, device);
    return copy && moved === this ? this.clone() : moved;
  }
  cpu(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('cpu', [], arguments);
    return toDevice(this, 'cpu');
  }
  /** There is no CUDA device: throws, pointing to `to('webgpu')` (torch's `Tensor.cuda()` copies to the GPU). */
  cuda(..._device: unknown[]): never {
    throw new Error(noCudaMessage('cuda', 'tensor'));
  }
  /** `to(device)` from any device: waits for the read when leaving an asynchronous device (the GPU). */
  toAsync(device: string): Promise<Tensor> {
    if (arguments.length > 1) refuseArgumentsPast('toAsync', ['device'], arguments);
    return toDeviceAsync(this, device);
  }
  float(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('float', [], arguments);
    return castTo(this, 'float32');
  }
  double(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('double', [], arguments);
    return castTo(this, 'float64');
  }
  /** float16 storage with float32 arithmetic: an opt-in dtype of the webgpu device (the CPU refuses it). */
  half(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('half', [], arguments);
    return castTo(this, 'float16');
  }
  int(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('int', [], arguments);
    return castTo(this, 'int32');
  }
  bool(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('bool', [], arguments);
    return castTo(this, 'bool');
  }
  /**
   * PyTorch's int64 cast has no counterpart here: it throws, naming the supported dtypes (class
   * indices are int32; use `int()`).
   */
  long(): never {
    if (arguments.length > 0) refuseArgumentsPast('long', [], arguments);
    return resolveDType('long', 'int64') as never;
  }
  clone(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('clone', [], arguments);
    return views.clone(this);
  }
  contiguous(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('contiguous', [], arguments);
    return views.contiguous(this);
  }

  // ---- elementwise ----------------------------------------------------------------------------
  neg(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('neg', [], arguments);
    return elementwise.neg(this);
  }
  abs(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('abs', [], arguments);
    return elementwise.abs(this);
  }
  sign(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('sign', [], arguments);
    return elementwise.sign(this);
  }
  exp(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('exp', [], arguments);
    return elementwise.exp(this);
  }
  log(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('log', [], arguments);
    return elementwise.log(this);
  }
  log1p(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('log1p', [], arguments);
    return elementwise.log1p(this);
  }
  expm1(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('expm1', [], arguments);
    return elementwise.expm1(this);
  }
  /** tan x (torch.tan). */
  tan(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('tan', [], arguments);
    return elementwise.tan(this);
  }
  /** arcsin x, NaN outside [−1, 1] (torch.asin). */
  asin(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('asin', [], arguments);
    return elementwise.asin(this);
  }
  /** arccos x, NaN outside [−1, 1] (torch.acos). */
  acos(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('acos', [], arguments);
    return elementwise.acos(this);
  }
  /** arctan x (torch.atan). */
  atan(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('atan', [], arguments);
    return elementwise.atan(this);
  }
  /** sinh x (torch.sinh). */
  sinh(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('sinh', [], arguments);
    return elementwise.sinh(this);
  }
  /** cosh x (torch.cosh). */
  cosh(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('cosh', [], arguments);
    return elementwise.cosh(this);
  }
  /** arsinh x (torch.asinh). */
  asinh(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('asinh', [], arguments);
    return elementwise.asinh(this);
  }
  /** arcosh x, NaN below 1 (torch.acosh). */
  acosh(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('acosh', [], arguments);
    return elementwise.acosh(this);
  }
  /** artanh x, ±∞ at ±1 (torch.atanh). */
  atanh(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('atanh', [], arguments);
    return elementwise.atanh(this);
  }
  /** log₂ x (torch.log2). */
  log2(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('log2', [], arguments);
    return elementwise.log2(this);
  }
  /** log₁₀ x (torch.log10). */
  log10(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('log10', [], arguments);
    return elementwise.log10(this);
  }
  /** 2ˣ (torch.exp2). */
  exp2(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('exp2', [], arguments);
    return elementwise.exp2(this);
  }
  sqrt(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('sqrt', [], arguments);
    return elementwise.sqrt(this);
  }
  rsqrt(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('rsqrt', [], arguments);
    return elementwise.rsqrt(this);
  }
  square(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('square', [], arguments);
    return elementwise.square(this);
  }
  reciprocal(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('reciprocal', [], arguments);
    return elementwise.reciprocal(this);
  }
  sin(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('sin', [], arguments);
    return elementwise.sin(this);
  }
  cos(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('cos', [], arguments);
    return elementwise.cos(this);
  }
  tanh(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('tanh', [], arguments);
    return elementwise.tanh(this);
  }
  erf(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('erf', [], arguments);
    return elementwise.erf(this);
  }
  floor(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('floor', [], arguments);
    return elementwise.floor(this);
  }
  ceil(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('ceil', [], arguments);
    return elementwise.ceil(this);
  }
  /** Rounds half to even, to `decimals` places if given (torch's `x.round(decimals=2)`). */
  round(options?: RoundOptions): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('round', ['options'], arguments);
    return roundDecimals(this, options);
  }
  sigmoid(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('sigmoid', [], arguments);
    return activation.sigmoid(this);
  }
  relu(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('relu', [], arguments);
    return activation.relu(this);
  }
  /** x for x > 0, negativeSlope·x otherwise: `x.leakyRelu(0.2)` or `x.leakyRelu({ negativeSlope: 0.2 })`. */
  leakyRelu(negativeSlope?: number | { negativeSlope?: number }): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('leakyRelu', ['negativeSlope'], arguments);
    return activation.leakyRelu(this, negativeSlope);
  }
  elu(alpha?: number | { alpha?: number }): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('elu', ['alpha'], arguments);
    return activation.elu(this, alpha);
  }
  /** `x.gelu()`, `x.gelu('tanh')` or `x.gelu({ approximate: 'tanh' })`. */
  gelu(approximate?: 'none' | 'tanh' | { approximate?: 'none' | 'tanh' }): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('gelu', ['approximate'], arguments);
    return activation.gelu(this, approximate);
  }
  silu(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('silu', [], arguments);
    return activation.silu(this);
  }
  softplus(...parameters: [beta?: number, threshold?: number] | [options: { beta?: number; threshold?: number }]): Tensor {
    return activation.softplus(this, ...parameters);
  }
  /** Limits to [min, max]; `clamp({ min, max })` as PyTorch's keywords. */
  clamp(min?: number | Tensor | { min?: number | Tensor; max?: number | Tensor }, max?: number | Tensor): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('clamp', ['min', 'max'], arguments);
    return elementwise.clamp(this, min, max);
  }
  isnan(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('isnan', [], arguments);
    return elementwise.isnan(this);
  }
  isfinite(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('isfinite', [], arguments);
    return elementwise.isfinite(this);
  }
  /** Rounds toward zero (torch.trunc). */
  trunc(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('trunc', [], arguments);
    return truncation.trunc(this);
  }
  /** Rounds toward zero (torch.fix, another name of trunc). */
  fix(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('fix', [], arguments);
    return truncation.fix(this);
  }
  /** x − trunc(x) (torch.frac). */
  frac(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('frac', [], arguments);
    return truncation.frac(this);
  }
  /** C's fmod: the remainder of truncated division, with this tensor's sign (torch.fmod). */
  fmod(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('fmod', ['other'], arguments);
    return truncation.fmod(this, other);
  }
  /** Whether the sign bit is set, −0 included, as a bool tensor (torch.signbit). */
  signbit(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('signbit', [], arguments);
    return signBits.signbit(this);
  }
  /** |this| with the sign of other (torch.copysign). */
  copysign(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('copysign', ['other'], arguments);
    return signBits.copysign(this, other);
  }
  /** The Heaviside step, `values` where this is 0 (torch.heaviside). */
  heaviside(values: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('heaviside', ['values'], arguments);
    return signBits.heaviside(this, values);
  }
  /** √(this² + other²) without overflow (torch.hypot). */
  hypot(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('hypot', ['other'], arguments);
    return hypot(this, other);
  }
  /** log(e^this + e^other) (torch.logaddexp). */
  logaddexp(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('logaddexp', ['other'], arguments);
    return logaddexp(this, other);
  }
  /** log₂(2^this + 2^other) (torch.logaddexp2). */
  logaddexp2(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('logaddexp2', ['other'], arguments);
    return logaddexp2(this, other);
  }
  /** this·log(other), 0 where this is 0 (torch.xlogy). */
  xlogy(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('xlogy', ['other'], arguments);
    return xlogy(this, other);
  }
  /** log(p/(1 − p)), clamped into [eps, 1 − eps] when eps is given (torch.logit). */
  logit(eps?: number | LogitOptions): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('logit', ['eps'], arguments);
    return logit(this, eps);
  }
  /** sin(πx)/(πx), 1 at 0 (torch.sinc). */
  sinc(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('sinc', [], arguments);
    return sinc(this);
  }
  /** NaN, +∞, −∞ replaced by finite numbers (torch.nan_to_num). */
  nanToNum(nan?: number | NanToNumOptions, posinf?: number, neginf?: number): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('nanToNum', ['nan', 'posinf', 'neginf'], arguments);
    return nanToNum(this, nan, posinf, neginf);
  }
  /** Degrees to radians (torch.deg2rad). */
  deg2rad(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('deg2rad', [], arguments);
    return deg2rad(this);
  }
  /** Radians to degrees (torch.rad2deg). */
  rad2deg(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('rad2deg', [], arguments);
    return rad2deg(this);
  }
  /** ln |Γ(x)| (torch.lgamma). */
  lgamma(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('lgamma', [], arguments);
    return lgamma(this);
  }
  /** ψ(x) = d/dx ln Γ(x) (torch.digamma). */
  digamma(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('digamma', [], arguments);
    return digamma(this);
  }
  /** 1 − erf(x), accurate where it is tiny (torch.erfc). */
  erfc(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('erfc', [], arguments);
    return erfc(this);
  }
  /** The inverse error function (torch.erfinv). */
  erfinv(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('erfinv', [], arguments);
    return erfinv(this);
  }
  /** The modified Bessel function I₀ (torch.i0). */
  i0(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('i0', [], arguments);
    return i0(this);
  }
  /** The n-th derivative of the digamma function, ψ⁽ⁿ⁾(this) (torch.Tensor.polygamma). */
  polygamma(n: number): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('polygamma', ['n'], arguments);
    return polygamma(n, this);
  }
  /** The multivariate log-gamma function of dimension p (torch.mvlgamma). */
  mvlgamma(p: number): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('mvlgamma', ['p'], arguments);
    return mvlgamma(this, p);
  }
  /** The lower median ignoring NaN, of every element or `[values, indices]` along `dim` (torch.nanmedian). */
  nanmedian(): Tensor;
  nanmedian(dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean): ValuesAndIndices;
  nanmedian(dim?: number | { dim: number; keepdim?: boolean }, keepdim?: boolean): Tensor | ValuesAndIndices {
    if (arguments.length > 2) refuseArgumentsPast('nanmedian', ['dim', 'keepdim'], arguments);
    return dim === undefined ? nanmedian(this) : nanmedian(this, dim, keepdim);
  }

  add(other: TensorOrScalar, alpha?: number | elementwise.AlphaOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('add', ['other', 'alpha'], arguments);
    return elementwise.add(this, other, alpha);
  }
  sub(other: TensorOrScalar, alpha?: number | elementwise.AlphaOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('sub', ['other', 'alpha'], arguments);
    return elementwise.sub(this, other, alpha);
  }
  mul(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('mul', ['other'], arguments);
    return elementwise.mul(this, other);
  }
  /** this / other, or a rounded quotient with `{ roundingMode: 'trunc' | 'floor' }` (torch.Tensor.div); see `div`. */
  div(other: TensorOrScalar, options?: floorDivision.DivideOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('div', ['other', 'options'], arguments);
    return options === undefined ? elementwise.div(this, other) : floorDivision.divide(this, other, options);
  }
  pow(exponent: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('pow', ['exponent'], arguments);
    return elementwise.pow(this, exponent);
  }
  maximum(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('maximum', ['other'], arguments);
    return elementwise.maximum(this, other);
  }
  /** The angle of (other, this) in (−π, π] (torch.atan2(self, other)). */
  atan2(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('atan2', ['other'], arguments);
    return elementwise.atan2(this, other);
  }
  minimum(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('minimum', ['other'], arguments);
    return elementwise.minimum(this, other);
  }
  remainder(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('remainder', ['other'], arguments);
    return truncation.remainder(this, other);
  }
  eq(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('eq', ['other'], arguments);
    return elementwise.eq(this, other);
  }
  ne(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('ne', ['other'], arguments);
    return elementwise.ne(this, other);
  }
  lt(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('lt', ['other'], arguments);
    return elementwise.lt(this, other);
  }
  le(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('le', ['other'], arguments);
    return elementwise.le(this, other);
  }
  gt(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('gt', ['other'], arguments);
    return elementwise.gt(this, other);
  }
  ge(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('ge', ['other'], arguments);
    return elementwise.ge(this, other);
  }
  logicalAnd(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('logicalAnd', ['other'], arguments);
    return elementwise.logicalAnd(this, other);
  }
  logicalOr(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('logicalOr', ['other'], arguments);
    return elementwise.logicalOr(this, other);
  }
  logicalNot(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('logicalNot', [], arguments);
    return elementwise.logicalNot(this);
  }
  /** `where(condition, this, other)`: this where condition holds, else other. */
  where(condition: Tensor, other: TensorOrScalar): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('where', ['condition', 'other'], arguments);
    return elementwise.where(condition, this, other);
  }

  // ---- reductions -----------------------------------------------------------------------------
  /** Sum over `dim` (all when omitted): `x.sum(1, true)` or torch's keywords `x.sum({ dim: 1, keepdim: true })`. */
  sum(dim?: Dims | TypedReductionOptions, keepdim?: boolean | TypedKeepdimOptions, options?: DtypeOptions): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('sum', ['dim', 'keepdim', 'options'], arguments);
    return reduction.sum(this, dim, keepdim, options);
  }
  /** Mean over `dim` (all when omitted), with `sum`'s arguments. */
  mean(dim?: Dims | TypedReductionOptions, keepdim?: boolean | TypedKeepdimOptions, options?: DtypeOptions): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('mean', ['dim', 'keepdim', 'options'], arguments);
    return reduction.mean(this, dim, keepdim, options);
  }
  prod(dim?: number | (DimReductionOptions & DtypeOptions), keepdim?: boolean | TypedKeepdimOptions, options?: DtypeOptions): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('prod', ['dim', 'keepdim', 'options'], arguments);
    return reduction.prod(this, dim, keepdim, options);
  }
  /** The maximum (no dim), or the `[values, indices]` pair along `dim` (also `.values`, `.indices`): `const [, indices] = x.max(1)`, `x.max({ dim: 1, keepdim: true })`. */
  max(): Tensor;
  /** The elementwise maximum with `other` (torch's `x.max(other)`, as `maximum`). */
  max(other: Tensor): Tensor;
  max(dim: number | (DimReductionOptions & { dim: number }), keepdim?: boolean | KeepdimOptions): ValuesAndIndices;
  max(dim?: number | Tensor | DimReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor | ValuesAndIndices {
    if (arguments.length > 2) refuseArgumentsPast('max', ['dim', 'keepdim'], arguments);
    return reduction.max(this, dim as number, keepdim);
  }
  min(): Tensor;
  /** The elementwise minimum with `other` (torch's `x.min(other)`, as `minimum`). */
  min(other: Tensor): Tensor;
  min(dim: number | (DimReductionOptions & { dim: number }), keepdim?: boolean | KeepdimOptions): ValuesAndIndices;
  min(dim?: number | Tensor | DimReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor | ValuesAndIndices {
    if (arguments.length > 2) refuseArgumentsPast('min', ['dim', 'keepdim'], arguments);
    return reduction.min(this, dim as number, keepdim);
  }
  amax(dim?: Dims | ReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('amax', ['dim', 'keepdim'], arguments);
    return reduction.amax(this, dim, keepdim);
  }
  amin(dim?: Dims | ReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('amin', ['dim', 'keepdim'], arguments);
    return reduction.amin(this, dim, keepdim);
  }
  argmax(dim?: number | DimReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('argmax', ['dim', 'keepdim'], arguments);
    return reduction.argmax(this, dim, keepdim);
  }
  argmin(dim?: number | DimReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('argmin', ['dim', 'keepdim'], arguments);
    return reduction.argmin(this, dim, keepdim);
  }
  /** Variance over `dim` (all when omitted), divisor N − correction (default 1; `{ unbiased: false }` is 0); torch's keywords as `x.var({ dim: 1, correction: 0 })`. */
  var(dim?: number | number[] | reduction.VarianceKeywords, options?: reduction.VarianceOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('var', ['dim', 'options'], arguments);
    return reduction.variance(this, dim, options);
  }
  /** Standard deviation, with `var`'s arguments: `x.std(1)`, `x.std({ dim: 1, unbiased: false })`. */
  std(dim?: number | number[] | reduction.VarianceKeywords, options?: reduction.VarianceOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('std', ['dim', 'options'], arguments);
    return reduction.std(this, dim, options);
  }
  /** p-norm over `dim` (also 0, -Infinity, 'fro', 'nuc'): `x.norm(1, 1)` or torch's keywords `x.norm({ p: 1, dim: 1 })`. */
  norm(p?: number | 'fro' | 'nuc' | NormOptions, dim?: Dims | ReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('norm', ['p', 'dim', 'keepdim'], arguments);
    return tensorNorm(this, p, dim, keepdim);
  }
  logsumexp(dim: Dims | ReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('logsumexp', ['dim', 'keepdim'], arguments);
    return reduction.logsumexp(this, dim, keepdim);
  }
  softmax(dim: number | SoftmaxOptions, options?: SoftmaxOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('softmax', ['dim', 'options'], arguments);
    return softmax(this, dim, options);
  }
  logSoftmax(dim: number | SoftmaxOptions, options?: SoftmaxOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('logSoftmax', ['dim', 'options'], arguments);
    return logSoftmax(this, dim, options);
  }
  cumsum(dim: number | TypedDimOptions, options?: DtypeOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('cumsum', ['dim', 'options'], arguments);
    return reduction.cumsum(this, dim, options);
  }
  /** Running products along `dim` (torch.cumprod). */
  cumprod(dim: number | TypedDimOptions, options?: DtypeOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('cumprod', ['dim', 'options'], arguments);
    return cumprod(this, dim, options);
  }
  /** log Σ_{j ≤ i} exp(x_j) along `dim`, without overflow (torch.logcumsumexp). */
  logcumsumexp(dim: number | DimOptions): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('logcumsumexp', ['dim'], arguments);
    return logcumsumexp(this, dim);
  }
  /** The running maximum along `dim` and its index (the last among ties): `const [values, indices] = x.cummax(1)`. */
  cummax(dim: number | DimOptions): ValuesAndIndices {
    if (arguments.length > 1) refuseArgumentsPast('cummax', ['dim'], arguments);
    return cummax(this, dim);
  }
  /** The running minimum along `dim` and its index (the last among ties): `const [values, indices] = x.cummin(1)`. */
  cummin(dim: number | DimOptions): ValuesAndIndices {
    if (arguments.length > 1) refuseArgumentsPast('cummin', ['dim'], arguments);
    return cummin(this, dim);
  }
  /** The sum with NaN counted as 0 (torch.nansum); arguments as `sum`'s. */
  nansum(dim?: Dims | TypedReductionOptions, keepdim?: boolean | TypedKeepdimOptions, options?: DtypeOptions): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('nansum', ['dim', 'keepdim', 'options'], arguments);
    return nanReductions.nansum(this, dim, keepdim, options);
  }
  /** The mean of the elements that are not NaN (torch.nanmean); arguments as `mean`'s. */
  nanmean(dim?: Dims | TypedReductionOptions, keepdim?: boolean | TypedKeepdimOptions, options?: DtypeOptions): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('nanmean', ['dim', 'keepdim', 'options'], arguments);
    return nanReductions.nanmean(this, dim, keepdim, options);
  }
  /** The k-th smallest element along `dim` and its index: `const [values, indices] = x.kthvalue(2)`. */
  kthvalue(k: number, dim?: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean): ValuesAndIndices {
    if (arguments.length > 3) refuseArgumentsPast('kthvalue', ['k', 'dim', 'keepdim'], arguments);
    return kthvalue(this, k, dim, keepdim);
  }

  // ---- shape and views ------------------------------------------------------------------------
  reshape(...shape: number[] | [readonly number[]]): Tensor {
    return ownViews.reshape(this, flattenShapeArgs(shape));
  }
  view(...shape: number[] | [readonly number[]]): Tensor {
    return views.view(this, flattenShapeArgs(shape));
  }
  flatten(startDim?: number | views.FlattenOptions, endDim?: number | views.FlattenOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('flatten', ['startDim', 'endDim'], arguments);
    return views.flatten(this, startDim, endDim);
  }
  unflatten(dim: number, sizes: number[]): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('unflatten', ['dim', 'sizes'], arguments);
    return ownViews.unflatten(this, dim, sizes);
  }
  squeeze(dim?: Dims | { dim?: Dims }): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('squeeze', ['dim'], arguments);
    return ownViews.squeeze(this, dim);
  }
  unsqueeze(dim: number | DimOptions): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('unsqueeze', ['dim'], arguments);
    return views.unsqueeze(this, dim);
  }
  transpose(dim0: number, dim1: number): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('transpose', ['dim0', 'dim1'], arguments);
    return ownViews.transpose(this, dim0, dim1);
  }
  /** Transpose of a matrix (rank ≤ 2), as `torch.Tensor.t`. */
  t(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('t', [], arguments);
    return ownViews.matrixTranspose(this);
  }
  get T(): Tensor {
    return ownViews.permute(
      this,
      this.shape.map((_, axis) => this.ndim - 1 - axis),
    );
  }
  permute(...order: number[] | [readonly number[]]): Tensor {
    return ownViews.permute(this, flattenShapeArgs(order));
  }
  expand(...shape: number[] | [readonly number[]]): Tensor {
    return ownViews.expand(this, flattenShapeArgs(shape));
  }
  expandAs(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('expandAs', ['other'], arguments);
    checkTensorArguments('expandAs', { other });
    return ownViews.expand(this, [...other.shape]);
  }
  repeat(...repeats: number[] | [readonly number[]]): Tensor {
    return join.repeat(this, flattenShapeArgs(repeats));
  }
  /** `x.slice(dim, start, end, step)`: PyTorch's `x[:, start:end:step]` on one dim; negative indices count from the end. */
  slice(dim: number, start?: number, end?: number, step = 1): Tensor {
    if (arguments.length > 4) refuseArgumentsPast('slice', ['dim', 'start', 'end', 'step'], arguments);
    return ownViews.slice(this, dim, start, end, step);
  }
  narrow(dim: number, start: number, length: number): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('narrow', ['dim', 'start', 'length'], arguments);
    return ownViews.narrow(this, dim, start, length);
  }
  /** `narrow`'s window as a new tensor (torch.Tensor.narrow_copy); see `narrowCopy`. */
  narrowCopy(dim: number, start: number, length: number): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('narrowCopy', ['dim', 'start', 'length'], arguments);
    return narrowCopy(this, dim, start, length);
  }
  /** `x.select(dim, index)`: PyTorch's `x[:, index]`, removing the dim. */
  select(dim: number, index: number): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('select', ['dim', 'index'], arguments);
    return views.select(this, dim, index);
  }
  /** The elements reversed along `dims`, copied as torch's (not a view); see `flip`. */
  flip(dims: number | readonly number[]): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('flip', ['dims'], arguments);
    return views.flip(this, dims);
  }
  split(splitSizeOrSections: number | number[], dim?: number | DimOptions): Tensor[] {
    if (arguments.length > 2) refuseArgumentsPast('split', ['splitSizeOrSections', 'dim'], arguments);
    return join.split(this, splitSizeOrSections, dim);
  }
  chunk(chunks: number, dim?: number | DimOptions): Tensor[] {
    if (arguments.length > 2) refuseArgumentsPast('chunk', ['chunks', 'dim'], arguments);
    return join.chunk(this, chunks, dim);
  }
  unbind(dim?: number | DimOptions): Tensor[] {
    if (arguments.length > 1) refuseArgumentsPast('unbind', ['dim'], arguments);
    return join.unbind(this, dim);
  }

  // ---- indexing -------------------------------------------------------------------------------
  gather(dim: number, index: Tensor): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('gather', ['dim', 'index'], arguments);
    return indexing.gather(this, dim, index);
  }
  scatter(dim: number, index: Tensor, source: TensorOrScalar): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('scatter', ['dim', 'index', 'source'], arguments);
    return indexing.scatter(this, dim, index, source);
  }
  scatterAdd(dim: number, index: Tensor, source: Tensor): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('scatterAdd', ['dim', 'index', 'source'], arguments);
    return indexing.scatterAdd(this, dim, index, source);
  }
  indexSelect(dim: number, index: Tensor): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('indexSelect', ['dim', 'index'], arguments);
    return indexing.indexSelect(this, dim, index);
  }
  maskedFill(mask: Tensor, value: number | Tensor): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('maskedFill', ['mask', 'value'], arguments);
    return indexing.maskedFill(this, mask, value);
  }

  // ---- linear algebra -------------------------------------------------------------------------
  matmul(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('matmul', ['other'], arguments);
    return linalg.matmul(this, other);
  }
  bmm(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('bmm', ['other'], arguments);
    return linalg.bmm(this, other);
  }
  mm(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('mm', ['other'], arguments);
    return linalg.mm(this, other);
  }
  dot(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('dot', ['other'], arguments);
    return linalg.dot(this, other);
  }
  outer(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('outer', ['other'], arguments);
    return linalg.outer(this, other);
  }

  // ---- in place (bump the version counter; refuse leaves that require grad outside noGrad) -----
  add_(other: TensorOrScalar, alpha?: number | elementwise.AlphaOptions): this {
    if (arguments.length > 2) refuseArgumentsPast('add_', ['other', 'alpha'], arguments);
    return inplace.scaledArithmeticInPlace(this, 'add', other, alpha);
  }
  sub_(other: TensorOrScalar, alpha?: number | elementwise.AlphaOptions): this {
    if (arguments.length > 2) refuseArgumentsPast('sub_', ['other', 'alpha'], arguments);
    return inplace.scaledArithmeticInPlace(this, 'sub', other, alpha);
  }
  mul_(other: TensorOrScalar): this {
    if (arguments.length > 1) refuseArgumentsPast('mul_', ['other'], arguments);
    return inplace.arithmeticInPlace(this, 'mul', other);
  }
  div_(other: TensorOrScalar): this {
    if (arguments.length > 1) refuseArgumentsPast('div_', ['other'], arguments);
    return inplace.arithmeticInPlace(this, 'div', other);
  }
  pow_(exponent: TensorOrScalar): this {
    if (arguments.length > 1) refuseArgumentsPast('pow_', ['exponent'], arguments);
    return inplace.assignResult(this, 'pow_', (self, [power]) => elementwise.pow(self, power!), [exponent]);
  }
  clamp_(min?: number | Tensor, max?: number | Tensor): this {
    if (arguments.length > 2) refuseArgumentsPast('clamp_', ['min', 'max'], arguments);
    return inplace.assignResult(
      this,
      'clamp_',
      (self, [low, high]) => elementwise.clamp(self, low as number | Tensor | undefined, high as number | Tensor | undefined),
      [min, max],
    );
  }
  maskedFill_(mask: Tensor, value: number | Tensor): this {
    if (arguments.length > 2) refuseArgumentsPast('maskedFill_', ['mask', 'value'], arguments);
    return inplace.assignResult(this, 'maskedFill_', (self) => indexing.maskedFill(self, mask, value));
  }
  copy_(source: Tensor): this {
    if (arguments.length > 1) refuseArgumentsPast('copy_', ['source'], arguments);
    return inplace.copyInto(this, source);
  }
  fill_(value: number | Tensor): this {
    if (arguments.length > 1) refuseArgumentsPast('fill_', ['value'], arguments);
    return inplace.fill(this, value);
  }
  /**
   * Fills with uniform samples in [low, high), in place (torch's `uniform_`, for initialisation): the
   * storage stays the same, so a parameter keeps its identity. A parameter is filled under `noGrad`,
   * as nn.init does: with gradients recorded, a leaf that requires grad refuses, as torch's.
   * @example
   * noGrad(() => weight.uniform_(-0.1, 0.1));
   */
  uniform_(low = 0, high = 1, options: { generator?: random.RandomOptions['generator'] } = {}): this {
    if (arguments.length > 3) refuseArgumentsPast('uniform_', ['low', 'high', 'options'], arguments);
    checkOptions('uniform_', options, ['generator']);
    random.checkUniformRange('uniform_', low, high, this.numel());
    return this.fillWith(
      'uniform_',
      () => random.uniform(this.shape, low, high, { dtype: this.dtype, device: this.device, generator: options.generator }),
      true,
      () => randomInPlace.uniformInPlace(this, low, high, options.generator),
    );
  }
  /**
   * Fills with normal samples N(mean, std²), in place (torch's `normal_`); a parameter under `noGrad`.
   * @example
   * noGrad(() => weight.normal_(0, 0.02));
   */
  normal_(mean = 0, std = 1, options: { generator?: random.RandomOptions['generator'] } = {}): this {
    if (arguments.length > 3) refuseArgumentsPast('normal_', ['mean', 'std', 'options'], arguments);
    checkOptions('normal_', options, ['generator']);
    random.checkNormalParameters('normal_', mean, std);
    return this.fillWith(
      'normal_',
      () => random.normal(this.shape, mean, std, { dtype: this.dtype, device: this.device, generator: options.generator }),
      true,
      () => randomInPlace.normalInPlace(this, { mean, std }, options.generator),
    );
  }
  /** 1 with probability p, else 0, in place (torch.Tensor.bernoulli_): p a number (Default 0.5) or a tensor broadcast to this one. */
  bernoulli_(p: number | Tensor = 0.5, options: { generator?: random.RandomOptions['generator'] } = {}): this {
    if (arguments.length > 2) refuseArgumentsPast('bernoulli_', ['p', 'options'], arguments);
    checkOptions('bernoulli_', options, ['generator']);
    return this.fillWith('bernoulli_', () => randomFills.bernoulliFill(this.fillTarget(options.generator), p), false);
  }
  /** Exponential samples of rate `lambd` (Default 1), in place (torch.Tensor.exponential_). */
  exponential_(lambd = 1, options: { generator?: random.RandomOptions['generator'] } = {}): this {
    if (arguments.length > 2) refuseArgumentsPast('exponential_', ['lambd', 'options'], arguments);
    checkOptions('exponential_', options, ['generator']);
    return this.fillWith('exponential_', () => randomFills.exponentialFill(this.fillTarget(options.generator), lambd));
  }
  /** Geometric samples (trials up to the first success of probability `p`: 1, 2, …), in place (torch.Tensor.geometric_). */
  geometric_(p: number, options: { generator?: random.RandomOptions['generator'] } = {}): this {
    if (arguments.length > 2) refuseArgumentsPast('geometric_', ['p', 'options'], arguments);
    checkOptions('geometric_', options, ['generator']);
    return this.fillWith('geometric_', () => randomFills.geometricFill(this.fillTarget(options.generator), p), false);
  }
  /** Cauchy samples of `median` (Default 0) and scale `sigma` (Default 1), in place (torch.Tensor.cauchy_). */
  cauchy_(median = 0, sigma = 1, options: { generator?: random.RandomOptions['generator'] } = {}): this {
    if (arguments.length > 3) refuseArgumentsPast('cauchy_', ['median', 'sigma', 'options'], arguments);
    checkOptions('cauchy_', options, ['generator']);
    return this.fillWith('cauchy_', () => randomFills.cauchyFill(this.fillTarget(options.generator), median, sigma));
  }
  /** exp of normal samples N(mean, std²) (Defaults 1 and 2, torch's), in place (torch.Tensor.log_normal_). */
  logNormal_(mean = 1, std = 2, options: { generator?: random.RandomOptions['generator'] } = {}): this {
    if (arguments.length > 3) refuseArgumentsPast('logNormal_', ['mean', 'std', 'options'], arguments);
    checkOptions('logNormal_', options, ['generator']);
    return this.fillWith('logNormal_', () => randomFills.logNormalFill(this.fillTarget(options.generator), mean, std));
  }
  /**
   * Integers uniform in [from, to), in place (torch.Tensor.random_): `random_(10)` is [0, 10), and
   * `random_()` every integer the dtype holds exactly from 0 (to 2²⁴ for float32, 2³¹ − 1 for int32).
   * @example
   * empty([3]).random_(0, 10); // integers 0–9 as float32
   */
  random_(from?: number, to?: number, options: { generator?: random.RandomOptions['generator'] } = {}): this {
    if (arguments.length > 3) refuseArgumentsPast('random_', ['from', 'to', 'options'], arguments);
    checkOptions('random_', options, ['generator']);
    return this.fillWith('random_', () => randomFills.randomFill(this.fillTarget(options.generator), from, to), false);
  }
  /** What a random fill draws: this tensor's shape, dtype and device, from `generator`. */
  private fillTarget(generator: random.RandomOptions['generator']): randomFills.FillTarget {
    return { shape: this.shape, dtype: this.dtype, device: this.device, generator };
  }
  /**
   * Writes a fresh draw into this storage — or, where `drawInPlace` can (a fused kernel, contiguous
   * storage), has the same values written into the storage directly. Checked and recorded with the
   * caller's grad mode, as torch's random fills: a leaf that requires grad refuses while gradients
   * are recorded, and a tensor in a graph gets history with a zero gradient (what was there no longer
   * reaches the output: torch's derivative of every random fill is zero), a new version besides.
   */
  private fillWith(operation: string, draw: () => Tensor, floatingOnly = true, drawInPlace?: () => boolean): this {
    if (floatingOnly && !isFloating(this.dtype)) throw new Error(`${operation}: expects a floating-point tensor, got ${this.dtype}`);
    inplace.checkWritable(this, operation);
    if (!drawInPlace?.()) {
      const source = noGrad(draw);
      try {
        this.storage.backend.unary('copy', source.kernelView(), this.kernelView());
      } finally {
        source.dispose();
      }
    }
    inplace.markWritten(this);
    return this;
  }
  /** Sorted values and their positions along `dim` (torch.sort): `x.sort(1, true)` or `x.sort({ dim: 1, descending: true })`; see `sort`. */
  sort(dim?: number | sorting.SortOptions, descending?: boolean | sorting.SortOptions, options?: sorting.SortOptions): sorting.SortResult {
    if (arguments.length > 3) refuseArgumentsPast('sort', ['dim', 'descending', 'options'], arguments);
    return sorting.sort(this, dim, descending, options);
  }
  /** The positions that sort this along `dim` (torch.argsort); the arguments of `sort`. */
  argsort(dim?: number | sorting.SortOptions, descending?: boolean | sorting.SortOptions, options?: sorting.SortOptions): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('argsort', ['dim', 'descending', 'options'], arguments);
    return sorting.argsort(this, dim, descending, options);
  }
  /** The k largest (or smallest) values along `dim` and their positions (torch.topk): `x.topk(2, { dim: 0, largest: false })`. */
  topk(
    k: number,
    dim?: number | sorting.TopkOptions,
    largest?: boolean | sorting.TopkOptions,
    sorted?: boolean | sorting.TopkOptions,
    options?: sorting.TopkOptions,
  ): sorting.SortResult {
    if (arguments.length > 5) refuseArgumentsPast('topk', ['k', 'dim', 'largest', 'sorted', 'options'], arguments);
    return sorting.topk(this, k, dim, largest, sorted, options);
  }
  /** A vector on diagonal k of a matrix, or a matrix's diagonal k (torch.diag). */
  diag(diagonal = 0): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('diag', ['diagonal'], arguments);
    return diagonals.diag(this, diagonal);
  }
  /** The sum of a matrix's main diagonal (torch.trace). */
  trace(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('trace', [], arguments);
    return diagonals.trace(this);
  }
  /** The inverse of square matrices [*, n, n] (torch.inverse, linalg.inv). */
  inverse(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('inverse', [], arguments);
    return inv(this);
  }
  /** The determinant of square matrices [*, n, n] (torch.det, linalg.det). */
  det(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('det', [], arguments);
    return determinants.det(this);
  }
  /** log det of square matrices [*, n, n], NaN where the determinant is negative (torch.logdet). */
  logdet(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('logdet', [], arguments);
    return determinants.logdet(this);
  }
  /** `[sign, logabsdet]` of the determinant of square matrices [*, n, n] (torch.slogdet). */
  slogdet(): determinants.SignAndLogAbsDet {
    if (arguments.length > 0) refuseArgumentsPast('slogdet', [], arguments);
    return determinants.slogdet(this);
  }
  /** The Cholesky factor L (or U = Lᵀ with `upper`) of positive-definite matrices (torch.Tensor.cholesky). */
  cholesky(upper?: boolean | CholeskyOptions): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('cholesky', ['upper'], arguments);
    return cholesky(this, typeof upper === 'boolean' ? { upper } : upper);
  }
  /** Aⁿ for square matrices [*, n, n] and an integer n, negative through the inverse (torch.matrix_power). */
  matrixPower(n: number): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('matrixPower', ['n'], arguments);
    return matrixPower(this, n);
  }
  /** `[Q, R]` of matrices [*, m, n], reduced (`some`, the default) or complete (torch.Tensor.qr; see linalg.qr). */
  qr(some = true): Qr {
    if (arguments.length > 1) refuseArgumentsPast('qr', ['some'], arguments);
    return qr(this, { mode: some ? 'reduced' : 'complete' });
  }
  /** The pseudo-inverse, singular values at most rcond·σ_max dropped (torch.Tensor.pinverse; see linalg.pinv). */
  pinverse(rcond = 1e-15): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('pinverse', ['rcond'], arguments);
    return pinverse(this, rcond);
  }
  /** Elements shifted along `dims`, wrapping around (torch.roll); see `roll`. */
  roll(shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('roll', ['shifts', 'dims'], arguments);
    return rearrangement.roll(this, shifts, dims);
  }
  /** The tensor repeated `reps[d]` times along each dim, reps padded with leading 1s (torch.tile). */
  tile(...reps: number[] | [readonly number[]]): Tensor {
    return rearrangement.tile(this, flattenShapeArgs(reps));
  }
  /** Each element repeated next to itself (torch.repeat_interleave); see `repeatInterleave`. */
  repeatInterleave(repeats?: number | Tensor | readonly number[], dim?: number): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('repeatInterleave', ['repeats', 'dim'], arguments);
    return rearrangement.repeatInterleave(this, repeats, dim);
  }
  /** Dims moved from `source` to `destination` (torch.movedim). */
  movedim(source: number | readonly number[], destination: number | readonly number[]): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('movedim', ['source', 'destination'], arguments);
    return rearrangement.movedim(this, source, destination);
  }
  /** Two dims swapped (torch.swapaxes): `transpose`. */
  swapaxes(axis0: number, axis1: number): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('swapaxes', ['axis0', 'axis1'], arguments);
    return rearrangement.swapaxes(this, axis0, axis1);
  }
  /** A broadcast view with `shape` (torch.broadcast_to): `expand`. */
  broadcastTo(...shape: number[] | [readonly number[]]): Tensor {
    return rearrangement.broadcastTo(this, flattenShapeArgs(shape));
  }
  // ---- shape helpers (ops/split-sections.ts, flat-index.ts, scatter-views.ts, new-tensors.ts, ...) ----
  /** Two dims swapped (torch.Tensor.swapdims): `transpose`. */
  swapdims(dim0: number, dim1: number): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('swapdims', ['dim0', 'dim1'], arguments);
    return rearrangement.swapaxes(this, dim0, dim1);
  }
  /** Dims moved from `source` to `destination` (torch.Tensor.moveaxis): `movedim`. */
  moveaxis(source: number | readonly number[], destination: number | readonly number[]): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('moveaxis', ['source', 'destination'], arguments);
    return rearrangement.movedim(this, source, destination);
  }
  /** This tensor reshaped to `other`'s shape (torch.Tensor.reshape_as): a view when the layout allows. */
  reshapeAs(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('reshapeAs', ['other'], arguments);
    checkTensorArguments('reshapeAs', { other });
    return ownViews.reshape(this, [...other.shape]);
  }
  /** A view with `other`'s shape (torch.Tensor.view_as); errors where `view` does. */
  viewAs(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('viewAs', ['other'], arguments);
    checkTensorArguments('viewAs', { other });
    return views.view(this, [...other.shape]);
  }
  /** This tensor in `other`'s dtype (torch.Tensor.type_as); itself when the dtypes already match. */
  typeAs(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('typeAs', ['other'], arguments);
    checkTensorArguments('typeAs', { other });
    return this.to(other.dtype);
  }
  /** Zeros with this tensor's dtype and device unless the options say otherwise (torch.Tensor.new_zeros). */
  newZeros(...args: ShapeArguments): Tensor {
    return newTensors.newZeros(this, ...args);
  }
  /** Ones with this tensor's dtype and device unless the options say otherwise (torch.Tensor.new_ones). */
  newOnes(...args: ShapeArguments): Tensor {
    return newTensors.newOnes(this, ...args);
  }
  /** torch.Tensor.new_empty: zero-filled here, with this tensor's dtype and device unless the options say otherwise. */
  newEmpty(...args: ShapeArguments): Tensor {
    return newTensors.newEmpty(this, ...args);
  }
  /** `fillValue` everywhere, with this tensor's dtype and device unless the options say otherwise (torch.Tensor.new_full). */
  newFull(size: readonly number[], fillValue: number, options?: CreationOptions): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('newFull', ['size', 'fillValue', 'options'], arguments);
    return newTensors.newFull(this, size, fillValue, options);
  }
  /** A copy of `data` with this tensor's dtype and device unless the options say otherwise (torch.Tensor.new_tensor). */
  newTensor(data: newTensors.TensorData, options?: CreationOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('newTensor', ['data', 'options'], arguments);
    return newTensors.newTensor(this, data, options);
  }
  /** Windows of `size` along `dimension`, one every `step`, in a new last dim (torch.Tensor.unfold), a view as torch's; see `slidingWindows`. */
  unfold(dimension: number, size: number, step: number): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('unfold', ['dimension', 'size', 'step'], arguments);
    return slidingWindows(this, dimension, size, step);
  }
  /** The last two dims swapped, a view (torch.Tensor.mT); needs at least 2 dims. */
  get mT(): Tensor {
    return matricesTransposed(this, 'mT');
  }
  /** The conjugate transpose of the last two dims (torch.Tensor.mH): `mT`, every dtype here being real. */
  get mH(): Tensor {
    return matricesTransposed(this, 'mH');
  }
  /** The conjugate transpose of a matrix (torch.Tensor.H): the transpose of a 2-D tensor; a 0-d tensor itself. */
  get H(): Tensor {
    return matrixConjugateTranspose(this);
  }
  /** Summed down to `size`, the inverse of broadcasting (torch.Tensor.sum_to_size); sizes as arguments or an array. */
  sumToSize(...size: number[] | [readonly number[]]): Tensor {
    return sumToSize(this, flattenShapeArgs(size));
  }
  /** Bytes per element of the dtype on a device (torch.Tensor.element_size): float64 8, float32 and int32 4, float16 2, bool 1. */
  elementSize(): number {
    if (arguments.length > 0) refuseArgumentsPast('elementSize', [], arguments);
    return bytesPerElement(this.dtype);
  }
  /** The number of elements (torch.Tensor.nelement): `numel()`. */
  nelement(): number {
    if (arguments.length > 0) refuseArgumentsPast('nelement', [], arguments);
    return this.numel();
  }
  /** The number of dims (torch.Tensor.ndimension): `ndim`. */
  ndimension(): number {
    if (arguments.length > 0) refuseArgumentsPast('ndimension', [], arguments);
    return this.ndim;
  }
  /** The elements as 1-D in row-major order (torch.Tensor.ravel): a view when the layout allows. */
  ravel(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('ravel', [], arguments);
    return ravel(this);
  }
  /** The elements at flat positions `index` (torch.Tensor.take); see `take`. */
  take(index: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('take', ['index'], arguments);
    return take(this, index);
  }
  /** A copy with `source` written at flat positions `index`, or added with accumulate (torch.Tensor.put); see `put`. */
  put(index: Tensor, source: Tensor, accumulate?: boolean | PutOptions): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('put', ['index', 'source', 'accumulate'], arguments);
    return put(this, index, source, accumulate);
  }
  /** Columns reversed, dim 1 (torch.Tensor.fliplr); see `fliplr`. */
  fliplr(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('fliplr', [], arguments);
    return fliplr(this);
  }
  /** Rows reversed, dim 0 (torch.Tensor.flipud); see `flipud`. */
  flipud(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('flipud', [], arguments);
    return flipud(this);
  }
  /** Views split into n near-equal sections or at indices (torch.Tensor.tensor_split); see `tensorSplit`. */
  tensorSplit(indicesOrSections: SectionsOrIndices, dim?: number | DimOptions): Tensor[] {
    if (arguments.length > 2) refuseArgumentsPast('tensorSplit', ['indicesOrSections', 'dim'], arguments);
    return tensorSplit(this, indicesOrSections, dim);
  }
  /** Split along dim 1 (dim 0 for 1-D) into equal sections or at indices (torch.Tensor.hsplit). */
  hsplit(indicesOrSections: number | readonly number[]): Tensor[] {
    if (arguments.length > 1) refuseArgumentsPast('hsplit', ['indicesOrSections'], arguments);
    return hsplit(this, indicesOrSections);
  }
  /** Split along dim 0 into equal sections or at indices (torch.Tensor.vsplit). */
  vsplit(indicesOrSections: number | readonly number[]): Tensor[] {
    if (arguments.length > 1) refuseArgumentsPast('vsplit', ['indicesOrSections'], arguments);
    return vsplit(this, indicesOrSections);
  }
  /** Split along dim 2 into equal sections or at indices (torch.Tensor.dsplit). */
  dsplit(indicesOrSections: number | readonly number[]): Tensor[] {
    if (arguments.length > 1) refuseArgumentsPast('dsplit', ['indicesOrSections'], arguments);
    return dsplit(this, indicesOrSections);
  }
  /** The flattened tensor on diagonal `offset` of a square matrix (torch.Tensor.diagflat); see `diagflat`. */
  diagflat(offset?: number | { offset?: number }): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('diagflat', ['offset'], arguments);
    return diagflat(this, offset);
  }
  /** Diagonal `offset` of the matrices spanned by dim1 and dim2, as the last dim (torch.Tensor.diagonal; a copy); see `diagonal`. */
  diagonal(...options: DiagonalArguments): Tensor {
    return diagonal(this, ...options);
  }
  /** A copy with `src` on a diagonal (torch.Tensor.diagonal_scatter); see `diagonalScatter`. */
  diagonalScatter(src: Tensor, ...options: viewScatters.DiagonalScatterArguments): Tensor {
    return viewScatters.diagonalScatter(this, src, ...options);
  }
  /** A copy with `src` at `select(dim, index)` (torch.Tensor.select_scatter); see `selectScatter`. */
  selectScatter(src: Tensor, dim: number, index: number): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('selectScatter', ['src', 'dim', 'index'], arguments);
    return viewScatters.selectScatter(this, src, dim, index);
  }
  /** A copy with `src` in a slice along `dim` (torch.Tensor.slice_scatter); see `sliceScatter`. */
  sliceScatter(src: Tensor, ...options: viewScatters.SliceScatterArguments): Tensor {
    return viewScatters.sliceScatter(this, src, ...options);
  }
  /** this + weight·(end − this) (torch.lerp). */
  lerp(end: Tensor, weight: number | Tensor): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('lerp', ['end', 'weight'], arguments);
    return lerping.lerp(this, end, weight);
  }
  /** Elementwise closeness as bool (torch.isclose); see `isclose`. */
  isclose(other: Tensor, options?: { rtol?: number; atol?: number; equalNan?: boolean }): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('isclose', ['other', 'options'], arguments);
    return closeness.isclose(this, other, options);
  }
  /** The lower median of every element, or `[values, indices]` along `dim` (torch.median). */
  median(): Tensor;
  median(dim: number | { dim: number; keepdim?: boolean }, keepdim?: boolean): ValuesAndIndices;
  median(dim?: number | { dim: number; keepdim?: boolean }, keepdim?: boolean): Tensor | ValuesAndIndices {
    if (arguments.length > 2) refuseArgumentsPast('median', ['dim', 'keepdim'], arguments);
    return dim === undefined ? medians.median(this) : medians.median(this, dim, keepdim);
  }
  /** The elements where `mask` (bool, broadcast) is true, 1-D (torch's `x[mask]`); see `maskedSelect`. */
  maskedSelect(mask: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('maskedSelect', ['mask'], arguments);
    return masking.maskedSelect(this, mask);
  }
  /** x[index[i]] += alpha·source[i] along `dim` (torch.Tensor.index_add); see `indexAdd`. */
  indexAdd(dim: number, index: Tensor, source: Tensor, options?: alongDim.IndexAddOptions): Tensor {
    if (arguments.length > 4) refuseArgumentsPast('indexAdd', ['dim', 'index', 'source', 'options'], arguments);
    return alongDim.indexAdd(this, dim, index, source, options);
  }
  /** `indexAdd` in place (torch's index_add_). */
  indexAdd_(dim: number, index: Tensor, source: Tensor, options?: alongDim.IndexAddOptions): this {
    if (arguments.length > 4) refuseArgumentsPast('indexAdd_', ['dim', 'index', 'source', 'options'], arguments);
    return inplace.assignResult(this, 'indexAdd_', (self, [values]) => alongDim.indexAdd(self, dim, index, values as Tensor, options), [
      source,
    ]);
  }
  /** x[index[i]] = source[i] along `dim` (torch.Tensor.index_copy); see `indexCopy`. */
  indexCopy(dim: number, index: Tensor, source: Tensor): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('indexCopy', ['dim', 'index', 'source'], arguments);
    return alongDim.indexCopy(this, dim, index, source);
  }
  /** `indexCopy` in place (torch's index_copy_). */
  indexCopy_(dim: number, index: Tensor, source: Tensor): this {
    if (arguments.length > 3) refuseArgumentsPast('indexCopy_', ['dim', 'index', 'source'], arguments);
    return inplace.assignResult(this, 'indexCopy_', (self, [values]) => alongDim.indexCopy(self, dim, index, values as Tensor), [source]);
  }
  /** The slices `index` of `dim` filled with `value` (torch.Tensor.index_fill); see `indexFill`. */
  indexFill(dim: number, index: Tensor, value: number | Tensor): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('indexFill', ['dim', 'index', 'value'], arguments);
    return alongDim.indexFill(this, dim, index, value);
  }
  /** `indexFill` in place (torch's index_fill_). */
  indexFill_(dim: number, index: Tensor, value: number | Tensor): this {
    if (arguments.length > 3) refuseArgumentsPast('indexFill_', ['dim', 'index', 'value'], arguments);
    return inplace.assignResult(this, 'indexFill_', (self, [filler]) => alongDim.indexFill(self, dim, index, filler as number | Tensor), [
      value,
    ]);
  }
  /** Values of `source` reduced into the positions `index` names along `dim` (torch.Tensor.scatter_reduce); see `scatterReduce`. */
  scatterReduce(dim: number, index: Tensor, source: Tensor, reduce: ScatterReduction, options?: ScatterReduceOptions): Tensor {
    if (arguments.length > 5) refuseArgumentsPast('scatterReduce', ['dim', 'index', 'source', 'reduce', 'options'], arguments);
    return scatterReduce(this, dim, index, source, reduce, options);
  }
  /** `scatterReduce` in place (torch's scatter_reduce_). */
  scatterReduce_(dim: number, index: Tensor, source: Tensor, reduce: ScatterReduction, options?: ScatterReduceOptions): this {
    if (arguments.length > 5) refuseArgumentsPast('scatterReduce_', ['dim', 'index', 'source', 'reduce', 'options'], arguments);
    return inplace.assignResult(
      this,
      'scatterReduce_',
      (self, [values]) => scatterReduce(self, dim, index, values as Tensor, reduce, options),
      [source],
    );
  }
  /** The values at `indices` along `dim`, broadcasting the other dims (torch.Tensor.take_along_dim); see `takeAlongDim`. */
  takeAlongDim(indices: Tensor, dim?: number | DimOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('takeAlongDim', ['indices', 'dim'], arguments);
    return takeAlongDim(this, indices, dim);
  }
  /** The positions where `mask` is true filled from `source` in order (torch.Tensor.masked_scatter); see `maskedScatter`. */
  maskedScatter(mask: Tensor, source: Tensor): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('maskedScatter', ['mask', 'source'], arguments);
    return maskedScatter(this, mask, source);
  }
  /** `maskedScatter` in place (torch's masked_scatter_); the mask must not widen this tensor's shape. */
  maskedScatter_(mask: Tensor, source: Tensor): this {
    if (arguments.length > 2) refuseArgumentsPast('maskedScatter_', ['mask', 'source'], arguments);
    return inplace.assignResult(this, 'maskedScatter_', (self, [values]) => maskedScatter(self, mask, values as Tensor), [source]);
  }
  /** The n-th forward difference along `dim` (torch.Tensor.diff); see `diff`. */
  diff(n?: number | DiffOptions, dim?: number | DiffOptions, prepend?: Tensor | DiffOptions, append?: Tensor | DiffOptions): Tensor {
    if (arguments.length > 4) refuseArgumentsPast('diff', ['n', 'dim', 'prepend', 'append'], arguments);
    return diff(this, n, dim, prepend, append);
  }
  /** The cross product with `other` along `dim`, by default the first dim of size 3 (torch.Tensor.cross); see `cross`. */
  cross(other: Tensor, dim?: number | DimOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('cross', ['other', 'dim'], arguments);
    return cross(this, other, dim);
  }
  /** Slices along `dim` with a p-norm above `maxnorm` scaled down to it (torch.Tensor.renorm); see `renorm`. */
  renorm(p: number, dim: number, maxnorm: number): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('renorm', ['p', 'dim', 'maxnorm'], arguments);
    return renorm(this, p, dim, maxnorm);
  }
  /** `renorm` in place (torch's renorm_). */
  renorm_(p: number, dim: number, maxnorm: number): this {
    if (arguments.length > 3) refuseArgumentsPast('renorm_', ['p', 'dim', 'maxnorm'], arguments);
    return inplace.assignResult(this, 'renorm_', (self) => renorm(self, p, dim, maxnorm));
  }
  /** Rotated by k·90° in the plane of `dims` (torch.Tensor.rot90); see `rot90`. */
  rot90(k?: number | Rot90Options, dims?: readonly number[] | Rot90Options): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('rot90', ['k', 'dims'], arguments);
    return rot90(this, k, dims);
  }
  /** Sorted along the first dim (torch.Tensor.msort). */
  msort(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('msort', [], arguments);
    return msort(this);
  }
  /** `{ min, max }` of every element or along `dim` (torch.Tensor.aminmax); see `aminmax`. */
  aminmax(options?: AminmaxOptions): MinAndMax {
    if (arguments.length > 1) refuseArgumentsPast('aminmax', ['options'], arguments);
    return aminmax(this, options);
  }
  /** How many elements are not zero, along `dim` if given, as int32 (torch.Tensor.count_nonzero). */
  countNonzero(dim?: number | readonly number[] | { dim?: number | readonly number[] }): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('countNonzero', ['dim'], arguments);
    return countNonzero(this, dim);
  }
  /** The q-th quantiles, q's length first (torch.Tensor.quantile); see `quantile`. */
  quantile(
    q: number | Tensor,
    dim?: number | quantiles.QuantileOptions,
    keepdim?: boolean | quantiles.QuantileOptions,
    options?: quantiles.QuantileOptions,
  ): Tensor {
    if (arguments.length > 4) refuseArgumentsPast('quantile', ['q', 'dim', 'keepdim', 'options'], arguments);
    return quantiles.quantile(this, q, dim, keepdim, options);
  }
  /** `quantile` ignoring NaN (torch.Tensor.nanquantile); see `nanquantile`. */
  nanquantile(
    q: number | Tensor,
    dim?: number | quantiles.QuantileOptions,
    keepdim?: boolean | quantiles.QuantileOptions,
    options?: quantiles.QuantileOptions,
  ): Tensor {
    if (arguments.length > 4) refuseArgumentsPast('nanquantile', ['q', 'dim', 'keepdim', 'options'], arguments);
    return quantiles.nanquantile(this, q, dim, keepdim, options);
  }
  /** The most frequent value along `dim` and the index of its last occurrence (torch.Tensor.mode); see `mode`. */
  mode(dim?: number | { dim?: number; keepdim?: boolean }, keepdim?: boolean): ValuesAndIndices {
    if (arguments.length > 2) refuseArgumentsPast('mode', ['dim', 'keepdim'], arguments);
    return mode(this, dim, keepdim);
  }
  /** The coordinates of the nonzero elements, [count, ndim] int32 (torch.Tensor.argwhere); see `argwhere`. */
  argwhere(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('argwhere', [], arguments);
    return argwhere(this);
  }
  /** The first of every run of equal consecutive elements (torch.Tensor.unique_consecutive); see `uniqueConsecutive`. */
  uniqueConsecutive(options?: UniqueConsecutiveOptions): Tensor | Tensor[] {
    if (arguments.length > 1) refuseArgumentsPast('uniqueConsecutive', ['options'], arguments);
    return uniqueConsecutive(this, options ?? {});
  }
  /** Whether any element (along `dim`) is nonzero, as bool (torch.any). */
  any(dim?: Dims | ReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('any', ['dim', 'keepdim'], arguments);
    return anyAll.any(this, dim, keepdim);
  }
  /** Whether every element (along `dim`) is nonzero, as bool (torch.all). */
  all(dim?: Dims | ReductionOptions, keepdim?: boolean | KeepdimOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('all', ['dim', 'keepdim'], arguments);
    return anyAll.all(this, dim, keepdim);
  }
  /** The lower triangle of the last two dims (torch.tril). */
  tril(diagonal = 0): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('tril', ['diagonal'], arguments);
    return triangular.tril(this, diagonal);
  }
  /** The upper triangle of the last two dims (torch.triu). */
  triu(diagonal = 0): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('triu', ['diagonal'], arguments);
    return triangular.triu(this, diagonal);
  }

  // ---- torch's second names and predicates (ops/aliases.ts and their neighbours) -----------------
  /** |this| (torch.Tensor.absolute). */
  absolute(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('absolute', [], arguments);
    return aliases.absolute(this);
  }
  /** arccos (torch.Tensor.arccos). */
  arccos(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('arccos', [], arguments);
    return aliases.arccos(this);
  }
  /** arcosh (torch.Tensor.arccosh). */
  arccosh(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('arccosh', [], arguments);
    return aliases.arccosh(this);
  }
  /** arcsin (torch.Tensor.arcsin). */
  arcsin(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('arcsin', [], arguments);
    return aliases.arcsin(this);
  }
  /** arsinh (torch.Tensor.arcsinh). */
  arcsinh(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('arcsinh', [], arguments);
    return aliases.arcsinh(this);
  }
  /** arctan (torch.Tensor.arctan). */
  arctan(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('arctan', [], arguments);
    return aliases.arctan(this);
  }
  /** artanh (torch.Tensor.arctanh). */
  arctanh(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('arctanh', [], arguments);
    return aliases.arctanh(this);
  }
  /** The angle of (other, this) (torch.Tensor.arctan2). */
  arctan2(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('arctan2', ['other'], arguments);
    return aliases.arctan2(this, other);
  }
  /** −this (torch.Tensor.negative). */
  negative(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('negative', [], arguments);
    return aliases.negative(this);
  }
  /** This tensor itself; bool throws (torch.Tensor.positive). */
  positive(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('positive', [], arguments);
    return aliases.positive(this);
  }
  /** this − alpha·other (torch.Tensor.subtract). */
  subtract(other: TensorOrScalar, alpha?: number | elementwise.AlphaOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('subtract', ['other', 'alpha'], arguments);
    return aliases.subtract(this, other, alpha);
  }
  /** this·other (torch.Tensor.multiply). */
  multiply(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('multiply', ['other'], arguments);
    return aliases.multiply(this, other);
  }
  /** this/other, rounded when `roundingMode` is given (torch.Tensor.divide); see `divide`. */
  divide(other: TensorOrScalar, options?: floorDivision.DivideOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('divide', ['other', 'options'], arguments);
    return floorDivision.divide(this, other, options);
  }
  /** True division (torch.Tensor.true_divide). */
  trueDivide(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('trueDivide', ['other'], arguments);
    return aliases.trueDivide(this, other);
  }
  /** this // other, rounded toward −∞ (torch.Tensor.floor_divide); see `floorDivide`. */
  floorDivide(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('floorDivide', ['other'], arguments);
    return floorDivision.floorDivide(this, other);
  }
  /** this > other (torch.Tensor.greater). */
  greater(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('greater', ['other'], arguments);
    return aliases.greater(this, other);
  }
  /** this ≥ other (torch.Tensor.greater_equal). */
  greaterEqual(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('greaterEqual', ['other'], arguments);
    return aliases.greaterEqual(this, other);
  }
  /** this < other (torch.Tensor.less). */
  less(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('less', ['other'], arguments);
    return aliases.less(this, other);
  }
  /** this ≤ other (torch.Tensor.less_equal). */
  lessEqual(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('lessEqual', ['other'], arguments);
    return aliases.lessEqual(this, other);
  }
  /** this ≠ other (torch.Tensor.not_equal). */
  notEqual(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('notEqual', ['other'], arguments);
    return aliases.notEqual(this, other);
  }
  /** Limits to [min, max] (torch.Tensor.clip, as `clamp`). */
  clip(min?: number | Tensor | { min?: number | Tensor; max?: number | Tensor }, max?: number | Tensor): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('clip', ['min', 'max'], arguments);
    return aliases.clip(this, min, max);
  }
  /** max(this, min) (torch.Tensor.clamp_min). */
  clampMin(min: number | Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('clampMin', ['min'], arguments);
    return aliases.clampMin(this, min);
  }
  /** min(this, max) (torch.Tensor.clamp_max). */
  clampMax(max: number | Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('clampMax', ['max'], arguments);
    return aliases.clampMax(this, max);
  }
  /** The sign (torch.Tensor.sgn, `sign` for real tensors). */
  sgn(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('sgn', [], arguments);
    return aliases.sgn(this);
  }
  /** Whether each element is ±∞ (torch.Tensor.isinf). */
  isinf(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('isinf', [], arguments);
    return infinities.isinf(this);
  }
  /** Whether each element is +∞ (torch.Tensor.isposinf). */
  isposinf(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('isposinf', [], arguments);
    return infinities.isposinf(this);
  }
  /** Whether each element is −∞ (torch.Tensor.isneginf). */
  isneginf(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('isneginf', [], arguments);
    return infinities.isneginf(this);
  }
  /** All true: every dtype here is real (torch.Tensor.isreal). */
  isreal(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('isreal', [], arguments);
    return infinities.isreal(this);
  }
  /** The maximum ignoring NaN (torch.Tensor.fmax); see `fmax`. */
  fmax(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('fmax', ['other'], arguments);
    return fmax(this, other);
  }
  /** The minimum ignoring NaN (torch.Tensor.fmin); see `fmin`. */
  fmin(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('fmin', ['other'], arguments);
    return fmin(this, other);
  }
  /** this^exponent in float64 (torch.Tensor.float_power); see `floatPower`. */
  floatPower(exponent: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('floatPower', ['exponent'], arguments);
    return floatPower(this, exponent);
  }
  /** The greatest common divisor, int32 (torch.Tensor.gcd). */
  gcd(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('gcd', ['other'], arguments);
    return gcd(this, other);
  }
  /** The least common multiple, int32 (torch.Tensor.lcm). */
  lcm(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('lcm', ['other'], arguments);
    return lcm(this, other);
  }
  /** this·2^exponent (torch.Tensor.ldexp); see `ldexp`. */
  ldexp(exponent: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('ldexp', ['exponent'], arguments);
    return binaryExponent.ldexp(this, exponent);
  }
  /** `[mantissa, exponent]` with this = mantissa·2^exponent (torch.Tensor.frexp); see `frexp`. */
  frexp(): binaryExponent.MantissaAndExponent {
    if (arguments.length > 0) refuseArgumentsPast('frexp', [], arguments);
    return binaryExponent.frexp(this);
  }
  /** The next float toward other, CPU only (torch.Tensor.nextafter); see `nextafter`. */
  nextafter(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('nextafter', ['other'], arguments);
    return nextafter(this, other);
  }
  /** Exactly one of this and other nonzero (torch.Tensor.logical_xor). */
  logicalXor(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('logicalXor', ['other'], arguments);
    return logicalXor(this, other);
  }
  /** Same shape and equal values, read synchronously (torch.Tensor.equal); see `equal`. */
  equal(other: Tensor): boolean {
    if (arguments.length > 1) refuseArgumentsPast('equal', ['other'], arguments);
    return equality.equal(this, other);
  }
  /** Every element close to other's, read synchronously (torch.Tensor.allclose); see `allclose`. */
  allclose(other: Tensor, options?: equality.AllcloseOptions): boolean {
    if (arguments.length > 2) refuseArgumentsPast('allclose', ['other', 'options'], arguments);
    return equality.allclose(this, other, options);
  }
  /** Whether the dtype is a floating-point one (torch.Tensor.is_floating_point). */
  isFloatingPoint(): boolean {
    if (arguments.length > 0) refuseArgumentsPast('isFloatingPoint', [], arguments);
    return dtypeQueries.isFloatingPoint(this);
  }
  /** False: no complex dtype exists here (torch.Tensor.is_complex). */
  isComplex(): boolean {
    if (arguments.length > 0) refuseArgumentsPast('isComplex', [], arguments);
    return dtypeQueries.isComplex(this);
  }
  /**
   * torch's legacy type: without an argument the type name ('torch.FloatTensor' for float32); with a
   * dtype or a type name ('float64', 'torch.DoubleTensor'), this tensor cast to it (`to(dtype)`).
   * @example
   * x.type(); // 'torch.FloatTensor'
   * x.type('torch.DoubleTensor').dtype; // 'float64'
   */
  type(): string;
  type(dtype: DType | string): Tensor;
  type(dtype?: DType | string): string | Tensor {
    if (arguments.length > 1) refuseArgumentsPast('type', ['dtype'], arguments);
    return dtype === undefined ? legacyTypeName(this.dtype) : this.to(dtypeOfTypeName(dtype));
  }
  /** this & other (torch.Tensor.bitwise_and, Python's `&`): int32 bits, or the logical and of bools; see `bitwiseAnd`. */
  bitwiseAnd(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('bitwiseAnd', ['other'], arguments);
    return bitwise.bitwiseAnd(this, other);
  }
  /** this | other (torch.Tensor.bitwise_or, `|`); see `bitwiseOr`. */
  bitwiseOr(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('bitwiseOr', ['other'], arguments);
    return bitwise.bitwiseOr(this, other);
  }
  /** this ^ other (torch.Tensor.bitwise_xor, `^`); see `bitwiseXor`. */
  bitwiseXor(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('bitwiseXor', ['other'], arguments);
    return bitwise.bitwiseXor(this, other);
  }
  /** ~this (torch.Tensor.bitwise_not, `~`); see `bitwiseNot`. */
  bitwiseNot(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('bitwiseNot', [], arguments);
    return bitwise.bitwiseNot(this);
  }
  /** this << other (torch.Tensor.bitwise_left_shift, `<<`); see `bitwiseLeftShift`. */
  bitwiseLeftShift(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('bitwiseLeftShift', ['other'], arguments);
    return bitwise.bitwiseLeftShift(this, other);
  }
  /** this >> other (torch.Tensor.bitwise_right_shift, `>>`); see `bitwiseRightShift`. */
  bitwiseRightShift(other: TensorOrScalar): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('bitwiseRightShift', ['other'], arguments);
    return bitwise.bitwiseRightShift(this, other);
  }
  /** U, S and V with this = U·diag(S)·Vᵀ (torch.Tensor.svd, the pre-linalg API); see `svd`. */
  svd(some?: boolean | LegacySvdOptions, computeUv?: boolean | LegacySvdOptions): LegacySvd {
    if (arguments.length > 2) refuseArgumentsPast('svd', ['some', 'computeUv'], arguments);
    return legacySvd(this, some, computeUv);
  }
  /**
   * Python's indexing, `x[indices]`: integers, slices as strings ('1:3', '::2', ':'), '...', null (a new
   * dim), integer lists or int32 tensors, bool masks; see `at`.
   * @example
   * x.at(':', '1:3'); // x[:, 1:3]
   * x.at(x.gt(0));    // x[x > 0]
   */
  at(...indices: TensorIndex[]): Tensor {
    return itemIndexing.at(this, ...indices);
  }
  /**
   * Python's `x[indices] = value`, in place: `x.setAt_([':', 0], 0)` is `x[:, 0] = 0`; see `at`.
   * @example
   * x.setAt_([x.lt(0)], 0); // x[x < 0] = 0
   */
  setAt_(indices: readonly TensorIndex[], value: Tensor | number): this {
    if (arguments.length > 2) refuseArgumentsPast('setAt_', ['indices', 'value'], arguments);
    itemIndexing.setAt(this, indices, value);
    return this;
  }
  /** Whether this tensor is on the CPU (torch.Tensor.is_cpu). */
  get isCpu(): boolean {
    return this.device === 'cpu';
  }
  /** −1 on the CPU, 0 on another device (torch.Tensor.get_device: the CUDA index, −1 on the CPU). */
  getDevice(): number {
    if (arguments.length > 0) refuseArgumentsPast('getDevice', [], arguments);
    return this.device === 'cpu' ? -1 : 0;
  }
  /** The index of the first element in the storage (torch.Tensor.storage_offset). */
  storageOffset(): number {
    if (arguments.length > 0) refuseArgumentsPast('storageOffset', [], arguments);
    return this.offset;
  }
  /** This tensor: every dtype here is real (torch.Tensor.real of a real tensor is itself). */
  get real(): Tensor {
    return this;
  }
  /** Throws torch's error: a real tensor has no imaginary part (no complex dtype exists here). */
  get imag(): Tensor {
    throw new Error(`imag: is not implemented for tensors with non-complex dtypes (got ${this.dtype})`);
  }
  /** This tensor: the conjugate of a real tensor (torch.Tensor.conj returns it itself). */
  conj(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('conj', [], arguments);
    return this;
  }
  /** This tensor (torch.Tensor.resolve_conj: no lazy conjugation exists here). */
  resolveConj(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('resolveConj', [], arguments);
    return this;
  }
  /** This tensor (torch.Tensor.resolve_neg: no lazy negation exists here). */
  resolveNeg(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('resolveNeg', [], arguments);
    return this;
  }
  /** False: no lazy conjugation exists here (torch.Tensor.is_conj). */
  isConj(): boolean {
    if (arguments.length > 0) refuseArgumentsPast('isConj', [], arguments);
    return false;
  }
  /** False: no lazy negation exists here (torch.Tensor.is_neg). */
  isNeg(): boolean {
    if (arguments.length > 0) refuseArgumentsPast('isNeg', [], arguments);
    return false;
  }
  /** Whether the dtype holds negative values (torch.Tensor.is_signed). */
  isSigned(): boolean {
    if (arguments.length > 0) refuseArgumentsPast('isSigned', [], arguments);
    return dtypeQueries.isSigned(this);
  }
  /** Whether the single element is nonzero, read synchronously (torch.Tensor.is_nonzero); see `isNonzero`. */
  isNonzero(): boolean {
    if (arguments.length > 0) refuseArgumentsPast('isNonzero', [], arguments);
    return tensorQueries.isNonzero(this);
  }
  /** Whether other has this shape (torch.Tensor.is_same_size). */
  isSameSize(other: Tensor): boolean {
    if (arguments.length > 1) refuseArgumentsPast('isSameSize', ['other'], arguments);
    return tensorQueries.isSameSize(this, other);
  }
  zero_(): this {
    if (arguments.length > 0) refuseArgumentsPast('zero_', [], arguments);
    return inplace.fill(this, 0, 'zero_');
  }
  /** In place `this += value·tensor1·tensor2` (torch.Tensor.addcmul_; optimizers); `value` as a number or `{ value }`. */
  addcmul_(tensor1: Tensor, tensor2: Tensor, value?: number | pointwiseProducts.PointwiseValueOptions): this {
    if (arguments.length > 3) refuseArgumentsPast('addcmul_', ['tensor1', 'tensor2', 'value'], arguments);
    return pointwiseProducts.addcmulInPlace(this, tensor1, tensor2, value);
  }
  /** In place `this += value·tensor1/tensor2` (torch.Tensor.addcdiv_; optimizers); `value` as a number or `{ value }`. */
  addcdiv_(tensor1: Tensor, tensor2: Tensor, value?: number | pointwiseProducts.PointwiseValueOptions): this {
    if (arguments.length > 3) refuseArgumentsPast('addcdiv_', ['tensor1', 'tensor2', 'value'], arguments);
    return pointwiseProducts.addcdivInPlace(this, tensor1, tensor2, value);
  }
  /** this + value·tensor1·tensor2 (torch.Tensor.addcmul); see `addcmul`. */
  addcmul(tensor1: Tensor, tensor2: Tensor, options?: pointwiseProducts.PointwiseValueOptions): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('addcmul', ['tensor1', 'tensor2', 'options'], arguments);
    return pointwiseProducts.addcmul(this, tensor1, tensor2, options);
  }
  /** this + value·tensor1/tensor2 (torch.Tensor.addcdiv); see `addcdiv`. */
  addcdiv(tensor1: Tensor, tensor2: Tensor, options?: pointwiseProducts.PointwiseValueOptions): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('addcdiv', ['tensor1', 'tensor2', 'options'], arguments);
    return pointwiseProducts.addcdiv(this, tensor1, tensor2, options);
  }
  /** beta·this + alpha·mat1·mat2 (torch.Tensor.addmm); see `addmm`. */
  addmm(mat1: Tensor, mat2: Tensor, options?: BetaAlphaOptions): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('addmm', ['mat1', 'mat2', 'options'], arguments);
    return matrixProducts.addmm(this, mat1, mat2, options);
  }
  /** this ← beta·this + alpha·mat1·mat2 in place (torch.Tensor.addmm_), with the in-place autograd rules. */
  addmm_(mat1: Tensor, mat2: Tensor, options?: BetaAlphaOptions): this {
    if (arguments.length > 3) refuseArgumentsPast('addmm_', ['mat1', 'mat2', 'options'], arguments);
    return inplace.assignResult(
      this,
      'addmm_',
      (self, [left, right]) => matrixProducts.addmm(self, left as Tensor, right as Tensor, options),
      [mat1, mat2],
    );
  }
  /** beta·this + alpha·mat·vec (torch.Tensor.addmv); see `addmv`. */
  addmv(mat: Tensor, vec: Tensor, options?: BetaAlphaOptions): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('addmv', ['mat', 'vec', 'options'], arguments);
    return matrixProducts.addmv(this, mat, vec, options);
  }
  /** beta·this + alpha·vec1 ⊗ vec2 (torch.Tensor.addr); see `addr`. */
  addr(vec1: Tensor, vec2: Tensor, options?: BetaAlphaOptions): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('addr', ['vec1', 'vec2', 'options'], arguments);
    return matrixProducts.addr(this, vec1, vec2, options);
  }
  /** beta·this + alpha·Σᵢ batch1[i]·batch2[i] (torch.Tensor.addbmm); see `addbmm`. */
  addbmm(batch1: Tensor, batch2: Tensor, options?: BetaAlphaOptions): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('addbmm', ['batch1', 'batch2', 'options'], arguments);
    return matrixProducts.addbmm(this, batch1, batch2, options);
  }
  /** beta·this + alpha·batch1[i]·batch2[i] for each i (torch.Tensor.baddbmm); see `baddbmm`. */
  baddbmm(batch1: Tensor, batch2: Tensor, options?: BetaAlphaOptions): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('baddbmm', ['batch1', 'batch2', 'options'], arguments);
    return matrixProducts.baddbmm(this, batch1, batch2, options);
  }
  /** this·vec for a matrix and a vector (torch.Tensor.mv); see `mv`. */
  mv(vec: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('mv', ['vec'], arguments);
    return vectorProducts.mv(this, vec);
  }
  /** The outer product with `other` (torch.Tensor.ger, an alias of outer). */
  ger(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('ger', ['other'], arguments);
    return vectorProducts.ger(this, other);
  }
  /** The sum of products over the last dims (torch.Tensor.inner); see `inner`. */
  inner(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('inner', ['other'], arguments);
    return vectorProducts.inner(this, other);
  }
  /** The dot product of two 1-D tensors (torch.Tensor.vdot); see `vdot`. */
  vdot(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('vdot', ['other'], arguments);
    return vectorProducts.vdot(this, other);
  }
  /** The p-norm of this − other (torch.Tensor.dist); see `dist`. */
  dist(other: Tensor, p?: number | DistOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('dist', ['other', 'p'], arguments);
    return dist(this, other, p);
  }
  /** The solution of A·X = this from A's Cholesky factor (torch.Tensor.cholesky_solve); see `choleskySolve`. */
  choleskySolve(factor: Tensor, upper?: boolean | CholeskyFactorOptions): Tensor {
    if (arguments.length > 2) refuseArgumentsPast('choleskySolve', ['factor', 'upper'], arguments);
    return choleskySolve(this, factor, upper);
  }
  /** The inverse of A from this, its Cholesky factor (torch.Tensor.cholesky_inverse); see `choleskyInverse`. */
  choleskyInverse(upper?: boolean | CholeskyFactorOptions): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('choleskyInverse', ['upper'], arguments);
    return choleskyInverse(this, upper);
  }
  // ---- methods of existing functions, and torch's names still missing (test/methods-and-aliases-two.test.ts)
  /** The coordinates of the nonzero elements (torch.Tensor.nonzero): [count, ndim] int32, or with `asTuple` one 1-D tensor per dim; CPU only, see `nonzero`. */
  nonzero(options?: { asTuple?: false }): Tensor;
  nonzero(options: { asTuple: true }): Tensor[];
  nonzero(options: { asTuple?: boolean } = {}): Tensor | Tensor[] {
    if (arguments.length > 1) refuseArgumentsPast('nonzero', ['options'], arguments);
    const { asTuple = false } = checkOptions('nonzero', options, ['asTuple']);
    return asTuple ? nonzeroAsTuple(this) : nonzero(this);
  }
  /** The distinct values, or with `dim` the distinct slices, and as asked the inverse indices and counts (torch.Tensor.unique); see `uniqueWithDim`. */
  unique(options?: UniqueDimOptions & { returnInverse?: false; returnCounts?: false }): Tensor;
  unique(options: UniqueDimOptions): Tensor[];
  unique(options: UniqueDimOptions = {}): Tensor | Tensor[] {
    if (arguments.length > 1) refuseArgumentsPast('unique', ['options'], arguments);
    return uniqueWithDim(this, options);
  }
  /** How often each value occurs in this 1-D int32 tensor, or the sums of `weights` (torch.Tensor.bincount); see `bincount`. */
  bincount(options?: { weights?: Tensor | null; minlength?: number }): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('bincount', ['options'], arguments);
    return bincount(this, options);
  }
  /** Category indices drawn from this tensor's rows of weights (torch.Tensor.multinomial); see `multinomial`. */
  multinomial(numSamples: number, options?: MultinomialOptions): Tensor;
  multinomial(numSamples: number, replacement: boolean, options?: Omit<MultinomialOptions, 'replacement'>): Tensor;
  multinomial(
    numSamples: number,
    replacementOrOptions?: boolean | MultinomialOptions,
    options?: Omit<MultinomialOptions, 'replacement'>,
  ): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('multinomial', ['numSamples', 'replacementOrOptions', 'options'], arguments);
    return typeof replacementOrOptions === 'boolean'
      ? multinomial(this, numSamples, replacementOrOptions, options)
      : multinomial(this, numSamples, replacementOrOptions);
  }
  /** 1 with probability p, else 0, with this floating-point tensor as p, in its dtype (torch.Tensor.bernoulli); `generator` Default the global one. */
  bernoulli(options: { generator?: random.RandomOptions['generator'] } = {}): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('bernoulli', ['options'], arguments);
    checkOptions('bernoulli', options, ['generator']);
    if (!isFloating(this.dtype)) throw new Error(`bernoulli: expects floating-point probabilities, got a ${this.dtype} tensor`);
    return random.bernoulli(this, undefined, { generator: options.generator });
  }
  /** The Kronecker product with `other` (torch.Tensor.kron); see `kron`. */
  kron(other: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('kron', ['other'], arguments);
    return kron(this, other);
  }
  /** The covariance matrix of the variables in this tensor's rows (torch.Tensor.cov); see `cov`. */
  cov(options?: CovOptions): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('cov', ['options'], arguments);
    return cov(this, options);
  }
  /** The Pearson correlation coefficients of the variables in this tensor's rows (torch.Tensor.corrcoef); see `corrcoef`. */
  corrcoef(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('corrcoef', [], arguments);
    return corrcoef(this);
  }
  /** Matrices whose diagonal `offset` holds this tensor's last dim (torch.Tensor.diag_embed); see `diagEmbed`. */
  diagEmbed(...options: [offset?: number | DiagEmbedOptions, dim1?: number | DiagEmbedOptions, dim2?: number | DiagEmbedOptions]): Tensor {
    return diagEmbed(this, ...options);
  }
  /** The counts of the elements in equal-width bins (torch.Tensor.histc); see `histc`. */
  histc(...options: [bins?: number | HistcOptions, min?: number | HistcOptions, max?: number | HistcOptions]): Tensor {
    return histc(this, ...options);
  }
  /** [hist, binEdges] of the elements (torch.Tensor.histogram); see `histogram`. */
  histogram(bins?: number | Tensor, options?: HistogramOptions): [Tensor, Tensor] {
    if (arguments.length > 2) refuseArgumentsPast('histogram', ['bins', 'options'], arguments);
    return histogram(this, bins, options);
  }
  /** The regularized lower incomplete gamma P(this, x) (torch.Tensor.igamma); see `igamma`. */
  igamma(x: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('igamma', ['x'], arguments);
    return igamma(this, x);
  }
  /** `igamma` in place (torch's igamma_). */
  igamma_(x: Tensor): this {
    if (arguments.length > 1) refuseArgumentsPast('igamma_', ['x'], arguments);
    return inplace.assignResult(this, 'igamma_', (self, [other]) => igamma(self, other as Tensor), [x]);
  }
  /** The regularized upper incomplete gamma Q(this, x) (torch.Tensor.igammac); see `igammac`. */
  igammac(x: Tensor): Tensor {
    if (arguments.length > 1) refuseArgumentsPast('igammac', ['x'], arguments);
    return igammac(this, x);
  }
  /** `igammac` in place (torch's igammac_). */
  igammac_(x: Tensor): this {
    if (arguments.length > 1) refuseArgumentsPast('igammac_', ['x'], arguments);
    return inplace.assignResult(this, 'igammac_', (self, [other]) => igammac(self, other as Tensor), [x]);
  }
  /** x[indices] = values, or += with `accumulate` (torch.Tensor.index_put); see `indexPut`. */
  indexPut(indices: readonly Tensor[], values: Tensor, accumulate?: boolean | IndexPutOptions): Tensor {
    if (arguments.length > 3) refuseArgumentsPast('indexPut', ['indices', 'values', 'accumulate'], arguments);
    return indexPut(this, indices, values, accumulate);
  }
  /**
   * Writes `value` on the main diagonal in place (torch.Tensor.fill_diagonal_), with `wrap` for tall
   * matrices; see `fillDiagonal`.
   * @example
   * similarity.fillDiagonal_(-Infinity); // mask each row's own column
   */
  fillDiagonal_(value: number, wrap?: boolean | FillDiagonalOptions): this {
    if (arguments.length > 2) refuseArgumentsPast('fillDiagonal_', ['value', 'wrap'], arguments);
    return inplace.assignResult(this, 'fillDiagonal_', (self) => fillDiagonal(self, value, wrap));
  }
  /** `indexPut` in place (torch's index_put_; PyTorch's `x[indices] = values`). */
  indexPut_(indices: readonly Tensor[], values: Tensor, accumulate?: boolean | IndexPutOptions): this {
    if (arguments.length > 3) refuseArgumentsPast('indexPut_', ['indices', 'values', 'accumulate'], arguments);
    return inplace.assignResult(this, 'indexPut_', (self, [given]) => indexPut(self, indices, given as Tensor, accumulate), [values]);
  }
  /** Slices of `source` reduced into the slices `index` names along `dim` (torch.Tensor.index_reduce); see `indexReduce`. */
  indexReduce(dim: number, index: Tensor, source: Tensor, reduce: IndexReduction, options?: IndexReduceOptions): Tensor {
    if (arguments.length > 5) refuseArgumentsPast('indexReduce', ['dim', 'index', 'source', 'reduce', 'options'], arguments);
    return indexReduce(this, dim, index, source, reduce, options);
  }
  /** `indexReduce` in place (torch's index_reduce_). */
  indexReduce_(dim: number, index: Tensor, source: Tensor, reduce: IndexReduction, options?: IndexReduceOptions): this {
    if (arguments.length > 5) refuseArgumentsPast('indexReduce_', ['dim', 'index', 'source', 'reduce', 'options'], arguments);
    return inplace.assignResult(this, 'indexReduce_', (self, [given]) => indexReduce(self, dim, index, given as Tensor, reduce, options), [
      source,
    ]);
  }
  /** The matrix exponential of this matrix or batch of matrices (torch.Tensor.matrix_exp); see `linalg.matrixExp`. */
  matrixExp(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('matrixExp', [], arguments);
    return matrixExp(this);
  }
  /** The strides in elements as torch reports them (torch.Tensor.stride): all, or the one of `dim`; see `stride`. */
  stride(): number[];
  stride(dim: number): number;
  stride(dim?: number): number[] | number {
    if (arguments.length > 1) refuseArgumentsPast('stride', ['dim'], arguments);
    return dim === undefined ? stride(this) : stride(this, dim);
  }
  /** Whether this non-leaf keeps its `.grad` after backward (torch.Tensor.retains_grad): true after `retainGrad()`, false for a leaf. */
  get retainsGrad(): boolean {
    return this.gradFunction?.retainsGrad ?? false;
  }
  /** Views cut along `dim` into pieces of exactly these sizes (torch.Tensor.split_with_sizes); see `splitWithSizes`. */
  splitWithSizes(splitSizes: readonly number[], dim?: number | DimOptions): Tensor[] {
    if (arguments.length > 2) refuseArgumentsPast('splitWithSizes', ['splitSizes', 'dim'], arguments);
    return splitWithSizes(this, splitSizes, dim);
  }
  /** The last two dims swapped, a view (torch.Tensor.adjoint, the conjugate transpose of real matrices); see `adjoint`. */
  adjoint(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('adjoint', [], arguments);
    return adjoint(this);
  }
  /** 0 for x ≥ 0, π for x < 0, NaN for NaN (torch.Tensor.angle of a real tensor); see `angle`. */
  angle(): Tensor {
    if (arguments.length > 0) refuseArgumentsPast('angle', [], arguments);
    return angle(this);
  }
}

// torch's in-place twins (`exp_`, `relu_`, …): declared by InPlaceTwins, defined on the prototype here
export interface Tensor extends InPlaceTwins {}
installInPlaceTwins(Tensor.prototype);
installTensorSpellings(Tensor.prototype);

/**
 * A new handle on `source`'s storage and view. Outside the class: a class that names itself in its own
 * body is bundled as `var Tensor = class _Tensor`, and `x.constructor.name` would read '_Tensor'.
 */
function handleOn(source: Tensor, kind?: 'alias'): Tensor {
  return new Tensor(source.storage, source.shape, source.strides, source.offset, kind);
}

function flattenShapeArgs(args: number[] | [readonly number[]]): number[] {
  return Array.isArray(args[0]) ? [...args[0]] : (args as number[]);
}

function nest(data: TypedArray, shape: readonly number[]): NestedArray {
  if (shape.length === 0) return data[0]!;
  const build = (axis: number, start: number, stride: number): NestedArray[] => {
    const extent = shape[axis]!;
    const inner = stride / Math.max(extent, 1);
    const result: NestedArray[] = [];
    for (let i = 0; i < extent; i++) result.push(axis === shape.length - 1 ? data[start + i]! : build(axis + 1, start + i * inner, inner));
    return result;
  };
  return build(0, 0, sizeOf(shape));
}
