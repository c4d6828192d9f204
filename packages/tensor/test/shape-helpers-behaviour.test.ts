import { describe, expect, it } from 'vitest';
import {
  atleast1d,
  atleast2d,
  atleast3d,
  broadcastTensors,
  columnStack,
  diagflat,
  diagonalScatter,
  dsplit,
  dstack,
  fliplr,
  flipud,
  hsplit,
  hstack,
  noGrad,
  put,
  ravel,
  selectScatter,
  sliceScatter,
  take,
  tensor,
  tensorSplit,
  vsplit,
  vstack,
  zeros,
  type Tensor,
} from '../src/index.js';
import { gradcheck, gradgradcheck, leftBehind } from '../src/testing/index.js';
import { readTorchFixture } from './helpers/torch-fixtures.js';

// The shape helpers' errors (each a call torch 1.13 rejects too, from
// tools/fixtures/tensor_shape_helpers_reference.py), which results are views of their input and which
// are the input itself (as torch's), float64 gradcheck and gradgradcheck of the composites, and their
// released intermediates.

const fixture = readTorchFixture<{ errors: { name: string; torch: string }[] }>('torch-shape-helpers-reference.json');
const index = (values: number[] | number[][]) => tensor(values, { dtype: 'int32' });
const scalar = zeros([], { dtype: 'float64' });
const vector = zeros([4], { dtype: 'float64' });
const matrix = zeros([3, 4], { dtype: 'float64' });
const cube = zeros([2, 3, 4], { dtype: 'float64' });
const random = (shape: number[], seed: number) =>
  tensor(
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, at) => Math.sin(seed * 7.1 + at * 1.3) + 0.1 * at),
    { shape, dtype: 'float64', requiresGrad: true },
  );

