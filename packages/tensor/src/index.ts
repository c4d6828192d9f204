/**
 * @dl/tensor: tensors, autograd and the CPU backend.
 * @example
 * import { tensor, manualSeed, randn } from '@dl/tensor';
 * manualSeed(0);
 * const w = randn([3, 1], { requiresGrad: true });
 * const loss = tensor([[1, 2, 3]]).matmul(w).square().sum();
 * loss.backward();
 * w.grad; // d loss / d w
 * @module @dl/tensor
 */
import { registerDefaultBackend } from './core/backend.js';
import { cpuBackend } from './cpu/backend.js';

// The CPU device is always there. (A registration, but one without which nothing works; bundlers keep
// it because every entry point reaches tensors through this module, and package.json lists this
// file's chunk under `sideEffects`.) The registry is shared by every copy of @dl/tensor in the
// process; the first copy loaded keeps its CPU backend (see core/shared-state.ts).
registerDefaultBackend(cpuBackend);

export { Tensor, type TensorOrScalar, type NestedArray } from './core/tensor.js';
export { isTensor } from './core/brand.js';
export type { DType, TypedArray } from './core/dtype.js';
export { promoteTypes } from './core/dtype.js';
export { float16Bits, float16Value, roundToFloat16 } from './core/float16.js';
export type { Shape } from './core/shape.js';
export { broadcastShapes } from './ops/broadcast-shapes.js';
export {
  registerBackend,
  getBackend,
  registeredDevices,
  unaryOps,
  binaryOps,
  reduceOps,
  type Backend,
  type BackendBuffer,
  type TensorView,
  type UnaryOp,
  type BinaryOp,
  type ReduceOp,
  type MatmulShape,
  type WindowGeometry,
  type AdamStepOptions,
  type FusedKernels,
  type RecurrenceGeometry,
  type RecurrenceKernels,
} from './core/backend.js';
export { cpuBackend } from './cpu/backend.js';
export { wasmKernelVariant, type KernelVariant } from './cpu/wasm/instance.js';
export { setNumThreads, getNumThreads, threadsUnavailableReason } from './cpu/threads/thread-count.js';
export { memory, emptyCache, type DeviceMemory } from './core/memory.js';
export { scope, composite, keep, trackCreated, releaseUnreturned } from './core/scope.js';
export { warn, setWarningFilter, catchWarnings, type WarningAction, type CaughtWarning, type CaughtWarnings } from './core/warnings.js';
export { finishedGraphCount, releaseFinishedGraphs } from './autograd/finished-graphs.js';
export { TensorLoan } from './core/loan.js';
export {
  checkOptions,
  withDefaults,
  withoutNulls,
  checkChoice,
  choicesOf,
  describeValue,
  isPlainObject,
  extraArgumentsMessage,
  refuseExtraArguments,
  refuseArgumentsPast,
  readArguments,
  checkInteger,
  checkNumber,
  checkBoolean,
} from './core/options.js';
export { readToArguments, type ToOptions, type ToTarget } from './core/to-arguments.js';
export { checkTensor, checkTensorArguments, checkTensorList } from './core/tensor-arguments.js';
export { checkIntegerList } from './core/shape.js';
export { noCudaMessage } from './core/no-cuda.js';
export { installTorchSpellings } from './core/torch-spellings.js';
export { pythonFloat, pythonNumber } from './core/python-format.js';
export { checkSameDtype } from './ops/same-dtype.js';
export { noGrad, enableGrad, isGradEnabled } from './autograd/grad-mode.js';
export { observeOperations, type TraceObserver } from './autograd/trace-observer.js';
export { grad, type GradOptions } from './autograd/backward.js';
// torch.autograd.Function: custom differentiable operations
export {
  defineFunction,
  AutogradFunction,
  FunctionContext,
  type FunctionDefinition,
  type CustomFunction,
  type CustomFunctionParams,
  type FunctionGradients,
  type ForwardArguments,
} from './autograd/custom-function.js';
// torch.autograd.functional, exported beside grad
export { jacobian, hessian, type JacobianOptions, type DifferentiableFunction } from './autograd/jacobian.js';
export { vjp, jvp, vhp, hvp, type VectorProductOptions } from './autograd/vector-products.js';
export type { TensorOrTensors } from './autograd/functional-arguments.js';
export type { BackwardOptions } from './autograd/engine.js';
export type { Node, GradientHook } from './autograd/node.js';
export type { Primitive, PrimitiveParams, Rule, RuleTable } from './autograd/primitives.js';
export { manualSeed, getRngState, setRngState, reserveRandom, type GeneratorState } from './random/generator.js';
export { philoxUniform, philoxBlock } from './random/philox.js';

