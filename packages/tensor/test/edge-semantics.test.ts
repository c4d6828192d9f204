import {
  type Tensor,
  arange,
  bucketize,
  countNonzero,
  diff,
  eye,
  istft,
  logcumsumexp,
  relu,
  searchsorted,
  stft,
  tensor,
  tensordot,
  trace,
  unique,
  varMean,
  zeros,
} from '../src/index.js';
import { describeLabelledTorchCases, type LabelledCases } from './helpers/labelled-torch-cases.js';

// Edges where a differential fuzzing run against torch 1.13 found @dl reading torch's calls differently
// (tools/fixtures/tensor_edge_semantics_reference.py): a 0-d integer tensor index was an advanced index
// (x[tensor(1), :, [0, 1]] came out [2, 3], transposed), 0-d bool and boolean indices were refused,
// setAt_ refused values with leading size-1 dims, one +inf in logcumsumexp made every earlier gradient
// NaN, unique along dim 2 of a rank-3 tensor sorted in NumPy's order, reductions over an empty list of
// dims reduced nothing (torch: everything), diff with n = 0 joined append, searchsorted refused a number
// and side 'right' with right false, tensordot refused a size-1 contracted dim, stft and istft refused
// window null, and relu's gradient at NaN was 0.

const float64 = { dtype: 'float64' } as const;
const leaf = (values: unknown) => () => tensor(values as number[], { dtype: 'float64', requiresGrad: true });
const cube = () => arange(24, float64).reshape([2, 3, 4]).requiresGrad_();
const matrix = leaf([
  [1.5, -2, 0],
  [3, 0.5, -1],
]);
const index = (value: number) => tensor(value, { dtype: 'int32' });
const condition = (value: boolean) => tensor(value, { dtype: 'bool' });

/** zeros(shape) with zeros[...indices] = value, as torch's __setitem__. */
function written(shape: number[], indices: Parameters<Tensor['setAt_']>[0], value: Tensor): Tensor {
  const target = zeros(shape, float64);
  target.setAt_(indices, value);
  return target;
}

const signal = [0.3, -1.2, 0.8, 2.0, -0.5, 0.1, 1.4, -0.7, 0.9, -1.1, 0.2, 0.6, -0.3, 1.7, -0.9, 0.4];
const sequence = () => tensor([1, 2, 3], float64);

