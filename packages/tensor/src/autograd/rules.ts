import type { Tensor } from '../core/tensor.js';
import { isFloating } from '../core/dtype.js';
import { castTo } from '../ops/convert.js';
import { zeros } from '../ops/creation.js';
import { add, cos, div, eq, exp, ge, gt, log, logicalAnd, lt, mul, neg, sign, sin, sub, where } from '../ops/elementwise.js';
import { gather, scatter, scatterAdd } from '../ops/indexing.js';
import { diagonalScatter } from '../ops/scatter-views.js';
import { slidingWindowsGradient } from '../ops/sliding-windows.js';
import { copySlicesGradients, viewOfBaseGradient } from './copy-slices-gradients.js';
import { maxPoolGradient } from '../ops/max-pool-gradient.js';
import { cat } from '../ops/join.js';
import { batchedMatmul } from '../ops/linalg.js';
import { cumsum, prod, reducedShape, sum } from '../ops/reduce.js';
import { applySlice, expand, flipView, permute, reshape, slice, sliceScatter, transpose } from '../ops/views.js';
import { foldPrimitive, unfoldPrimitive } from '../ops/window.js';
import { conv2dInputGradient, conv2dPrimitive, conv2dWeightGradient } from '../ops/convolution-primitives.js';
import { logSoftmaxGradient } from '../ops/log-softmax.js';
import { nllLossGradient } from '../ops/nll-loss.js';
import { reluGradient } from '../ops/relu-gradient.js';
import { recurrenceGradients } from '../ops/recurrence.js';
import { scalarTensor } from '../ops/scalar.js';
import { mathRules } from './math-rules.js';
import { isGradEnabled } from './grad-mode.js';
import { cumprod } from '../ops/cumulative-product.js';
import { ones } from '../ops/creation.js';
import { customFunctionBackward } from './custom-function-rule.js';
import type { RuleTable } from './primitives.js';

// Each rule maps the output gradient g to input gradients using differentiable ops only, so the
// gradient of a gradient is just another backward pass (createGraph).

const zerosLikeGradient = (g: Tensor) => zeros(g.shape, { dtype: g.dtype, device: g.device });
const none = { saves: [], backward: (g: Tensor) => [zerosLikeGradient(g)] };
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

