import { describe, expect, it } from 'vitest';
import * as dl from '@dl/tensor';
import { manualSeed, randn, tensor, type Tensor } from '@dl/tensor';
import {
  AdaptiveLogSoftmaxWithLoss,
  BatchNorm1d,
  BatchNorm2d,
  Conv2d,
  F,
  functionalCall,
  fuseConvBnEval,
  init,
  LazyBatchNorm2d,
  LazyConv2d,
  Linear,
  Module,
  parametrize,
  prune,
  Sequential,
  updateBn,
} from '@dl/nn';
import { setupWebGPU } from './webgpu-setup.js';

const info = await setupWebGPU();

// The ops and functions added on 2026-12-05 are composed of @dl/tensor's ops, so they run on any device:
// each here on webgpu against the CPU, forward and gradient (small shapes: software rasterisers are slow).
manualSeed(41);
const image = randn([2, 3, 5, 6]);
const row = randn([3, 8]);
const inProjection = randn([18, 6]).mul(0.4);
const outProjection = randn([6, 6]).mul(0.4);
const labels = tensor(
  [
    [1, 2],
    [3, 0],
    [2, 2],
    [4, 5],
    [0, 0],
  ],
  { dtype: 'int32' },
);
// a rotation, a zoom and a shift that takes some points outside the image: [2, 4, 5, 2]
const samplingGrid = F.affineGrid(
  tensor([
    [
      [0.9, -0.5, 0.2],
      [0.4, 1.1, -0.3],
    ],
    [
      [1.3, 0.2, 0.1],
      [-0.2, 0.7, 0.4],
    ],
  ]),
  [2, 3, 4, 5],
);
const volumeKernel = randn([3, 2, 2, 3, 2]).mul(0.3);
const fourIdentity = dl.eye(5).mul(4);
const scatterIndex = tensor([0, 1, 1, 0], { dtype: 'int32' }).expand(2, 3, 5, 4).contiguous();
const rowIndex = tensor([5, 0, 5], { dtype: 'int32' });
type ReversalContext = dl.FunctionContext & { lambda: number };
const gradientReversal = dl.defineFunction({
  name: 'GradientReversal',
  forward: (context: ReversalContext, x: Tensor, lambda: number) => {
    context.lambda = lambda;
    return x.clone();
  },
  backward: (context: ReversalContext, gradient: Tensor) => [gradient.neg().mul(context.lambda), null],
});
const fractionalSamples = dl.rand([2, 3, 2]);
/** W → triu(W) + triu(W, 1)ᵀ, torch's parametrization tutorial's example. */
class Symmetric extends Module {
  forward(weight: Tensor): Tensor {
    return weight.triu().add(weight.triu(1).transpose(0, 1));
  }
}
const adaptiveTargets = tensor([0, 4, 9, 2, 7, 5, 1, 8, 3, 6], { dtype: 'int32' });
const ignoredKeys = tensor([[false, false, true, false, false, true]], { dtype: 'bool' })
  .expand(5, 6)
  .contiguous();