/** The fixture's cases by label: the input, the call, and the op an error must name. */
const cases: LabelledCases = {
  'x[tensor(1), :, [0, 1]]': [cube, (x) => x.at(index(1), ':', [0, 1]), 'at'],
  'x[tensor(-1), [2, 0]]': [cube, (x) => x.at(index(-1), [2, 0]), 'at'],
  'x[True]': [cube, (x) => x.at(true), 'at'],
  'x[False]': [cube, (x) => x.at(false), 'at'],
  'x[tensor(True), 0]': [cube, (x) => x.at(condition(true), 0), 'at'],
  'x[..., False]': [cube, (x) => x.at('...', false), 'at'],
  'zeros(4, 2)[1] = v[1, 1, 2]': [leaf([[[2, 3]]]), (v) => written([4, 2], [1], v), 'setAt_'],
  'zeros(4, 2)[1:3] = v[1, 1, 2, 2]': [
    leaf([
      [
        [
          [2, 3],
          [4, 5],
        ],
      ],
    ]),
    (v) => written([4, 2], ['1:3'], v),
    'setAt_',
  ],
  'zeros(4, 2)[[0, 2]] = v[1, 1, 2]': [leaf([[[2, 3]]]), (v) => written([4, 2], [[0, 2]], v), 'setAt_'],
  'zeros(2, 3)[True] = v[1, 3]': [leaf([[2, 3, 4]]), (v) => written([2, 3], [true], v), 'setAt_'],
  'logcumsumexp([-0.5, inf, -1, 0.5])': [leaf([-0.5, Infinity, -1, 0.5]), (x) => logcumsumexp(x, 0), 'logcumsumexp'],
  'logcumsumexp([[1, inf, 2], [inf, -inf, 3]], 1)': [
    leaf([
      [1, Infinity, 2],
      [Infinity, -Infinity, 3],
    ]),
    (x) => logcumsumexp(x, 1),
    'logcumsumexp',
  ],
  'logcumsumexp([inf, inf, 1])': [leaf([Infinity, Infinity, 1]), (x) => logcumsumexp(x, 0), 'logcumsumexp'],
  'unique(x, dim=2, inverse, counts)': [
    () =>
      tensor(
        [
          [
            [1, 0, 1, 1],
            [0, 1, 1, 0],
          ],
          [
            [0, 1, 0, 1],
            [1, 1, 1, 1],
          ],
        ],
        float64,
      ),
    (x) => unique(x, { dim: 2, returnInverse: true, returnCounts: true }),
    'unique',
  ],
  'unique(zeros(4, 0, 4), dim=0)': [() => zeros([4, 0, 4], float64), (x) => unique(x, { dim: 0 }), 'unique'],
  'sum([])': [matrix, (x) => x.sum([]), 'sum'],
  'sum([], keepdim)': [matrix, (x) => x.sum([], true), 'sum'],
  'mean([])': [matrix, (x) => x.mean([]), 'mean'],
  'amax([])': [matrix, (x) => x.amax([]), 'amax'],
  'amin([], keepdim)': [matrix, (x) => x.amin([], true), 'amin'],
  'nansum([])': [matrix, (x) => x.nansum([]), 'nansum'],
  'nanmean([])': [matrix, (x) => x.nanmean([]), 'nanmean'],
  'var([])': [matrix, (x) => x.var([]), 'var'],
  'std([], unbiased=False)': [matrix, (x) => x.std([], { unbiased: false }), 'std'],
  'norm(2, [])': [matrix, (x) => x.norm(2, []), 'norm'],
  'count_nonzero([])': [matrix, (x) => countNonzero(x, []), 'countNonzero'],
  'var_mean([])': [matrix, (x) => varMean(x, []), 'varMean'],
  'diff(n=0, append)': [leaf([1, 4, 9]), (x) => diff(x, { n: 0, append: tensor([7], float64) }), 'diff'],
  'diff(n=0, prepend)': [leaf([1, 4, 9]), (x) => diff(x, { n: 0, prepend: tensor([7, 8], float64) }), 'diff'],
  'searchsorted(seq, 2.0)': [sequence, (x) => searchsorted(x, 2), 'searchsorted'],
  'searchsorted(seq, 2.5, right=True)': [sequence, (x) => searchsorted(x, 2.5, { right: true }), 'searchsorted'],
  'searchsorted(seq, [2], right=False, side=right)': [
    sequence,
    (x) => searchsorted(x, tensor([2], float64), { right: false, side: 'right' }),
    'searchsorted',
  ],
  'searchsorted(seq, [2], right=True, side=left)': [
    sequence,
    (x) => searchsorted(x, tensor([2], float64), { right: true, side: 'left' }),
    'searchsorted',
  ],
  'searchsorted(matrix seq, 2.0)': [
    () =>
      tensor(
        [
          [1, 2],
          [3, 4],
        ],
        float64,
      ),
    (x) => searchsorted(x, 2),
    'searchsorted',
  ],
  'bucketize(2.0, boundaries)': [sequence, (x) => bucketize(2, x), 'bucketize'],
  'tensordot(a[1, 3], b[2, 3, 4], ([0, 1], [0, 1]))': [
    leaf([[0.5, -1, 2]]),
    (a) =>
      tensordot(a, arange(24, float64).reshape([2, 3, 4]), [
        [0, 1],
        [0, 1],
      ]),
    'tensordot',
  ],
  'tensordot(a[2, 3], b[1, 3], ([0, 1], [0, 1]))': [
    leaf([
      [0.5, -1, 2],
      [1.5, 0.25, -3],
    ]),
    (a) =>
      tensordot(a, tensor([[2, -1, 0.5]], float64), [
        [0, 1],
        [0, 1],
      ]),
    'tensordot',
  ],
  'tensordot(a[2], b[2, 3], 1) unchanged': [leaf([0.5, -1]), (a) => tensordot(a, arange(6, float64).reshape([2, 3]), 1), 'tensordot'],
  'stft(x, 4, None, None, None, False)': [leaf(signal), (x) => stft(x, 4, null, null, null, false, { returnComplex: false }), 'stft'],
  'istft(stft(x), 4, None, None, None, True, False, None, 16)': [
    leaf(signal),
    (x) => istft(stft(x, 4), 4, null, null, null, true, false, null, 16),
    'istft',
  ],
  'trace(bool matrix)': [() => eye(2).bool(), (x) => trace(x), 'trace'],
  'relu([nan, -1, 2, 0])': [leaf([Number.NaN, -1, 2, 0]), (x) => relu(x), 'relu'],
};

describeLabelledTorchCases('edges of torch 1.13 found by differential fuzzing', 'torch-edge-semantics-reference.json', cases);