export const rules: RuleTable = {
  ...mathRules,
  neg: { saves: [], backward: (g) => [neg(g)] },
  // d|x| = sign(x) dx
  abs: { saves: [0], backward: (g, { inputs: [x] }) => [mul(g, sign(x!))] },
  sign: none,
  floor: none,
  ceil: none,
  round: none,
  // d eˣ = eˣ dx
  exp: { saves: ['output'], backward: (g, { output }) => [mul(g, output!)] },
  // d ln x = dx / x
  log: { saves: [0], backward: (g, { inputs: [x] }) => [div(g, x!)] },
  // d √x = dx / (2√x)
  sqrt: { saves: ['output'], backward: (g, { output }) => [div(g, mul(output!, 2))] },
  sin: { saves: [0], backward: (g, { inputs: [x] }) => [mul(g, cos(x!))] },
  cos: { saves: [0], backward: (g, { inputs: [x] }) => [neg(mul(g, sin(x!)))] },
  // d tanh x = (1 − tanh²x) dx
  tanh: { saves: ['output'], backward: (g, { output }) => [mul(g, sub(1, mul(output!, output!)))] },
  // d erf x = 2/√π e^{−x²} dx
  erf: { saves: [0], backward: (g, { inputs: [x] }) => [mul(g, mul(exp(neg(mul(x!, x!))), TWO_OVER_SQRT_PI))] },
  log1p: { saves: [0], backward: (g, { inputs: [x] }) => [div(g, add(x!, 1))] },
  // d relu(x) = [relu(x) > 0] dx: 0 at the kink; a NaN output passes dx on, as torch's threshold_backward
  relu: { saves: ['output'], backward: (g, { output }) => [reluGradient(g, output!)] },
  // linear in g with a piecewise-constant mask: d reluGradient(g, y) = reluGradient(dg, y), and 0 for y
  // (torch's threshold_backward: y is an input of the gradient, with a zero derivative)
  reluGradient: {
    saves: [1],
    backward: (g, { inputs: [, output], needsGradient }) => [
      needsGradient[0] ? reluGradient(g, output!) : null,
      needsGradient[1] ? zerosLikeGradient(g) : null,
    ],
  },
  // y = x − lse(x): dx = g − softmax(x)·Σg = g − e^y·Σg along the axis (one kernel on the fused path)
  logSoftmax: { saves: ['output'], backward: (g, { output, params }) => [logSoftmaxGradient(g, output!, params.axis)] },
  // r = g − e^y·S(g), S the sum along the axis broadcast back: for an incoming u,
  // ∂/∂g = u − S(u ⊙ e^y) (the adjoint of g ↦ e^y·S(g) is u ↦ S(u ⊙ e^y)), ∂/∂y = −u ⊙ e^y ⊙ S(g)
  logSoftmaxGradient: {
    saves: [0, 1],
    backward: (u, { inputs: [g, output], params: { axis }, needsGradient }) => {
      const probabilities = exp(output!);
      return [
        needsGradient[0] ? sub(u, sum(mul(u, probabilities), axis, true)) : null,
        needsGradient[1] ? neg(mul(mul(u, probabilities), sum(g!, axis, true))) : null,
      ];
    },
  },
  // ℓ = −Σᵢ x[i, yᵢ] (÷ N): dℓ/dx[i, yᵢ] = −1 (÷ N), nothing for the integer target
  nllLoss: {
    saves: [1],
    backward: (g, { inputs: [, target], inputShapes: [shape], params, needsGradient }) => [
      needsGradient[0] ? nllLossGradient(g, target!, shape!, params.reduction) : null,
      null,
    ],
  },
  // d (eˣ − 1) = eˣ dx = (out + 1) dx
  expm1: { saves: ['output'], backward: (g, { output }) => [mul(g, add(output!, 1))] },

  add: { saves: [], backward: (g) => [g, g] },
  sub: { saves: [], backward: (g, { needsGradient }) => [g, needsGradient[1] ? neg(g) : null] },
  mul: {
    saves: [0, 1],
    backward: (g, { inputs: [a, b], needsGradient }) => [needsGradient[0] ? mul(g, b!) : null, needsGradient[1] ? mul(g, a!) : null],
  },
  // d(a/b) = da/b − a·db/b²
  div: {
    saves: [0, 1],
    backward: (g, { inputs: [a, b], needsGradient }) => [
      needsGradient[0] ? div(g, b!) : null,
      needsGradient[1] ? neg(div(mul(g, a!), mul(b!, b!))) : null,
    ],
  },
  // d aᵇ = b·aᵇ⁻¹ da + aᵇ ln a db; torch zeroes the first where b = 0 and the second where a = 0 ≤ b
  pow: {
    saves: [0, 1],
    backward: (g, { inputs: [a, b], needsGradient }) => [
      needsGradient[0] ? powerBaseGradient(g, a!, b!) : null,
      needsGradient[1] ? where(logicalAnd(eq(a!, 0), ge(b!, 0)), 0, mul(g, mul(a!.pow(b!), log(a!)))) : null,
    ],
  },
  // ties split the gradient in half, as torch.maximum
  maximum: { saves: [0, 1], backward: (g, { inputs: [a, b] }) => splitBetween(g, gt(a!, b!), lt(a!, b!)) },
  minimum: { saves: [0, 1], backward: (g, { inputs: [a, b] }) => splitBetween(g, lt(a!, b!), gt(a!, b!)) },
  where: {
    saves: [0],
    // a branch without a gradient (ReLU's constant 0) costs no select
    backward: (g, { inputs: [condition], needsGradient }) => [
      null,
      needsGradient[1] ? where(condition!, g, 0) : null,
      needsGradient[2] ? where(condition!, 0, g) : null,
    ],
  },
  cast: {
    saves: [],
    backward: (g, { inputDtypes: [dtype] }) => [isFloating(dtype!) ? castTo(g, dtype!) : null],
  },

  // the gradient of a sum is g broadcast back over the reduced axes
  sum: {
    saves: [],
    backward: (g, { params, inputShapes: [shape] }) => [expand(reshape(g, reducedShape(shape!, params.axes, true)), [...shape!])],
  },
  // ∂(Π x)/∂xᵢ = Π_{j≠i} xⱼ: Π x / xᵢ where xᵢ ≠ 0; at a zero, the product of the other entries,
  // which is nonzero only for the only zero of its slice (torch's prod_backward; Π x / 0 would be NaN)
  prod: {
    saves: [0, 'output'],
    backward: (g, { params, inputs: [x], output, inputShapes: [shape] }) => {
      const kept = reducedShape(shape!, params.axes, true);
      // with createGraph the partials must be differentiable again: the quotient form is a constant 0
      // in a slice with two or more zeros, where Π_{j≠i,k} xⱼ need not be
      if (isGradEnabled() && x!.numel() > 0) return [mul(expand(reshape(g, kept), [...shape!]), productsOfOthers(x!, params.axes))];
      const isZero = eq(x!, 0);
      const nonzero = where(isZero, 1, x!);
      const productOfNonzero = params.axes.reduce((product, axis) => prod(product, axis, true), nonzero);
      const atZero = where(eq(sum(isZero, params.axes, true), 1), productOfNonzero, 0);
      const partial = where(isZero, atZero, div(reshape(output!, kept), nonzero));
      return [mul(expand(reshape(g, kept), [...shape!]), partial)];
    },
  },
  // the adjoint of a prefix sum is a suffix sum
  cumsum: { saves: [], backward: (g, { params }) => [flipView(cumsum(flipView(g, params.axis), params.axis), params.axis)] },
  // C = A·B: dA = dC·Bᵀ, dB = Aᵀ·dC (transposed views of matrices or batches; the kernel reads them in place)
  matmul: {
    saves: [0, 1],
    backward: (g, { inputs: [a, b], needsGradient }) => [
      needsGradient[0] ? wideProduct(g, transpose(b!, -1, -2)) : null,
      needsGradient[1] ? wideProduct(transpose(a!, -1, -2), g) : null,
    ],
  },
  // y = x·Wᵀ + b: dx = g·W, dW = gᵀ·x (W's own layout, no transposed view to transpose back), db = Σ g over the rows
  linear: {
    saves: [0, 1],
    backward: (g, { inputs: [x, w], needsGradient, inputShapes }) => [
      needsGradient[0] ? wideProduct(g, w!) : null,
      needsGradient[1] ? wideProduct(transpose(g, 0, 1), x!) : null,
      ...(inputShapes.length > 2 ? [needsGradient[2] ? sum(g, [0]) : null] : []),
    ],
  },
  // unfold and fold are adjoint linear maps
  unfold: { saves: [], backward: (g, { params }) => [foldPrimitive(g, params.geometry)] },
  fold: { saves: [], backward: (g, { params }) => [unfoldPrimitive(g, { ...params.geometry, padValue: 0 })] },
  // y = conv2d(x, w) + b: dx = inputGradient(g, w), dw = weightGradient(x, g), db = Σ g over N, OH, OW
  conv2d: {
    saves: [0, 1],
    backward: (g, { params, inputs: [x, w], needsGradient, inputShapes }) => [
      needsGradient[0] ? conv2dInputGradient(g, w!, params.geometry) : null,
      needsGradient[1] ? conv2dWeightGradient(x!, g, params.geometry, inputShapes[1]!) : null,
      ...(inputShapes.length > 2 ? [needsGradient[2] ? sum(g, [0, 2, 3]) : null] : []),
    ],
  },
  // z = inputGradient(g, w) is linear in each: ⟨z, h⟩ = ⟨g, conv2d(h, w)⟩ = ⟨weightGradient(h, g), w⟩
  conv2dInputGradient: {
    saves: [0, 1],
    backward: (h, { params, inputs: [g, w], needsGradient, inputShapes }) => [
      needsGradient[0] ? conv2dPrimitive(h, w!, null, params.geometry) : null,
      needsGradient[1] ? conv2dWeightGradient(h, g!, params.geometry, inputShapes[1]!) : null,
    ],
  },
  // z = weightGradient(x, g): ⟨z, h⟩ = ⟨g, conv2d(x, h)⟩ = ⟨x, inputGradient(g, h)⟩
  conv2dWeightGradient: {
    saves: [0, 1],
    backward: (h, { params, inputs: [x, g], needsGradient }) => [
      needsGradient[0] ? conv2dInputGradient(g!, h, params.geometry) : null,
      needsGradient[1] ? conv2dPrimitive(x!, h, null, params.geometry) : null,
    ],
  },
  gather: {
    saves: [1],
    // scatter-add into a broadcast 0: the output's first pass fills it (zeros() would fill a buffer, then copy it)
    backward: (g, { params, inputs: [, index], inputShapes: [shape] }) => [
      params.windows
        ? maxPoolGradient(g, index!, params.windows, shape!)
        : scatterAdd(expand(scalarTensor(0, g.dtype, g.device), [...shape!]), params.axis, index!, g),
      null,
    ],
  },
  scatter: {
    saves: [1],
    backward: (g, { params, inputs: [, index] }) => [scatter(g, params.axis, index!, 0), null, gather(g, params.axis, index!)],
  },
  scatterAdd: {
    saves: [1],
    backward: (g, { params, inputs: [, index] }) => [g, null, gather(g, params.axis, index!)],
  },

  reshape: { saves: [], backward: (g, { inputShapes: [shape] }) => [reshape(g, shape!)] },
  permute: {
    saves: [],
    backward: (g, { params }) => [
      permute(
        g,
        params.order.map((_, axis) => params.order.indexOf(axis)),
      ),
    ],
  },
  // broadcasting copies values, so the gradient sums over the broadcast axes
  expand: {
    saves: [],
    backward: (g, { params, inputShapes: [shape] }) => {
      const lead = params.shape.length - shape!.length;
      const axes = params.shape
        .map((extent, axis) => axis)
        .filter((axis) => axis < lead || (shape![axis - lead] === 1 && params.shape[axis] !== 1));
      return [reshape(axes.length > 0 ? sum(g, axes, true) : g, shape!)];
    },
  },
  slice: {
    saves: [],
    backward: (g, { params, inputShapes: [shape] }) => [sliceScatter(zeros(shape!, { dtype: g.dtype, device: g.device }), g, params)],
  },
  // the diagonal's gradient written onto its positions in a zero matrix
  diagonal: {
    saves: [],
    backward: (g, { params, inputShapes: [shape] }) => [
      diagonalScatter(zeros(shape!, { dtype: g.dtype, device: g.device }), g, params.offset, params.rowsDim, params.columnsDim),
    ],
  },
  slidingWindows: { saves: [], backward: (g, { params, inputShapes: [shape] }) => [slidingWindowsGradient(g, shape!, params)] },
  // an in-place write: the old history's gradient is zero where the write landed, the written view's
  // is the gradient there (a gather and a scatter over the flattened tensor, differentiable again)
  copySlices: { saves: [], backward: copySlicesGradients },
  // a view read from its base's current history: the gradient added back at the view's positions
  viewOfBase: { saves: [], backward: viewOfBaseGradient },
  contiguous: { saves: [], backward: (g) => [g] },
  // the fused kernel's backward, or (with createGraph) the composite's differentiable gradients
  recurrence: { saves: [0, 1, 2, 3, 4, 5, 'output'], backward: recurrenceGradients },
  cat: {
    saves: [],
    backward: (g, { params, inputShapes }) => {
      let start = 0;
      return inputShapes.map((shape) => {
        const part = slice(g, params.axis, start, start + shape[params.axis]!);
        start += shape[params.axis]!;
        return part;
      });
    },
  },
  // the user's backward; what it needs, its forward saved (the node's saved inputs)
  customFunction: { saves: [], backward: customFunctionBackward },
  sliceScatter: {
    saves: [],
    backward: (g, { params, inputShapes: [, sourceShape] }) => [
      sliceScatter(g, zeros(sourceShape!, { dtype: g.dtype, device: g.device }), params),
      applySlice(g, params),
    ],
  },
};