const cases: Record<string, (x: Tensor, device: 'cpu' | 'webgpu') => Tensor> = {
  'F.pad reflect': (x) => F.pad(x, [2, 1, 1, 2], 'reflect'),
  'F.pad circular': (x) => F.pad(x, [1, 1, 1, 1], 'circular'),
  'F.interpolate bilinear': (x) => F.interpolate(x, { size: [7, 4], mode: 'bilinear' }),
  'F.interpolate nearest': (x) => F.interpolate(x, { scaleFactor: 2 }),
  'F.instanceNorm': (x) => F.instanceNorm(x),
  'F.adaptiveMaxPool2d': (x) => F.adaptiveMaxPool2d(x, [2, 4]),
  'F.maxPool1d': (x) => F.maxPool1d(x.flatten(2), 3, { stride: 2 }),
  'F.pixelShuffle': (x) => F.pixelShuffle(x.narrow(1, 0, 2).repeat(1, 2, 1, 1), 2),
  mish: (x) => F.mish(x),
  hardswish: (x) => F.hardswish(x),
  selu: (x) => F.selu(x),
  'F.normalize': (x) => F.normalize(x),
  roll: (x) => dl.roll(x, [1, -2], [2, 3]),
  repeatInterleave: (x) => dl.repeatInterleave(x, 2, 3),
  lerp: (x) => dl.lerp(x, x.flip([3]), 0.3),
  'median along a dim': (x) => dl.median(x, 3).values,
  // ±1 targets and variances computed on the device: the losses' value checks run on the CPU only
  hingeEmbeddingLoss: (x) => F.hingeEmbeddingLoss(x, x.flip([3]).gt(0).mul(2).sub(1), { reduction: 'none' }),
  cosineEmbeddingLoss: (x) => F.cosineEmbeddingLoss(x.flatten(1), x.flip([0]).flatten(1), x.flatten(1).sum(1).gt(0).mul(2).sub(1)),
  'F.scaledDotProductAttention causal': (x) => F.scaledDotProductAttention(x, x.flip([2]), x, { isCausal: true }),
  // [L 6, N 5, E 6], 2 heads, with key padding: MultiheadAttention's math
  'F.multiHeadAttentionForward': (x, device) =>
    F.multiHeadAttentionForward(x.reshape([6, 5, 6]), x.reshape([6, 5, 6]), x.reshape([6, 5, 6]), {
      embedDimToCheck: 6,
      numHeads: 2,
      inProjWeight: inProjection.to(device),
      outProjWeight: outProjection.to(device),
      keyPaddingMask: ignoredKeys.to(device),
    })[0],
  // [T 6, N 5, C 6]: a repeated label, a target of length 0, shorter inputs
  'F.ctcLoss': (x, device) =>
    F.ctcLoss(x.reshape([6, 5, 6]).logSoftmax(2), labels.to(device), [6, 5, 6, 4, 6], [2, 1, 2, 2, 0], { reduction: 'none' }),
  cdist: (x) => dl.cdist(x.flatten(2), x.flip([2]).flatten(2), { p: 1.5 }),
  cumprod: (x) => dl.cumprod(x.mul(0.5).add(1), 3),
  'kthvalue values': (x) => dl.kthvalue(x, 2, 3).values,
  nansum: (x) => dl.nansum(x, 1),
  gaussianNllLoss: (x) => F.gaussianNllLoss(x, x.flip([3]), x.abs().add(0.1), { reduction: 'none' }),
  // added on 2026-12-06
  logcumsumexp: (x) => dl.logcumsumexp(x.mul(3), 3),
  'cummax values': (x) => dl.cummax(x, 2).values,
  'cummin values': (x) => dl.cummin(x, 3).values,
  pdist: (x) => dl.pdist(x.reshape([6, 30]), 1.5),
  'F.affineGrid (gradient to theta)': (x) => F.affineGrid(x.flatten(1).narrow(1, 0, 6).reshape([2, 2, 3]), [2, 1, 4, 5]),
  'F.gridSample bilinear, zeros': (x, device) => F.gridSample(x, samplingGrid.to(device)),
  'F.gridSample nearest, border': (x, device) => F.gridSample(x, samplingGrid.to(device), { mode: 'nearest', paddingMode: 'border' }),
  'F.gridSample bicubic, reflection, corners aligned': (x, device) =>
    F.gridSample(x, samplingGrid.to(device), { mode: 'bicubic', paddingMode: 'reflection', alignCorners: true }),
  // [1, 2, 3, 5, 6] volumes
  'F.conv3d': (x, device) =>
    F.conv3d(x.reshape([1, 2, 3, 5, 6]), volumeKernel.to(device), null, { padding: [1, 0, 1], dilation: [1, 2, 1] }),
  'F.maxPool3d': (x) => F.maxPool3d(x.reshape([1, 2, 3, 5, 6]), 2, { stride: 1, padding: 1, ceilMode: true }),
  'F.avgPool3d': (x) => F.avgPool3d(x.reshape([1, 2, 3, 5, 6]), [2, 3, 2], { padding: 1, countIncludePad: false }),
  'F.adaptiveAvgPool3d': (x) => F.adaptiveAvgPool3d(x.reshape([1, 2, 3, 5, 6]), [2, 3, 4]),
  // x^1.5 of a negative number is NaN, as in torch: on |x|
  'F.lpPool2d': (x) => F.lpPool2d(x.abs(), 1.5, [2, 3], { stride: 2, ceilMode: true }),
  'F.adaptiveMaxPool3d': (x) => F.adaptiveMaxPool3d(x.reshape([1, 2, 3, 5, 6]), [2, 3, 4]),
  'F.maxUnpool2d': (x) => {
    const [values, indices] = F.maxPool2d(x, 2, { returnIndices: true });
    return F.maxUnpool2d(values, indices, 2, { outputSize: [5, 6] });
  },
  'F.convTranspose3d': (x, device) =>
    F.convTranspose3d(x.reshape([1, 2, 3, 5, 6]), volumeKernel.transpose(0, 1).to(device), null, {
      stride: [2, 1, 2],
      padding: [1, 0, 1],
      outputPadding: [1, 0, 1],
    }),
  // [2, 3, 5, 5] matrices made well conditioned (+4I), or positive definite (M·Mᵀ + I)
  'linalg.inv': (x, device) => dl.linalg.inv(x.narrow(3, 0, 5).add(fourIdentity.to(device))),
  // det ≈ 4⁵: scaled to about 1, as the comparison is absolute
  'linalg.det': (x, device) => dl.linalg.det(x.narrow(3, 0, 5).add(fourIdentity.to(device))).div(1024),
  'linalg.solve': (x, device) => dl.linalg.solve(x.narrow(3, 0, 5).add(fourIdentity.to(device)), x.narrow(3, 4, 2)),
  'linalg.cholesky': (x, device) => {
    const matrices = x.narrow(3, 0, 5);
    return dl.linalg.cholesky(matrices.matmul(matrices.transpose(2, 3)).add(fourIdentity.to(device).div(4)));
  },
  tensordot: (x) =>
    dl.tensordot(x, x.flip([0]), [
      [0, 3],
      [0, 3],
    ]),
  kron: (x) => dl.kron(x.narrow(3, 0, 2), x.narrow(2, 0, 2)),
  diagEmbed: (x) => dl.diagEmbed(x, { offset: 1 }),
  cov: (x) => dl.cov(x.reshape([6, 30])),
  // elementwise math (inputs moved into each function's domain)
  lgamma: (x) => dl.lgamma(x.mul(3)),
  // away from the poles, where the gradient's magnitude would make an absolute comparison meaningless
  digamma: (x) => dl.digamma(x.abs().mul(3).add(0.5)),
  erfc: (x) => dl.erfc(x),
  erfinv: (x) => dl.erfinv(x.tanh().mul(0.9)),
  logaddexp: (x) => dl.logaddexp(x, x.flip([3])),
  hypot: (x) => dl.hypot(x, x.flip([2])),
  xlogy: (x) => dl.xlogy(x, x.abs().add(0.5)),
  sinc: (x) => dl.sinc(x),
  fmod: (x) => dl.fmod(x.mul(3), 1.3),
  // torch.special's elementary functions (zeta's gradient is in q only, as torch's)
  'special.entr, xlog1py, round': (x) =>
    dl.cat([dl.special.entr(x.abs().add(0.1)), dl.special.xlog1py(x, x.abs()), dl.special.round(x, { decimals: 1 })], 3),
  'special.ndtr, ndtri, logNdtr': (x) =>
    dl.cat([dl.special.ndtr(x.mul(2)), dl.special.ndtri(x.sigmoid().mul(0.9).add(0.05)), dl.special.logNdtr(x.mul(2)).div(8)], 3),
  'special.erfcx, zeta': (x) =>
    dl.cat([dl.special.erfcx(x.abs().mul(2).sub(0.5)).div(4), dl.special.zeta(x.detach().abs().add(2), x.abs().add(1))], 3),
  // indexing and reductions
  'scatterReduce amax': (x, device) => dl.scatterReduce(x.narrow(3, 0, 2), 3, scatterIndex.to(device), x.narrow(3, 2, 4), 'amax'),
  indexAdd: (x, device) => dl.indexAdd(x, 3, rowIndex.to(device), x.narrow(3, 0, 3), { alpha: 2 }),
  quantile: (x, device) => dl.quantile(x, tensor([0.1, 0.5, 0.9]).to(device), { dim: 3 }),
  diff: (x) => dl.diff(x, { n: 2, dim: 2 }),
  cross: (x) => dl.cross(x, x.flip([2]), 1),
  rot90: (x) => dl.rot90(x, 1, [2, 3]),
  renorm: (x) => dl.renorm(x, 2, 1, 3),
  // Householder QR in ops: Q·R is sign-free, so the comparison does not depend on the reflections' signs
  'linalg.qr (Q·R)': (x) => {
    const [q, r] = dl.linalg.qr(x.narrow(3, 0, 4));
    return dl.cat([q.matmul(r), r.abs()], 2);
  },
  'linalg.vectorNorm ord 3': (x) => dl.linalg.vectorNorm(x, 3, { dim: [2, 3] }),
  'linalg.matrixNorm ord 1': (x) => dl.linalg.matrixNorm(x, 1),
  'linalg.multiDot': (x) => dl.linalg.multiDot([x.select(0, 0).select(0, 0), x.select(0, 1).select(0, 0).t(), x.select(0, 0).select(0, 1)]),
  // distributions (validation reads a boolean: skipped on a device that reads asynchronously)
  'Normal logProb': (x) => new dl.distributions.Normal(x, x.abs().add(0.5)).logProb(x.flip([3])),
  'Categorical entropy': (x) => new dl.distributions.Categorical({ logits: x }).entropy(),
  'MultivariateNormal logProb': (x, device) =>
    new dl.distributions.MultivariateNormal(x.narrow(3, 0, 5).mean(2), {
      scaleTril: dl.eye(5).mul(1.5).add(dl.eye(5).roll(1, 0).tril(-1).mul(0.3)).to(device),
    }).logProb(x.narrow(3, 1, 5).mean(2)),
  // a custom autograd function whose backward is the user's: the gradient reversed and scaled
  'defineFunction (gradient reversal)': (x) => gradientReversal.apply(x.mul(x), 0.5),
  // added on 2026-12-06, second session: torch's aliases, predicates, shape helpers and products
  'fmax with NaN': (x) => dl.fmax(x.where(x.gt(-0.5), Number.NaN), x.flip([3])),
  'floorDivide and divide (trunc)': (x) => dl.cat([dl.floorDivide(x.mul(5), 1.5), dl.divide(x.mul(5), 1.5, { roundingMode: 'trunc' })], 3),
  'ldexp, frexp mantissa': (x, device) => dl.cat([dl.ldexp(x, tensor([2], { dtype: 'int32' }).to(device)), dl.frexp(x.mul(7)).mantissa], 3),
  'isinf, isin, logicalXor as float': (x, device) =>
    dl
      .cat(
        [
          dl.isinf(x.div(x.abs().sub(0.5).relu())),
          dl.isin(x.mul(2).round(), tensor([1, -1]).to(device)),
          dl.logicalXor(x.gt(0), x.flip([2]).gt(0)),
        ],
        3,
      )
      .float()
      .mul(dl.cat([x, x, x], 3)),
  'hstack, vstack, dstack': (x) =>
    dl.cat([dl.hstack([x, x.flip([1])]).flatten(), dl.vstack([x, x]).flatten(), dl.dstack([x, x.mul(2)]).flatten()]),
  'tensorSplit, take, diagflat': (x, device) =>
    dl.cat([
      dl.tensorSplit(x, [1, 4], 3)[1]!.flatten(),
      dl.take(x, tensor([0, 7, 59, 179], { dtype: 'int32' }).to(device)),
      dl.diagflat(x.select(0, 0).select(0, 0).select(0, 0), 1).flatten(),
    ]),
  'sliceScatter, selectScatter, diagonalScatter': (x) =>
    dl.cat([
      dl.sliceScatter(x, x.narrow(3, 0, 2).mul(3), { dim: 3, start: 1, end: 5, step: 2 }).flatten(),
      dl.selectScatter(x, x.select(2, 0).mul(2), 2, 4).flatten(),
      dl.diagonalScatter(x.narrow(3, 0, 5), dl.diagonal(x.narrow(3, 0, 5), 0, 2, 3).neg(), { dim1: 2, dim2: 3 }).flatten(),
    ]),
  'Tensor.unfold, mT, sumToSize': (x) => dl.cat([x.unfold(3, 3, 2).flatten(), x.mT.flatten(), x.sumToSize(1, 3, 1, 6).flatten()]),
  'addmm, baddbmm, addcdiv': (x) => {
    const matrices = x.select(0, 0);
    return dl.cat([
      dl.addmm(matrices.select(0, 0).narrow(1, 0, 5), matrices.select(0, 1), matrices.select(0, 2).mT, { beta: 0.5, alpha: 2 }).flatten(),
      dl.baddbmm(x.select(0, 1).narrow(2, 0, 5), x.select(0, 0), x.select(0, 1).mT, { beta: 0.3 }).flatten(),
      dl.addcdiv(x, x.flip([3]), x.abs().add(1), { value: -0.5 }).flatten(),
    ]);
  },
  'dist, inner, trapezoid, cumulativeTrapezoid': (x) =>
    dl.cat([
      dl.dist(x, x.flip([2]), 3).reshape([1]),
      dl.inner(x.select(0, 0), x.select(0, 1)).flatten().div(4),
      dl.trapezoid(x, { dx: 0.5, dim: 3 }).flatten(),
      dl.cumulativeTrapezoid(x, { dim: 2 }).flatten(),
    ]),
  // L·Lᵀ = 4I + M·Mᵀ/4 with L from cholesky on the device
  choleskySolve: (x, device) => {
    const matrices = x.narrow(3, 0, 5);
    const factor = dl.linalg.cholesky(matrices.matmul(matrices.transpose(2, 3)).div(4).add(fourIdentity.to(device)));
    return dl.choleskySolve(x.narrow(3, 3, 2), factor);
  },
  'logspace, windows, i0, polygamma, mvlgamma': (x, device) =>
    dl.cat([
      x
        .flatten()
        .narrow(0, 0, 6)
        .mul(dl.logspace(0, 1, 6, { device })),
      x
        .flatten()
        .narrow(0, 0, 7)
        .mul(dl.kaiserWindow(7, { beta: 3, device })),
      dl.i0(x).flatten().div(2),
      dl.polygamma(1, x.abs().add(1)).flatten(),
      dl.mvlgamma(x.abs().add(2), 3).flatten().div(4),
    ]),
  'nanmedian along a dim': (x) => dl.nanmedian(x.where(x.lt(0.8), Number.NaN), 3).values,
  'F.fractionalMaxPool2d': (x, device) => F.fractionalMaxPool2d(x, 2, { outputSize: [3, 4], randomSamples: fractionalSamples.to(device) }),
  // materialised on the device by the first call, with the draws of the CPU's under one seed
  'LazyConv2d then LazyBatchNorm2d': (x, device) => {
    manualSeed(6);
    const model = new Sequential(new LazyConv2d(4, 3, { padding: 1 }), new LazyBatchNorm2d()).to(device);
    return model.call(x);
  },
  // pruned on the device (the mask from |w|'s order there), then the masked forward
  'prune.l1Unstructured then lnStructured (two convolutions)': (x, device) => {
    manualSeed(9);
    const first = prune.l1Unstructured(new Conv2d(3, 4, 3, { padding: 1 }).to(device), 'weight', 0.4);
    const second = prune.lnStructured(new Conv2d(4, 3, 1).to(device), 'weight', 1, 2, 0);
    return second.call(first.call(x));
  },
  'fuseConvBnEval, init.dirac': (x, device) => {
    manualSeed(10);
    const conv = new Conv2d(3, 4, 3, { groups: 1 }).to(device);
    const norm = new BatchNorm2d(4).to(device);
    norm.call(conv.call(x));
    conv.eval();
    norm.eval();
    const passThrough = new Conv2d(3, 3, 3, { padding: 1, bias: false }).to(device);
    init.dirac(passThrough.weight);
    return dl.cat([fuseConvBnEval(conv, norm).call(x).flatten(), passThrough.call(x).flatten()]);
  },
  // numerical functions and index writes composed of ops (int indices: nothing read back)
  'gradient (edge order 2), igamma, igammac': (x) =>
    dl.cat([
      ...dl.gradient(x, { spacing: 0.5, dim: [2, 3], edgeOrder: 2 }).map((part) => part.flatten()),
      dl.igamma(x.abs().add(0.5).detach(), x.flip([3]).abs().add(0.1)).flatten(),
      dl.igammac(x.flip([2]).abs().add(2).detach(), x.abs().mul(3)).flatten(),
    ]),
  'indexPut (accumulate), indexReduce amax and mean': (x, device) => {
    const rows = tensor([0, 2, 0], { dtype: 'int32' }).to(device);
    const columns = tensor([1, 5, 1], { dtype: 'int32' }).to(device);
    const matrices = x.select(0, 0).select(0, 0);
    return dl.cat([
      dl.indexPut(matrices, [rows, columns], x.flatten().narrow(0, 0, 3), { accumulate: true }).flatten(),
      dl.indexReduce(x, 3, tensor([0, 2, 2, 5], { dtype: 'int32' }).to(device), x.narrow(3, 1, 4), 'amax').flatten(),
      dl.indexReduce(x, 2, tensor([4, 0], { dtype: 'int32' }).to(device), x.narrow(2, 0, 2), 'mean', { includeSelf: false }).flatten(),
    ]);
  },
  'rsub, fill, adjoint, angle': (x) =>
    dl.cat([dl.rsub(x, 2, 0.5).flatten(), dl.fill(x, 0.3).mul(x).flatten(), dl.adjoint(x).flatten(), dl.angle(x).flatten()]),
  // a symmetric weight recomputed from its original on each read, then the same layer called with
  // substituted weights (functionalCall)
  'parametrize (symmetric weight), functionalCall': (x, device) => {
    manualSeed(11);
    const layer = new Linear(6, 6).to(device);
    parametrize.registerParametrization(layer, 'weight', new Symmetric());
    const rows = x.reshape([30, 6]);
    const replaced = functionalCall(layer, { bias: x.flatten().narrow(0, 0, 6) }, rows);
    return dl.cat([layer.call(rows).flatten(), replaced.flatten()]);
  },
  // the same weights on each device (a module moves in place, as torch's)
  AdaptiveLogSoftmaxWithLoss: (x, device) => {
    manualSeed(5);
    const model = new AdaptiveLogSoftmaxWithLoss(18, 10, [3, 6], { divValue: 2 }).to(device);
    return model.call(x.reshape([10, 18]), adaptiveTargets.to(device)).output;
  },
  // views and in-place writes as torch's (2026-12-06): a write into a diagonal view reaches its base
  // and its base's gradient (CopySlices); unfold is an overlapping view; flip copies
  'diagonal view written in place': (x) => {
    const y = x.mul(1);
    y.diagonal(1, 2, 3).mul_(3);
    return y;
  },
  'unfold view (overlapping windows)': (x) => x.unfold(3, 3, 2),
  'flip copies: a later write into the source does not reach it': (x) => {
    const y = x.mul(1);
    const flipped = y.flip([3]);
    y.mul_(2);
    return flipped.add(y);
  },
  'in-place twins (sigmoid_, clampMin_, exp_)': (x) => {
    const y = x.mul(1);
    y.sigmoid_();
    y.clampMin_(0.4);
    return y.exp_();
  },
  'outputs written step by step (copy_ into a select view)': (x, device) => {
    const outputs = dl.zeros([3, 2, 6], { device });
    for (let step = 0; step < 3; step++) outputs.select(0, step).copy_(x.select(1, step).select(1, step).tanh());
    return outputs;
  },
  'a view made before an in-place write into its base follows it': (x) => {
    const y = x.mul(1);
    const plane = y.select(0, 1);
    y.select(1, 2).mul_(3);
    return plane.mul(2);
  },
  // linalg additions of 2026-12-06 (composites of tensor ops)
  'linalg.solveTriangular': (x) => {
    const matrices = x
      .narrow(3, 0, 5)
      .tril()
      .add(dl.eye(5, 5, { device: x.device }).mul(3));
    return dl.linalg.solveTriangular(matrices, x.narrow(3, 4, 2), { upper: false });
  },
  'linalg.luFactor and luSolve': (x) => {
    const matrices = x.narrow(3, 0, 5).add(dl.eye(5, 5, { device: x.device }).mul(4));
    const { LU, pivots } = dl.linalg.luFactor(matrices);
    return dl.linalg.luSolve(LU, pivots, x.narrow(3, 1, 3));
  },
  'at and setAt_ (x[...] and x[...] = v)': (x) => {
    const y = x.mul(1);
    y.setAt_([':', 1, '1:3'], 2);
    y.setAt_([[1, 0], 2, [0, 4]], x.at(0, 0, '0:2'));
    return dl.cat([y.at('...', [4, 0]).flatten(), y.at(1, null, ':', -1).flatten(), y.at([0, 1], ':', [2, 3]).flatten()]);
  },
  'fillDiagonal_ with wrap': (x) => {
    const y = x.select(0, 1).reshape([15, 6]).mul(1);
    y.fillDiagonal_(2, true);
    return y;
  },
};

