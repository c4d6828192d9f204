import { describe, expect, it } from 'vitest';
import { arange, cat, noGrad, stack, tensor, zeros } from '../index.js';

describe('views share storage; copies do not', () => {
  it('transpose, slice, expand are views; writing through one shows in the base; flip copies, as torch', () => {
    const base = arange(6, undefined, 1, { dtype: 'float32' }).reshape(2, 3);
    const transposed = base.t();
    expect(transposed.isContiguous()).toBe(false);
    expect(transposed.storage).toBe(base.storage);
    expect(transposed.toArraySync()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    noGrad(() => base.slice(1, 1, 3).fill_(9));
    expect(base.toArraySync()).toEqual([
      [0, 9, 9],
      [3, 9, 9],
    ]);
    expect(base.flip(1).toArraySync()).toEqual([
      [9, 9, 0],
      [9, 9, 3],
    ]);
    expect(base.flip(1).storage).not.toBe(base.storage);
    expect(tensor([1, 2]).expand(3, 2).strides).toEqual([0, 1]);
  });

  it('view() refuses layouts that need a copy; reshape() copies then', () => {
    const transposed = arange(6).reshape(2, 3).t();
    expect(() => transposed.view(6)).toThrow(
      /view: size \[6\] is not compatible with input tensor's size \[3, 2\] and strides \[1, 3\]; use reshape\(\)/,
    );
    const flat = transposed.reshape(6);
    expect(flat.toArraySync()).toEqual([0, 3, 1, 4, 2, 5]);
    expect(flat.storage).not.toBe(transposed.storage);
    // splitting a dim of a transposed view is still a view
    const split = arange(12).reshape(3, 4).t().reshape(2, 2, 3);
    expect(split.toArraySync()).toEqual([
      [
        [0, 4, 8],
        [1, 5, 9],
      ],
      [
        [2, 6, 10],
        [3, 7, 11],
      ],
    ]);
  });

  it('python-style slicing, select, narrow, squeeze/unsqueeze, errors name the op', () => {
    const x = arange(10);
    expect(x.slice(0, -3).toArraySync()).toEqual([7, 8, 9]);
    expect(x.slice(0, 1, 100, 3).toArraySync()).toEqual([1, 4, 7]);
    expect(x.slice(0, 5, 2).toArraySync()).toEqual([]);
    expect(arange(6).reshape(2, 3).select(1, -1).toArraySync()).toEqual([2, 5]);
    expect(() => x.narrow(0, 8, 3)).toThrow(/narrow: start \(8\) \+ length \(3\) exceeds dimension size \(10\)/);
    expect(zeros([2, 1, 3]).squeeze().shape).toEqual([2, 3]);
    expect(zeros([2, 3]).unsqueeze(-1).shape).toEqual([2, 3, 1]);
    expect(() => zeros([2, 3]).sum(2)).toThrow(/sum: dim 2 is out of range for a tensor of rank 2/);
    expect(() => zeros([2, 3]).expand(4, 3)).toThrow(/expand: the expanded size of the tensor \(4\) must match the existing size \(2\)/);
    expect(() => zeros([2, 3]).add(zeros([4]))).toThrow(/add: shapes \[2, 3\] and \[4\] cannot be broadcast together/);
    expect(() => zeros([2, 3]).matmul(zeros([2, 3]))).toThrow(/matmul: mat1 and mat2 shapes cannot be multiplied \(\[2, 3\] and \[2, 3\]/);
  });

  it('cat and stack check shapes and promote dtypes', () => {
    expect(cat([tensor([1, 2], { dtype: 'int32' }), tensor([0.5])]).toArraySync()).toEqual([1, 2, 0.5]);
    expect(() => cat([zeros([2, 3]), zeros([2, 4])], 0)).toThrow(
      /cat: sizes of tensors must match except in dimension 0: \[2, 3\], \[2, 4\]/,
    );
    expect(stack([tensor([1, 2]), tensor([3, 4])], 1).toArraySync()).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });
});

describe('in place with overlapping source and target', () => {
  it('copy_ and add_ read a source that shares the target storage as it was before the write', () => {
    const x = tensor([1, 2, 3, 4, 5]);
    noGrad(() => x.copy_(x.flip(0)));
    expect(x.toArraySync()).toEqual([5, 4, 3, 2, 1]);
    const y = tensor([1, 2, 3, 4]);
    noGrad(() => y.add_(y.flip(0)));
    expect(y.toArraySync()).toEqual([5, 5, 5, 5]);
  });

  it('logical ops treat NaN as true, as torch', () => {
    expect(tensor([NaN, 0]).logicalNot().toArraySync()).toEqual([0, 1]);
    expect(
      tensor([NaN])
        .logicalAnd(tensor([1]))
        .toArraySync(),
    ).toEqual([1]);
  });
});

describe('unbatched inputs to convolution and pooling, as torch', () => {
  it('a [C, H, W] input gives the batch-of-one result without the batch dim', async () => {
    const { conv2d, maxPool2d, avgPool2d, randn, convTranspose2d } = await import('../index.js');
    const image = randn([2, 5, 5]);
    const weight = randn([3, 2, 3, 3]);
    const batched = conv2d(image.unsqueeze(0), weight, null, { padding: 1 }).squeeze(0);
    expect(conv2d(image, weight, null, { padding: 1 }).toArraySync()).toEqual(batched.toArraySync());
    expect(maxPool2d(image, 2).shape).toEqual([2, 2, 2]);
    expect(maxPool2d(image, 2, { returnIndices: true }).indices.shape).toEqual([2, 2, 2]);
    expect(avgPool2d(image, 2).shape).toEqual([2, 2, 2]);
    expect(convTranspose2d(image, randn([2, 1, 2, 2])).shape).toEqual([1, 6, 6]);
  });
});
