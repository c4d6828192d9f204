import { aminmax, cat, dist, linalg, tensor, zeros } from '../src/index.js';
import { describeLabelledTorchCases, type LabelledCases } from './helpers/labelled-torch-cases.js';

// A dim of a 0-d tensor, and empty dims, against torch 1.13 (tools/fixtures/tensor_zero_dim_empty_reference.py).
// torch's reductions and dim-wise ops read dim 0 (or −1) of a 0-d tensor as its one element; the ops that
// index a dim raise. Here the first kind threw an unrelated error (`x.max(0)`: "permute: number of dims
// don't match") or gave a wrong value (`x.mean(0)` NaN, `x.var(0, { unbiased: false })` NaN), and the
// second returned garbage (`x.narrow(0, 0, 1)` a window of NaN, `cat([x, x])` a 0-d zero, `x.unbind(0)`
// an empty list, `x.size(0)` undefined).

const scalar = () => tensor(2.5, { dtype: 'float64', requiresGrad: true });
const empty = (...shape: number[]) => zeros(shape, { dtype: 'float64', requiresGrad: true });
const f64 = (...shape: number[]) => zeros(shape, { dtype: 'float64' });
const square = () =>
  tensor(
    [
      [1.5, -2],
      [3, 0.5],
    ],
    { dtype: 'float64', requiresGrad: true },
  );

/** The fixture's cases by label: the input, the call, and the op an error must name. */
const cases: LabelledCases = {
  'mean(0)': [scalar, (x) => x.mean(0), 'mean'],
  'mean(-1, keepdim)': [scalar, (x) => x.mean(-1, true), 'mean'],
  'sum(0, keepdim)': [scalar, (x) => x.sum(0, true), 'sum'],
  'prod(0)': [scalar, (x) => x.prod(0), 'prod'],
  'amax(0)': [scalar, (x) => x.amax(0), 'amax'],
  'amin(-1, keepdim)': [scalar, (x) => x.amin(-1, true), 'amin'],
  'logsumexp(0)': [scalar, (x) => x.logsumexp(0), 'logsumexp'],
  'var(0, unbiased=False)': [scalar, (x) => x.var(0, { unbiased: false }), 'var'],
  'std(-1, unbiased=False)': [scalar, (x) => x.std(-1, { unbiased: false }), 'std'],
  'std(0)': [scalar, (x) => x.std(0), 'std'],
  'max(0)': [scalar, (x) => x.max(0), 'max'],
  'min(-1, keepdim)': [scalar, (x) => x.min(-1, true), 'min'],
  'argmax(0)': [scalar, (x) => x.argmax(0), 'argmax'],
  'argmin(-1, keepdim)': [scalar, (x) => x.argmin(-1, true), 'argmin'],
  'median(0)': [scalar, (x) => x.median(0), 'median'],
  'median(-1, keepdim)': [scalar, (x) => x.median(-1, true), 'median'],
  'aminmax(dim=0)': [scalar, (x) => aminmax(x, { dim: 0 }), 'aminmax'],
  'movedim(0, -1)': [scalar, (x) => x.movedim(0, -1), 'movedim'],
  'norm(2, 0)': [scalar, (x) => x.norm(2, 0), 'norm'],
  'mean(1) out of range': [scalar, (x) => x.mean(1), 'mean'],
  'amax([0, -1]) repeated': [scalar, (x) => x.amax([0, -1]), 'amax'],
  'select(0, 0)': [scalar, (x) => x.select(0, 0), 'select'],
  'narrow(0, 0, 1)': [scalar, (x) => x.narrow(0, 0, 1), 'narrow'],
  'x[0:1]': [scalar, (x) => x.slice(0, 0, 1), 'slice'],
  'unbind(0)': [scalar, (x) => x.unbind(0), 'unbind'],
  'split(1)': [scalar, (x) => x.split(1), 'split'],
  'chunk(1)': [scalar, (x) => x.chunk(1), 'chunk'],
  'roll(1, 0)': [scalar, (x) => x.roll(1, 0), 'roll'],
  'repeat_interleave(2, 0)': [scalar, (x) => x.repeatInterleave(2, 0), 'repeatInterleave'],
  'unflatten(0, (1,))': [scalar, (x) => x.unflatten(0, [1]), 'unflatten'],
  'size(0)': [scalar, (x) => x.size(0), 'size'],
  'cat([x, x])': [scalar, (x) => cat([x, x]), 'cat'],
  'zeros(2, 0).unbind(1)': [() => empty(2, 0), (x) => x.unbind(1), 'unbind'],
  'zeros(0, 2).unbind(0)': [() => empty(0, 2), (x) => x.unbind(0), 'unbind'],
  'zeros(3, 0).chunk(2, 1)': [() => empty(3, 0), (x) => x.chunk(2, 1), 'chunk'],
  'zeros(0).chunk(3)': [() => empty(0), (x) => x.chunk(3), 'chunk'],
  'zeros(0, 3).norm(inf, 0)': [() => empty(0, 3), (x) => x.norm(Infinity, 0), 'norm'],
  'zeros(0, 3).norm(-inf)': [() => empty(0, 3), (x) => x.norm(-Infinity), 'norm'],
  'zeros(0, 3).norm(-1, 0, keepdim)': [() => empty(0, 3), (x) => x.norm(-1, 0, true), 'norm'],
  'dist(zeros(0), zeros(1), inf)': [() => empty(0), (x) => dist(x, f64(1), Infinity), 'dist'],
  'dist(zeros(0, 2), zeros(2), -inf)': [() => empty(0, 2), (x) => dist(x, f64(2), -Infinity), 'dist'],
  'linalg.vector_norm(zeros(0, 3), inf) refuses': [() => empty(0, 3), (x) => linalg.vectorNorm(x, Infinity), 'linalg.vector_norm'],
  'scatter_reduce(amax) of an empty index': [
    square,
    (x) => x.scatterReduce(0, zeros([0, 2], { dtype: 'int32' }), f64(0, 2), 'amax', { includeSelf: false }),
    'scatterReduce',
  ],
  'index_reduce(amin) of an empty index': [
    square,
    (x) => x.indexReduce(1, zeros([0], { dtype: 'int32' }), f64(2, 0), 'amin'),
    'indexReduce',
  ],
};

describeLabelledTorchCases('a dim of a 0-d tensor, and empty dims, as torch 1.13', 'torch-zero-dim-empty-reference.json', cases);