/** Each call torch rejects, and the message ours throws. */
const rejected: Record<string, [() => unknown, string | RegExp]> = {
  'hstack empty': [() => hstack([]), 'hstack: expects a non-empty list of tensors'],
  'vstack mismatched': [
    () => vstack([zeros([2, 3]), zeros([4])]),
    'vstack: cat: sizes of tensors must match except in dimension 0: [2, 3], [1, 4]',
  ],
  'hstack mismatched ranks': [
    () => hstack([zeros([2, 3]), zeros([3])]),
    'hstack: cat: sizes of tensors must match except in dimension 1: [2, 3], [3]',
  ],
  'column_stack mismatched': [
    () => columnStack([matrix, zeros([2])]),
    /columnStack: cat: sizes of tensors must match except in dimension 1: \[3, 4\], \[2, 1\]/,
  ],
  'tensor_split 0 sections': [() => tensorSplit(matrix, 0), 'tensorSplit: number of sections must be larger than 0, got 0'],
  'tensor_split scalar': [
    () => tensorSplit(scalar, 1),
    'tensorSplit: expected at least a 1-dimensional tensor, but got a tensor with 0 dims',
  ],
  'tensor_split dim out of range': [() => tensorSplit(matrix, 2, 2), /tensorSplit: dim 2 is out of range for a tensor of rank 2/],
  'tensor_split 2-d index tensor': [
    () => tensorSplit(matrix, index([[1]]), 1),
    'tensorSplit: expected indicesOrSections to be a zero-dimensional or one-dimensional tensor, but got a tensor with 2 dims',
  ],
  'hsplit indivisible': [
    () => hsplit(matrix, 3),
    'hsplit: attempted to split along dimension 1, but the size of the dimension 4 is not divisible by the split_size 3',
  ],
  'hsplit scalar': [
    () => hsplit(scalar, 1),
    'hsplit: requires a tensor with at least 1 dimension, but got a tensor with 0 dimensions (shape [])',
  ],
  'vsplit vector': [
    () => vsplit(vector, 2),
    'vsplit: requires a tensor with at least 2 dimension, but got a tensor with 1 dimensions (shape [4])',
  ],
  'dsplit matrix': [
    () => dsplit(matrix, 2),
    'dsplit: requires a tensor with at least 3 dimension, but got a tensor with 2 dimensions (shape [3, 4])',
  ],
  'dsplit indivisible': [
    () => dsplit(zeros([2, 2, 5]), 2),
    'dsplit: attempted to split along dimension 2, but the size of the dimension 5 is not divisible by the split_size 2',
  ],
  'broadcast_tensors mismatched': [
    () => broadcastTensors(matrix, zeros([3], { dtype: 'float64' })),
    'broadcastTensors: shapes [3, 4] and [3] cannot be broadcast together (axis -1: 4 vs 3)',
  ],
  'fliplr vector': [() => fliplr(vector), 'fliplr: input must be >= 2-d, got shape [4]'],
  'flipud scalar': [() => flipud(scalar), 'flipud: input must be >= 1-d, got shape []'],
  'take out of range': [() => take(matrix, index([12])), 'take: out of range: tried to access index 12 on a tensor of 12 elements'],
  'take negative out of range': [
    () => take(matrix, index([-13])),
    'take: out of range: tried to access index -13 on a tensor of 12 elements',
  ],
  'take float index': [() => take(matrix, tensor([1])), 'take: expected an int32 index tensor, got float32'],
  'put out of range': [
    () => put(matrix, index([12]), zeros([1], { dtype: 'float64' })),
    'put: out of range: tried to access index 12 on a tensor of 12 elements',
  ],
  'put count mismatch': [
    () => put(matrix, index([1, 2]), zeros([1], { dtype: 'float64' })),
    'put: expected source and index to have the same number of elements, but got source.numel() = 1, index.numel() = 2',
  ],
  'put dtype mismatch': [
    () => put(matrix, index([1]), zeros([1])),
    'put: self and source expected to have the same dtype, but got self.dtype = float64 and source.dtype = float32',
  ],
  'diagflat float offset': [() => diagflat(matrix, 1.5), 'diagflat: offset must be an integer, got 1.5'],
  'select_scatter wrong source': [
    () => selectScatter(matrix, zeros([3]), 0, 0),
    'selectScatter: expected src to have a size equal to the slice of self. src size = [3], slice size = [4]',
  ],
  'select_scatter index out of range': [
    () => selectScatter(matrix, zeros([4]), 0, 5),
    'selectScatter: index 5 out of range for tensor of size [3, 4] at dimension 0',
  ],
  'slice_scatter step 0': [
    () => sliceScatter(matrix, zeros([3, 2]), 1, 0, 4, 0),
    'sliceScatter: slice step must be a positive integer, got 0',
  ],
  'slice_scatter wrong source': [
    () => sliceScatter(matrix, zeros([2, 4]), 0, 0, 3),
    'sliceScatter: expected src to have a size equal to the slice of self. src size = [2, 4], slice size = [3, 4]',
  ],
  'diagonal_scatter wrong source': [
    () => diagonalScatter(matrix, zeros([2])),
    'diagonalScatter: expected src to have a size equal to the slice of self. src size = [2], slice size = [3]',
  ],
  'diagonal_scatter identical dims': [
    () => diagonalScatter(matrix, zeros([3]), 0, 1, 1),
    'diagonalScatter: diagonal dimensions cannot be identical 1, 1',
  ],
  'diagonal_scatter vector': [() => diagonalScatter(vector, zeros([3])), /diagonalScatter: dim 1 is out of range for a tensor of rank 1/],
  'reshape_as wrong size': [() => matrix.reshapeAs(zeros([5])), 'reshape: shape [5] is invalid for input of size 12'],
  'view_as incompatible strides': [
    () => matrix.t().viewAs(zeros([12])),
    "view: size [12] is not compatible with input tensor's size [4, 3] and strides [1, 4]; use reshape()",
  ],
  'unfold size too large': [() => matrix.unfold(1, 5, 1), 'unfold: maximum size for tensor at dimension 1 is 4 but size is 5'],
  'unfold step 0': [() => matrix.unfold(1, 2, 0), 'unfold: step is 0 but must be an integer > 0'],
  'unfold dim out of range': [() => matrix.unfold(2, 1, 1), /unfold: dim 2 is out of range for a tensor of rank 2/],
  'mT vector': [() => vector.mT, 'tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.'],
  'mH vector': [() => vector.mH, 'tensor.mH is only supported on matrices or batches of matrices. Got 1-D tensor.'],
  'H vector': [() => vector.H, 'tensor.H is only supported on matrices (2-D tensors). Got 1-D tensor.'],
  'H 3-d': [
    () => cube.H,
    'tensor.H is only supported on matrices (2-D tensors). Got 3-D tensor. For batches of matrices, consider using tensor.mH',
  ],
  'sum_to_size not expandable': [() => matrix.sumToSize(2, 4), 'sumToSize: size [2, 4] is not expandable to size [3, 4]'],
  'sum_to_size too many dims': [() => matrix.sumToSize(1, 3, 4), 'sumToSize: size [1, 3, 4] is not expandable to size [3, 4]'],
};

