import type { CopySlicesParams } from './in-place-history.js';
import type { SlidingWindowParams } from '../ops/sliding-windows.js';
import type { DType } from '../core/dtype.js';
import type { Tensor } from '../core/tensor.js';
import type { RecurrenceGeometry, WindowGeometry } from '../core/backend.js';
import type { CustomFunctionParams } from './custom-function.js';

/**
 * Every differentiable primitive and its parameters. The rule table in rules.ts is typed
 * `{ [P in Primitive]: Rule<P> }`, so adding a primitive here without a rule does not compile.
 * (Comparisons, argmax, random draws produce no gradient and are not listed.)
 */
export interface PrimitiveParams {
  // elementwise unary
  neg: {};
  abs: {};
  sign: {};
  exp: {};
  log: {};
  sqrt: {};
  sin: {};
  cos: {};
  tanh: {};
  erf: {};
  floor: {};
  ceil: {};
  round: {};
  log1p: {};
  expm1: {};
  relu: {};
  // inverse and hyperbolic trigonometry, base-2 and base-10 logarithms, 2ˣ (math-rules.ts)
  tan: {};
  asin: {};
  acos: {};
  atan: {};
  sinh: {};
  cosh: {};
  asinh: {};
  acosh: {};
  atanh: {};
  log2: {};
  log10: {};
  exp2: {};
  // elementwise binary (inputs already broadcast to one shape)
  add: {};
  sub: {};
  mul: {};
  div: {};
  pow: {};
  maximum: {};
  minimum: {};
  atan2: {};
  where: {};
  // relu's backward on a fused kernel: inputs [g, output], out = output > 0 ? g : 0 (ops/relu-gradient.ts)
  reluGradient: {};
  // log-softmax along `axis` on a fused kernel (ops/log-softmax.ts), and its backward: inputs [g, output]
  logSoftmax: { axis: number };
  // the unweighted negative log-likelihood on a fused kernel (ops/nll-loss.ts): inputs [logProbabilities, target]
  nllLoss: { reduction: 'mean' | 'sum' };
  logSoftmaxGradient: { axis: number };
  cast: { dtype: DType };
  // reductions over `axes` (removed from the shape)
  sum: { axes: number[] };
  prod: { axes: number[] };
  cumsum: { axis: number };
  // [B, M, K] · [B, K, N]
  matmul: {};
  // x [N, in] · W [out, in]ᵀ (+ b [out]): torch's addmm path of F.linear (ops/linear.ts); inputs [x, w, b?]
  linear: {};
  unfold: { geometry: WindowGeometry };
  fold: { geometry: WindowGeometry };
  // one-group convolution on fused kernels (ops/convolution-primitives.ts); geometry of the forward input
  conv2d: { geometry: WindowGeometry };
  conv2dInputGradient: { geometry: WindowGeometry };
  conv2dWeightGradient: { geometry: WindowGeometry };
  // one direction of a recurrent layer on a fused kernel (ops/recurrence.ts): inputs [inputGates, h0,
  // c0?, weightHh, biasHh?, workspace], the last written by the forward kernel for the backward one
  recurrence: { geometry: RecurrenceGeometry; hasCell: boolean; hasBias: boolean };
  // `windows`: the gather reads max pooling's chosen cells, so its gradient may take maxPool2dGradient
  gather: { axis: number; windows?: WindowGeometry };
  scatter: { axis: number };
  scatterAdd: { axis: number };
  // views
  reshape: { shape: number[] };
  permute: { order: number[] };
  expand: { shape: number[] };
  slice: SliceParams;
  // diagonal `offset` of the matrices over dims rowsDim × columnsDim, as the last dim
  diagonal: { offset: number; rowsDim: number; columnsDim: number };
  // Tensor.unfold's overlapping windows along `axis`, as a new last dim
  slidingWindows: SlidingWindowParams;
  // an in-place write: the written tensor's old history (input 0) and, for a view's base, the view (input 1)
  copySlices: CopySlicesParams;
  // a view made before an in-place write into its base, read again from the base's new history
  viewOfBase: { positions: Int32Array };
  // copies
  contiguous: {};
  cat: { axis: number };
  sliceScatter: SliceParams;
  // a user's torch.autograd.Function (custom-function.ts): inputs are its tensor arguments, the saved
  // inputs what its forward saved, and the rule calls the user's backward
  customFunction: CustomFunctionParams;
}

/** A strided window: per axis, start index, step (may be negative) and resulting length. */
export interface SliceParams {
  starts: number[];
  steps: number[];
  lengths: number[];
}

export type Primitive = keyof PrimitiveParams;

export interface RuleContext<P extends Primitive> {
  /** Saved input values (only those the rule declares in `saves`). */
  inputs: (Tensor | undefined)[];
  output: Tensor | undefined;
  params: PrimitiveParams[P];
  inputShapes: (readonly number[])[];
  inputDtypes: DType[];
  /** Which inputs need a gradient; a rule may skip work for the others. */
  needsGradient: boolean[];
}

export interface Rule<P extends Primitive> {
  /** Which values the backward needs: input positions and/or 'output'. */
  saves: (number | 'output')[];
  /** Gradients of the inputs from the output gradient, written with differentiable ops. */
  backward(gradient: Tensor, context: RuleContext<P>): (Tensor | null)[];
}

export type RuleTable = { [P in Primitive]: Rule<P> };