/** Multiply-adds below which a product's orientation does not change its speed (≈ 20 µs of sgemm). */
const SMALL_PRODUCT = 1 << 20;

/**
 * x·y, computed as (yᵀ·xᵀ)ᵀ — a transposed view of the product — when that product is wider than
 * tall: the CPU's sgemm runs tall, narrow products well below its peak (Linear(9216, 128)'s weight
 * gradient, 9216 × 128 with depth 64: 7.7 ms, against 5.3 ms for the 128 × 9216 form). The same
 * dot products are summed in the same order either way; Linear's weight gradient then arrives
 * contiguous instead of transposed. Below SMALL_PRODUCT multiply-adds the speed is the same either
 * way and the plain form is kept: a transposed input gradient (the moons MLP's [800, 16] through
 * Linear(16, 2)) made the next op copy it back (ReLU's gradient reads contiguous views).
 */
function wideProduct(x: Tensor, y: Tensor): Tensor {
  const rows = x.shape[x.ndim - 2]!;
  const columns = y.shape[y.ndim - 1]!;
  if (rows <= columns || rows * columns * x.shape[x.ndim - 1]! < SMALL_PRODUCT) return batchedMatmul(x, y);
  return transpose(batchedMatmul(transpose(y, -1, -2), transpose(x, -1, -2)), -1, -2);
}