export {
  tensor,
  full,
  zeros,
  ones,
  empty,
  zerosLike,
  onesLike,
  emptyLike,
  fullLike,
  arange,
  linspace,
  eye,
  type CreationOptions,
  type ShapeArguments,
} from './ops/creation.js';
export {
  rand,
  randn,
  randint,
  randperm,
  normal,
  uniform,
  bernoulli,
  scaledBernoulli,
  type RandomOptions,
  type RandomShapeArguments,
} from './ops/random.js';
export { type RandomGenerator } from './random/generator.js';
export { resolveDType } from './core/dtype.js';
export { checkIndexBounds } from './ops/index-bounds.js';
export { randLike, randnLike } from './ops/like-random.js';
export { multinomial, type MultinomialOptions } from './ops/multinomial.js';
export { recurrence, recurrenceComposite, type RecurrenceInput, type RecurrenceResult, type RecurrenceMode } from './ops/recurrence.js';
export { rnnGates, lstmGates, gruGates } from './ops/recurrence-gates.js';
// the fused recurrence's layout, which every backend implementing `fused.recurrence` shares
export { recurrenceGateCount, recurrenceWorkspace, recurrenceStateRows } from './ops/recurrence-layout.js';
export {
  neg,
  abs,
  sign,
  exp,
  log,
  log1p,
  expm1,
  sqrt,
  rsqrt,
  square,
  reciprocal,
  sin,
  cos,
  tanh,
  erf,
  tan,
  asin,
  acos,
  atan,
  sinh,
  cosh,
  asinh,
  acosh,
  atanh,
  log2,
  log10,
  exp2,
  atan2,
  floor,
  ceil,
  isnan,
  isfinite,
  add,
  sub,
  mul,
  pow,
  maximum,
  minimum,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  logicalAnd,
  logicalOr,
  logicalNot,
  where,
  clamp,
  type AlphaOptions,
} from './ops/elementwise.js';
export { sigmoid, relu, leakyRelu, elu, gelu, silu, softplus } from './ops/activation.js';
export {
  sum,
  mean,
  prod,
  amax,
  amin,
  argmax,
  argmin,
  max,
  min,
  variance as var,
  std,
  logsumexp,
  cumsum,
  type VarianceOptions,
  type VarianceKeywords,
} from './ops/reduce.js';
export { norm, type NormOptions } from './ops/tensor-norm.js';
export type {
  Dims,
  ReductionOptions,
  DimReductionOptions,
  KeepdimOptions,
  DimOptions,
  DtypeOptions,
  TypedReductionOptions,
  TypedKeepdimOptions,
  TypedDimOptions,
} from './core/dim-arguments.js';
export { softmax, logSoftmax, type SoftmaxOptions } from './ops/log-softmax.js';
export {
  view,
  contiguous,
  clone,
  select,
  flip,
  unsqueeze,
  flatten,
  type FlattenOptions,
} from './ops/views.js';
export { reshape, permute, transpose, expand, slice, narrow, squeeze, unflatten } from './ops/own-views.js';
export { cat, stack, split, chunk, unbind, pad, repeat, type PadOptions, type PaddingMode } from './ops/join.js';
export { nansum, nanmean } from './ops/nan-reductions.js';
export { meshgrid, cartesianProd, type MeshgridOptions } from './ops/grids.js';
export { searchsorted, bucketize, type SearchOptions, type SearchSortedOptions } from './ops/search.js';
export { cdist, type CdistOptions } from './ops/distances.js';
export { kthvalue } from './ops/kthvalue.js';
export { cumprod } from './ops/cumulative-product.js';
export { cummax, cummin } from './ops/cumulative-extremum.js';
export { logcumsumexp } from './ops/log-cumulative-sum-exp.js';
export { trunc, fix, frac, fmod, remainder } from './ops/truncation.js';
export { signbit, copysign, heaviside } from './ops/sign-bits.js';
export { hypot } from './ops/hypot.js';
export { logaddexp, logaddexp2 } from './ops/log-add-exp.js';
export { xlogy } from './ops/xlogy.js';
export { logit, type LogitOptions } from './ops/logit.js';
export { sinc } from './ops/sinc.js';
export { nanToNum, type NanToNumOptions } from './ops/nan-to-num.js';
export { deg2rad, rad2deg } from './ops/angle-conversion.js';
export { lgamma, digamma } from './ops/gamma-functions.js';
export { erfc, erfinv } from './ops/error-functions.js';
export { special } from './ops/special-namespace.js';
// torch.round(x, decimals=d): round half to even, to d places if given
export { roundDecimals as round, type RoundOptions } from './ops/round-decimals.js';
// creation, window functions, special functions and samplers of torch 1.13 (test/creation-and-special*.test.ts)
export { logspace, type LogspaceOptions } from './ops/logspace.js';
export {
  hannWindow,
  hammingWindow,
  blackmanWindow,
  bartlettWindow,
  kaiserWindow,
  type WindowOptions,
  type HammingWindowOptions,
  type KaiserWindowOptions,
} from './ops/spectral-windows.js';
// torch.stft and torch.istft of real signals, in torch's real form [..., freq, frames, 2] (test/stft*.test.ts)
export { stft, type StftOptions } from './ops/stft.js';
export { istft, type IstftOptions } from './ops/istft.js';
export type { SpectralFrameOptions } from './ops/spectral-arguments.js';
export type { SpectralPadMode } from './ops/spectral-padding.js';
export { i0 } from './ops/bessel-functions.js';
export { polygamma } from './ops/polygamma.js';
export { mvlgamma } from './ops/multivariate-gamma.js';
export { nanmedian } from './ops/nanmedian.js';
export { randintLike } from './ops/randint-like.js';
export { poisson, poissonAsync, type PoissonOptions } from './ops/poisson.js';
export { binomial, binomialAsync, type BinomialOptions } from './ops/binomial.js';
export { standardGamma, standardGammaGrad, type StandardGammaOptions } from './ops/standard-gamma.js';
export { initialSeed, seed } from './random/seeding.js';
export { setGradEnabled, inferenceMode } from './autograd/grad-mode-setting.js';
export { pdist, type PdistOptions } from './ops/condensed-distances.js';
export { gather, scatter, scatterAdd, indexSelect, maskedFill, oneHot } from './ops/indexing.js';
export { matmul, bmm, mm, dot, outer } from './ops/linalg.js';
export { linear } from './ops/linear.js';
export { linalg } from './ops/linalg-namespace.js';
export { inv as inverse } from './ops/inverse.js';
export { det, slogdet, logdet, type SignAndLogAbsDet } from './ops/determinant.js';
export { matrixPower } from './ops/matrix-power.js';
export type { SolveOptions } from './ops/solve.js';
// torch.lu_unpack is top-level; the rest of LU (linalg.luFactor, lu, luSolve) is in the namespace
export {
  luUnpack,
  type LuOptions,
  type LuSolveOptions,
  type LuUnpackOptions,
  type LuFactorization,
  type LuFactorizationWithInfo,
  type LuDecomposition,
} from './ops/lu-factorization.js';
export type { SolveTriangularOptions } from './ops/triangular-solve.js';
export type { CondOptions } from './ops/condition-number.js';
export type { TensorinvOptions, TensorsolveOptions } from './ops/tensor-inverse.js';
export type { LinalgVanderOptions } from './ops/linalg-vandermonde.js';
export type {
  InverseExOptions,
  CholeskyExOptions,
  SolveExOptions,
  InverseWithInfo,
  CholeskyWithInfo,
  SolutionWithInfo,
} from './ops/linalg-ex.js';
// torch.cholesky as well as linalg.cholesky: the namespace's type names the function, so it is public
export { cholesky, type CholeskyOptions } from './ops/cholesky.js';
// torch.qr and torch.pinverse as well as linalg.qr and linalg.pinv; not torch.svd (it returns V, not Vh)
export { qr, type Qr, type QrOptions } from './ops/qr.js';
export type { Eigh, EighOptions } from './ops/symmetric-eigen.js';
export type { Svd, SvdOptions } from './ops/singular-values.js';
export type { VectorNormOptions } from './ops/vector-norm.js';
export type { MatrixNormOptions, MatrixNormOrd } from './ops/matrix-norm.js';
export type { LinalgNormOptions } from './ops/linalg-norm.js';
export { pinverse, type ToleranceOptions } from './ops/least-squares.js';
export type { LeastSquares, LeastSquaresDriver, LeastSquaresOptions } from './ops/lstsq.js';
export { sort, argsort, topk, type SortResult, type SortOptions, type TopkOptions } from './ops/sort.js';
export { valuesAndIndices, type ValuesAndIndices } from './core/values-and-indices.js';
export { any, all } from './ops/any-all.js';
export { tril, triu } from './ops/triangular.js';
export { einsum } from './ops/einsum.js';
export { nonzero, nonzeroAsync } from './ops/nonzero.js';
export { maskedSelect, maskedSelectAsync } from './ops/masked-select.js';
export {
  roll,
  tile,
  repeatInterleave,
  movedim,
  movedim as moveaxis,
  swapaxes,
  swapaxes as swapdims,
  broadcastTo,
} from './ops/rearrangement.js';
export { lerp } from './ops/lerp.js';
export { isclose } from './ops/isclose.js';
export { median } from './ops/median.js';
export { bincount, type UniqueOptions } from './ops/counting.js';
// indexing, rearranging and reduction ops of torch 1.13 (test/indexing-and-reductions.test.ts)
export { indexAdd, indexCopy, indexFill, type IndexAddOptions } from './ops/index-along-dim.js';
export { scatterReduce, type ScatterReduction, type ScatterReduceOptions } from './ops/scatter-reduce.js';
export { takeAlongDim } from './ops/take-along-dim.js';
export { maskedScatter } from './ops/masked-scatter.js';
export { diff, type DiffOptions } from './ops/difference.js';
export { cross } from './ops/cross-product.js';
export { renorm } from './ops/renorm.js';
export { rot90, type Rot90Options } from './ops/rotation.js';
export { msort } from './ops/msort.js';
export { aminmax, type AminmaxOptions, type MinAndMax } from './ops/minimum-and-maximum.js';
export { countNonzero } from './ops/count-nonzero.js';
export { varMean, stdMean, type StatisticAndMean } from './ops/variance-and-mean.js';
export { quantile, nanquantile, type QuantileOptions, type QuantileInterpolation } from './ops/quantile.js';
export { mode } from './ops/mode.js';
export { triuIndices, trilIndices, type TriangleIndicesOptions } from './ops/triangle-indices.js';
export { combinations, type CombinationsOptions } from './ops/combinations.js';
export { argwhere, argwhereAsync } from './ops/argwhere.js';
export {
  uniqueConsecutive,
  uniqueConsecutiveAsync,
  type UniqueConsecutiveOptions,
} from './ops/unique-consecutive.js';
export { diag, trace } from './ops/diagonal.js';
export { diagEmbed, type DiagEmbedOptions } from './ops/diagonal-embed.js';
export { tensordot, type TensordotDims, type TensordotOptions } from './ops/tensordot.js';
export { kron } from './ops/kron.js';
// shape helpers of torch 1.13 (test/shape-helpers*.test.ts)
export { atleast1d, atleast2d, atleast3d } from './ops/at-least-dims.js';
export { hstack, vstack, rowStack, dstack, columnStack } from './ops/stacking.js';
export { tensorSplit, hsplit, vsplit, dsplit, type SectionsOrIndices } from './ops/split-sections.js';
export { broadcastTensors } from './ops/broadcast-tensors.js';
export { fliplr, flipud } from './ops/flip-sides.js';
export { getDefaultDtype, setDefaultDtype, type DefaultDType } from './core/default-dtype.js';
export { finfo, iinfo, type FloatInfo, type IntegerInfo } from './core/type-info.js';
export { viewPositions } from './autograd/in-place-history.js';
export { svd, type LegacySvd, type LegacySvdOptions } from './ops/legacy-svd.js';
export {
  triangularSolve,
  lu,
  luSolve,
  type TriangularSolveOptions,
  type TriangularSolution,
  type LegacyLuOptions,
} from './ops/legacy-linalg.js';
export { at, type TensorIndex } from './ops/item-indexing.js';
export { bitwiseAnd, bitwiseOr, bitwiseXor, bitwiseNot, bitwiseLeftShift, bitwiseRightShift } from './ops/bitwise.js';
export { fillDiagonal, type FillDiagonalOptions } from './ops/fill-diagonal.js';
export { narrowCopy } from './ops/narrow-copy.js';
export { ravel, take, put, type PutOptions } from './ops/flat-index.js';
export { diagflat } from './ops/diagonal-flat.js';
export { diagonal, type DiagonalOptions, type DiagonalArguments } from './ops/matrix-diagonals.js';
export {
  sliceScatter,
  selectScatter,
  diagonalScatter,
  type SliceScatterOptions,
  type SliceScatterArguments,
  type DiagonalScatterOptions,
  type DiagonalScatterArguments,
} from './ops/scatter-views.js';
export type { TensorData } from './ops/new-tensors.js';
export { blockDiag } from './ops/block-diagonal.js';
export { histc, type HistcOptions } from './ops/histogram.js';
export { histogram, type HistogramOptions } from './ops/histogram-with-edges.js';
export { gradient, type GradientOptions } from './ops/numerical-gradient.js';
export { igamma, igammac } from './ops/incomplete-gamma.js';
export { indexPut, indexPutAsync, type IndexPutOptions } from './ops/index-put.js';
export { indexReduce, type IndexReduction, type IndexReduceOptions } from './ops/index-reduce.js';
export { cov, corrcoef, type CovOptions } from './ops/covariance.js';
export { vander, type VanderOptions } from './ops/vandermonde.js';
// torch's "add + product" functions and related products (test/fused-products*.test.ts)
export { addmm, addmv, addr, addbmm, baddbmm } from './ops/add-matrix-products.js';
export type { BetaAlphaOptions } from './ops/scaled-sum.js';
export { addcmul, addcdiv, type PointwiseValueOptions } from './ops/add-pointwise-products.js';
export { mv, ger, inner, vdot, chainMatmul } from './ops/vector-products.js';
export { dist, type DistOptions } from './ops/dist.js';
export { trapezoid, trapezoid as trapz, cumulativeTrapezoid, type TrapezoidOptions } from './ops/trapezoid.js';
export { choleskySolve, choleskyInverse, type CholeskyFactorOptions } from './ops/cholesky-solve.js';
export { conv1d, conv2d, convTranspose1d, convTranspose2d, type Conv2dOptions } from './ops/convolution.js';
export { maxPool2d, avgPool2d, adaptiveAvgPool2d, type PoolOptions } from './ops/pooling.js';
export { unfold, fold, type Pair } from './ops/window.js';
export { castTo as cast, toDevice, toDeviceAsync } from './ops/convert.js';
export { adamStep } from './ops/adam-step.js';
export { nllLossUnweighted } from './ops/nll-loss.js';
// torch's second names and predicates (test/pytorch-aliases-and-predicates.test.ts)
export {
  absolute,
  arccos,
  arccosh,
  arcsin,
  arcsinh,
  arctan,
  arctanh,
  arctan2,
  negative,
  positive,
  subtract,
  multiply,
  trueDivide,
  greater,
  greaterEqual,
  less,
  lessEqual,
  notEqual,
  clip,
  clampMin,
  clampMax,
  sgn,
} from './ops/aliases.js';
export { floorDivide, divide, divide as div, type DivideOptions, type RoundingMode } from './ops/floor-division.js';
export { isinf, isposinf, isneginf, isreal } from './ops/infinity-predicates.js';
export { isin, type IsinOptions } from './ops/isin.js';
export { fmax, fmin } from './ops/nan-ignoring-extremum.js';
export { floatPower } from './ops/float-power.js';
export { gcd, lcm } from './ops/greatest-common-divisor.js';
export { ldexp, frexp, type MantissaAndExponent } from './ops/binary-exponent.js';
export { nextafter } from './ops/next-after.js';
export { logicalXor } from './ops/logical-xor.js';
export { equal, equalAsync, allclose, allcloseAsync, type AllcloseOptions } from './ops/tensor-equality.js';
export { isFloatingPoint, isComplex, isSigned, resultType, canCast } from './ops/dtype-queries.js';
export { numel, isSameSize, isNonzero, isNonzeroAsync } from './ops/tensor-queries.js';
// torch names still missing, and methods of existing functions (test/methods-and-aliases-two.test.ts)
export { concat, concatenate, splitWithSizes } from './ops/join-aliases.js';
export { t, adjoint } from './ops/matrix-transpose-functions.js';
export { detach } from './ops/detach.js';
export { fill } from './ops/fill.js';
export { rsub } from './ops/reverse-subtract.js';
export {
  scalarTensor,
  asTensor,
  asarray,
  type AsTensorOptions,
  type AsarrayOptions,
  type ScalarTensorOptions,
} from './ops/as-tensor.js';
export { angle } from './ops/angle.js';
export { matrixExp } from './ops/matrix-exponential.js';
// torch.unique, with or without its dim keyword
export { uniqueWithDim as unique, type UniqueDimOptions } from './ops/unique-along-dim.js';
// torch.distributions as one namespace (distributions.Normal, distributions.klDivergence, ...)
export {
  distributions,
  type Distribution,
  type DistributionOptions,
  type ProbabilitiesOrLogits,
  type MultivariateNormalParameters,
  type Constraint,
  type Transform,
  type TransformOptions,
  type AffineTransformOptions,
} from './distributions/index.js';