describe.skipIf(!info)('added ops on webgpu match the CPU', () => {
  for (const [name, build] of Object.entries(cases))
    it(name, async () => {
      const cpuInput = image.clone().requiresGrad_();
      const gpuInput = image.to('webgpu').requiresGrad_();
      const cpu = build(cpuInput, 'cpu');
      const gpu = build(gpuInput, 'webgpu');
      const gpuValues = await gpu.data();
      Array.from(cpu.dataSync()).forEach((value, index) =>
        expect(Math.abs(gpuValues[index]! - value), `${name}[${index}]`).toBeLessThanOrEqual(1e-5),
      );
      cpu.square().sum().backward();
      gpu.square().sum().backward();
      const gpuGradient = await gpuInput.grad!.data();
      Array.from(cpuInput.grad!.dataSync()).forEach((value, index) =>
        expect(Math.abs(gpuGradient[index]! - value), `${name}: gradient[${index}]`).toBeLessThanOrEqual(1e-4),
      );
    });

  it('bitwise ops on int32 and bool give the CPU’s values (shift counts modulo 32)', async () => {
    const values = tensor([1, -1, 5, -8, 2 ** 30, -(2 ** 31), 12345, -77], { dtype: 'int32' });
    const counts = tensor([0, 1, 31, 32, 33, -1, 35, 4], { dtype: 'int32' });
    const flags = tensor([true, false, true, false]);
    const results = (a: Tensor, b: Tensor, f: Tensor) => [
      dl.bitwiseAnd(a, b),
      dl.bitwiseOr(a, 6),
      dl.bitwiseXor(a, b),
      dl.bitwiseNot(a),
      dl.bitwiseLeftShift(a, b),
      dl.bitwiseRightShift(a, b),
      dl.bitwiseAnd(f, f.logicalNot()),
      dl.bitwiseNot(f),
    ];
    const cpu = results(values, counts, flags);
    const gpu = results(values.to('webgpu'), counts.to('webgpu'), flags.to('webgpu'));
    for (const [index, expected] of cpu.entries()) {
      expect(gpu[index]!.dtype).toBe(expected.dtype);
      expect(Array.from(await gpu[index]!.data()), `result ${index}`).toEqual(Array.from(expected.dataSync()));
    }
  });

  it('random fills in place draw the CPU’s numbers from the same seed (bernoulli_, exponential_, random_)', async () => {
    const draws = async (device: 'cpu' | 'webgpu') => {
      manualSeed(12);
      const shape = [4, 8];
      return [
        ...(await dl.zeros(shape, { device }).bernoulli_(0.3).data()),
        ...(await dl.zeros(shape, { device }).exponential_(2).data()),
        ...(await dl.zeros(shape, { device }).random_(0, 10).data()),
      ];
    };
    const cpu = await draws('cpu');
    const gpu = await draws('webgpu');
    cpu.forEach((value, index) => expect(Math.abs(gpu[index]! - value), `draw ${index}`).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(value))));
  });

  it('maskedSelectAsync, and maskedSelect naming it for a device that reads asynchronously', async () => {
    const x = row.to('webgpu');
    const selected = await dl.maskedSelectAsync(x, x.gt(0));
    expect(Array.from(await selected.data())).toEqual(Array.from(dl.maskedSelect(row, row.gt(0)).dataSync()));
    expect(() => dl.maskedSelect(x, x.gt(0))).toThrow(
      "maskedSelect: the mask is on 'webgpu', which reads asynchronously; use await maskedSelectAsync(x, mask)",
    );
  });

  it('signbit, including −0, sign as in torch (NaN and −0 give +0) and nanToNum', async () => {
    const values = tensor([-0, 0, -2, 3, Number.NEGATIVE_INFINITY, Number.NaN]);
    const gpu = values.to('webgpu');
    expect(Array.from(await dl.signbit(gpu).data())).toEqual([1, 0, 1, 0, 1, 0]);
    expect(Array.from(await dl.sign(gpu).data())).toEqual([0, 0, -1, 1, -1, 0]);
    expect(Array.from(await dl.nanToNum(gpu, { nan: 7, neginf: -9 }).data())).toEqual([-0, 0, -2, 3, -9, 7]);
  });

  it('eigh and svd, computed on the CPU, refuse a webgpu matrix by name', () => {
    const matrix = dl.eye(3).to('webgpu');
    expect(() => dl.linalg.eigh(matrix)).toThrow("linalg.eigh runs on the CPU; move the matrix with .to('cpu')");
    expect(() => dl.linalg.svd(matrix)).toThrow("linalg.svd runs on the CPU; move the matrix with .to('cpu')");
  });

  it('matrixExpAsync on webgpu matches matrixExp on the CPU; matrixExp names the async form', async () => {
    const matrices = image.narrow(3, 0, 5).mul(0.5);
    const expected = Array.from(dl.linalg.matrixExp(matrices).dataSync());
    const gpu = Array.from(await (await dl.linalg.matrixExpAsync(matrices.to('webgpu'))).data());
    expected.forEach((value, index) => expect(Math.abs(gpu[index]! - value), `matrixExp[${index}]`).toBeLessThanOrEqual(1e-4));
    expect(() => dl.linalg.matrixExp(matrices.to('webgpu'))).toThrow('matrixExpAsync');
  });

  it('updateBn (batch norms with momentum null) on webgpu gives the CPU statistics, reading nothing back', async () => {
    const statistics = async (device: 'cpu' | 'webgpu') => {
      manualSeed(8);
      const norm = new BatchNorm1d(4);
      const model = new Sequential(new Linear(6, 4), norm).to(device);
      const batches = [randn([5, 6]), randn([7, 6]), randn([4, 6])].map((batch) => batch.mul(2).add(1).to(device));
      await updateBn(batches, model);
      return [...(await norm.runningMean!.data()), ...(await norm.runningVar!.data())];
    };
    const cpu = await statistics('cpu');
    const gpu = await statistics('webgpu');
    cpu.forEach((value, index) => expect(Math.abs(gpu[index]! - value), `statistic[${index}]`).toBeLessThanOrEqual(1e-5));
  });

  it('isclose', async () => {
    const a = tensor([1, 2, Number.NaN, 4]);
    const b = tensor([1, 2.5, Number.NaN, 4 + 1e-6]);
    const gpu = dl.isclose(a.to('webgpu'), b.to('webgpu'), { equalNan: true });
    expect(Array.from(await gpu.data())).toEqual(Array.from(dl.isclose(a, b, { equalNan: true }).dataSync()));
  });
});