/**
 * Π_{j≠i} xⱼ over each slice of `axes`, as the product of the entries before i and of those after it
 * (torch's prod_safe_zeros_backward): no division, so exact, and differentiable again, where the
 * slice holds zeros. The reduced axes are moved last and flattened into one, scanned both ways.
 */
function productsOfOthers(x: Tensor, axes: readonly number[]): Tensor {
  const keptAxes = x.shape.map((_, axis) => axis).filter((axis) => !axes.includes(axis));
  const order = [...keptAxes, ...axes];
  const moved = permute(x, order);
  const length = axes.reduce((count, axis) => count * x.shape[axis]!, 1);
  const flat = reshape(moved, [...keptAxes.map((axis) => x.shape[axis]!), length]);
  const last = flat.ndim - 1;
  const one = ones([...flat.shape.slice(0, last), 1], { dtype: x.dtype, device: x.device });
  // before[i] = x₀⋯x_{i−1}, after[i] = x_{i+1}⋯x_{n−1} (empty products are 1)
  const before = cumprod(cat([one, slice(flat, last, 0, length - 1)], last), last);
  const after = flipView(cumprod(flipView(cat([slice(flat, last, 1, length), one], last), last), last), last);
  const others = reshape(mul(before, after), moved.shape);
  return permute(
    others,
    order.map((_, axis) => order.indexOf(axis)),
  );
}

/**
 * g·b·aᵇ⁻¹, and 0 where b = 0 (torch's pow_backward). With createGraph the masked branch is
 * differentiated too, and the select sends it a zero: with aᵇ⁻¹ = a⁻¹ at a = 0 that zero came back as
 * 0·∞ = NaN (x⁰'s second derivative, x¹'s third). There the branch reads a⁰ = 1 instead, which the
 * mask discards all the same.
 */
function powerBaseGradient(g: Tensor, a: Tensor, b: Tensor): Tensor {
  const exponentIsZero = eq(b, 0);
  const exponent = isGradEnabled() ? where(exponentIsZero, 1, b) : b;
  return where(exponentIsZero, 0, mul(g, mul(b, a.pow(sub(exponent, 1)))));
}

/** g to the winner, g/2 to both on a tie. */
function splitBetween(g: Tensor, firstWins: Tensor, secondWins: Tensor): Tensor[] {
  const half = mul(g, 0.5);
  return [where(firstWins, g, where(secondWins, 0, half)), where(secondWins, g, where(firstWins, 0, half))];
}