describe('shape helpers', () => {
  it('reject every call torch rejects, naming the operation', () => {
    expect(Object.keys(rejected).sort()).toEqual(fixture.errors.map((entry) => entry.name).sort());
    for (const [name, [call, message]] of Object.entries(rejected)) expect(call, name).toThrow(message);
  });

  it('reject options they do not understand', () => {
    expect(() => sliceScatter(matrix, matrix, { dims: 0 } as never)).toThrow(/sliceScatter: unknown option `dims`/);
    expect(() => diagonalScatter(matrix, zeros([3]), { dim: 0 } as never)).toThrow(/diagonalScatter: unknown option `dim`/);
    expect(() => put(matrix, index([0]), zeros([1], { dtype: 'float64' }), { accumulated: true } as never)).toThrow(
      /put: unknown option `accumulated`/,
    );
    expect(() => put(matrix, index([0]), zeros([1], { dtype: 'float64' }), 'yes' as never)).toThrow(
      "put: accumulate must be true or false, got 'yes'",
    );
    expect(() => diagflat(matrix, { offest: 1 } as never)).toThrow(/diagflat: unknown option `offest`/);
    expect(() => tensorSplit(matrix, 2, { axis: 1 } as never)).toThrow(/tensorSplit: unknown option `axis`/);
    expect(() => tensorSplit(matrix, [1.5])).toThrow(
      'tensorSplit: expected an integer number of sections or a list of integer indices, got an array [1.5]',
    );
    expect(() => matrix.newZeros(2, { dtypes: 'int32' } as never)).toThrow(/newZeros: unknown option `dtypes`/);
    expect(() => matrix.newFull([2], 1, { requires_grad: true } as never)).toThrow(/newFull: unknown option `requires_grad`/);
    expect(() => matrix.newTensor([1], { shape: [1] } as never)).toThrow(/newTensor: unknown option `shape`/);
    expect(() => matrix.unfold(0, -1, 1)).toThrow('unfold: size must be an integer ≥ 0, got -1');
  });

  it('return views sharing the input’s storage where torch does, and copies elsewhere', () => {
    const x = random([3, 4], 1);
    const views: [string, Tensor | Tensor[]][] = [
      ['tensorSplit', tensorSplit(x, 3, 1)],
      ['hsplit', hsplit(x, [1])],
      ['vsplit', vsplit(x, 3)],
      ['atleast3d', atleast3d(x)],
      ['broadcastTensors', broadcastTensors(x, zeros([2, 1, 1], { dtype: 'float64' }))[0]!],
      ['unfold', x.unfold(1, 2, 1)],
      ['diagonal', x.diagonal()],
      ['ravel', ravel(x)],
      ['mT', x.mT],
      ['mH', x.mH],
      ['H', x.H],
      ['reshapeAs', x.reshapeAs(zeros([12]))],
      ['viewAs', x.viewAs(zeros([2, 6]))],
      ['swapdims', x.swapdims(0, 1)],
      ['moveaxis', x.moveaxis(0, 1)],
    ];
    for (const [name, result] of views) for (const view of [result].flat()) expect(view.storage, `${name} shares storage`).toBe(x.storage);
    // torch copies in fliplr, flipud (unlike NumPy's views), hstack, the scatters and the new tensors
    const copies: [string, Tensor][] = [
      ['fliplr', fliplr(x)],
      ['flipud', flipud(x)],
      ['hstack', hstack([x])],
      ['sliceScatter', sliceScatter(x, x)],
      ['take', take(x, index([0]))],
      ['newZeros', x.newZeros(2)],
    ];
    for (const [name, copy] of copies) expect(copy.storage, `${name} copies`).not.toBe(x.storage);
    // out of place: x is unchanged
    const before = Array.from(x.dataSync());
    put(x, index([0]), zeros([1], { dtype: 'float64' }));
    selectScatter(x, zeros([4], { dtype: 'float64' }), 0, 0);
    diagonalScatter(x, zeros([3], { dtype: 'float64' }));
    expect(Array.from(x.dataSync())).toEqual(before);
  });

  it('return the input itself where torch does', () => {
    const x = random([3, 4], 2);
    const s = random([], 3);
    expect(atleast1d(x)).toBe(x);
    expect(atleast2d(x)).toBe(x);
    expect(atleast3d(cube)).toBe(cube);
    expect(broadcastTensors(x, random([3, 4], 4))[0]).toBe(x);
    expect(x.sumToSize(3, 4)).toBe(x);
    expect(x.typeAs(zeros([1], { dtype: 'float64' }))).toBe(x);
    expect(s.H).toBe(s);
    // and a new handle where torch gives one (disposing it must not free x)
    for (const fresh of [ravel(random([4], 5)), x.reshapeAs(x), x.viewAs(x), tensorSplit(x, 1)[0]!]) expect(fresh).not.toBe(x);
  });

  it('pass float64 gradcheck, and gradgradcheck through the scatters', () => {
    const [x, y] = [random([3, 4], 6), random([2, 3, 4], 7)];
    expect(gradcheck((a, b) => hstack([a!, b!]), [x, random([3, 2], 8)])).toBe(true);
    expect(gradcheck((a, b) => columnStack([a!, b!]), [random([3], 9), x])).toBe(true);
    expect(gradcheck((a) => tensorSplit(a!, [1, -1], 1), [x])).toBe(true);
    expect(gradcheck((a, b) => broadcastTensors(a!, b!), [random([3, 1], 10), random([4], 11)])).toBe(true);
    expect(
      gradcheck(
        (a) =>
          take(
            a!,
            index([
              [0, -1],
              [5, 5],
            ]),
          ),
        [x],
      ),
    ).toBe(true);
    expect(gradcheck((a, b) => put(a!, index([1, 1, -2]), b!, true), [x, random([3], 12)])).toBe(true);
    expect(gradcheck((a) => diagflat(a!, -1), [random([2, 2], 13)])).toBe(true);
    expect(gradcheck((a, b) => sliceScatter(a!, b!, 1, 0, 4, 3), [x, random([3, 2], 14)])).toBe(true);
    expect(gradcheck((a, b) => selectScatter(a!, b!, 1, -2), [y, random([2, 4], 15)])).toBe(true);
    expect(gradcheck((a, b) => diagonalScatter(a!, b!, 1, 2, 0), [y, random([3, 1], 16)])).toBe(true);
    expect(gradcheck((a) => a!.unfold(2, 3, 1), [y])).toBe(true);
    expect(gradcheck((a) => a!.sumToSize(3, 1), [y])).toBe(true);
    expect(gradgradcheck((a, b) => diagonalScatter(a!, b!, -1), [x, random([2], 17)])).toBe(true);
    expect(gradgradcheck((a, b) => sliceScatter(a!, b!, 0, 1), [x, random([2, 4], 18)])).toBe(true);
    expect(gradgradcheck((a) => a!.unfold(1, 2, 2), [x])).toBe(true);
  });

  it('release their intermediates', () => {
    const [x, positions, values] = [random([3, 4], 19), index([1, -1]), random([2], 20)];
    const [diagonal, column] = [zeros([3], { dtype: 'float64' }), zeros([3], { dtype: 'float32' })];
    const calls: [string, () => unknown][] = [
      ['hstack', () => hstack([x, x])],
      ['dstack', () => dstack([x, x])],
      ['take', () => take(x, positions)],
      ['put', () => put(x, positions, values, true)],
      ['diagflat', () => diagflat(x)],
      ['diagonalScatter', () => diagonalScatter(x, diagonal, 0)],
      ['selectScatter', () => selectScatter(x, column, 1, 0)],
      ['unfold', () => x.unfold(0, 2, 1)],
      ['sumToSize', () => x.sumToSize(1, 4)],
    ];
    for (const [name, call] of calls) {
      noGrad(call);
      expect(
        leftBehind(() => noGrad(call), [x, positions, values, diagonal, column]),
        name,
      ).toEqual({ handles: 0, bytes: 0 });
    }
  });
});
