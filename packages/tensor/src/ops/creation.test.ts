import { describe, expect, it } from 'vitest';
import {
  arange,
  eye,
  full,
  linspace,
  manualSeed,
  ones,
  onesLike,
  rand,
  randint,
  randn,
  randperm,
  bernoulli,
  normal,
  tensor,
  zeros,
} from '../index.js';

describe('creation', () => {
  it('tensor() infers shape and dtype from nested arrays, typed arrays and booleans', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(x.shape).toEqual([2, 3]);
    expect(x.dtype).toBe('float32');
    expect(tensor(new Int32Array([1, 2])).dtype).toBe('int32');
    expect(tensor(new Float64Array(6), { shape: [3, 2] }).shape).toEqual([3, 2]);
    expect(tensor([true, false]).dtype).toBe('bool');
    const pixels = tensor(new Uint8Array([0, 200, 3]));
    expect(pixels.dtype).toBe('int32');
    expect(pixels.toArraySync()).toEqual([0, 200, 3]);
    expect(tensor(5).shape).toEqual([]);
    expect(tensor([]).shape).toEqual([0]);
    expect(() => tensor([[1, 2], [3]])).toThrow(/ragged nested array/);
    expect(() => tensor(new Float32Array(5), { shape: [2, 3] })).toThrow(/shape \[2, 3\] does not match 5 values/);
  });

  it('zeros, ones, full, eye, *Like', () => {
    expect(zeros([2]).toArraySync()).toEqual([0, 0]);
    expect(ones([2], { dtype: 'int32' }).dtype).toBe('int32');
    expect(full([2, 2], 7).toArraySync()).toEqual([
      [7, 7],
      [7, 7],
    ]);
    expect(eye(2, 3).toArraySync()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(onesLike(tensor([[1, 2]], { dtype: 'float64' })).dtype).toBe('float64');
  });

  it("eye takes torch's eye(n, dtype=…) and eye(n, None) (the options object was read as m)", () => {
    const square = eye(2, { dtype: 'float64' });
    expect([square.dtype, square.toArraySync()]).toEqual([
      'float64',
      [
        [1, 0],
        [0, 1],
      ],
    ]);
    expect(eye(2, null).shape).toEqual([2, 2]);
    expect(eye(2, 3, { dtype: 'int32' }).dtype).toBe('int32');
    expect(() => eye(2, '3' as never)).toThrow("eye: m must be an integer, got '3'");
    expect(() => eye(2, {} as never, {})).toThrow('eye: the options come last, once');
  });

  it('arange and linspace follow torch (int32 for integer arguments, exact end points)', () => {
    expect(arange(5).toArraySync()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(5).dtype).toBe('int32');
    expect(arange(1, 2, 0.25).toArraySync()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(arange(5, 0, -2).toArraySync()).toEqual([5, 3, 1]);
    expect(linspace(0, 1, 5).toArraySync()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(-1, 1, 1).toArraySync()).toEqual([-1]);
  });
});

describe('random', () => {
  it('manualSeed makes every random op reproducible', () => {
    manualSeed(3);
    const first = [rand([5]).toArraySync(), randn([5]).toArraySync(), randint(0, 10, [5]).toArraySync(), randperm(6).toArraySync()];
    manualSeed(3);
    const second = [rand([5]).toArraySync(), randn([5]).toArraySync(), randint(0, 10, [5]).toArraySync(), randperm(6).toArraySync()];
    expect(second).toEqual(first);
  });

  it('distributions have the right moments and ranges', () => {
    manualSeed(11);
    const n = 20_000;
    const gaussian = randn([n]);
    // N(0,1): standard error of the mean 0.007, of the variance 0.01
    expect(Math.abs(gaussian.mean().itemSync())).toBeLessThan(0.03);
    expect(Math.abs(gaussian.var().itemSync() - 1)).toBeLessThan(0.04);
    const shifted = normal([n], 3, 0.5);
    expect(Math.abs(shifted.mean().itemSync() - 3)).toBeLessThan(0.02);
    const integers = randint(-2, 3, [n]);
    expect(integers.dtype).toBe('int32');
    expect(integers.min().itemSync()).toBe(-2);
    expect(integers.max().itemSync()).toBe(2);
    const coin = bernoulli(0.3, [n]);
    expect(Math.abs(coin.mean().itemSync() - 0.3)).toBeLessThan(0.02);
    const permutation = randperm(100).toArraySync() as number[];
    expect([...permutation].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe('dtype promotion (torch.result_type)', () => {
  it('int ⊕ float scalar → float32; int / int → float32; bool + int → int32; float32 + float64 → float64', () => {
    const ints = tensor([1, 2], { dtype: 'int32' });
    expect(ints.mul(0.5).dtype).toBe('float32');
    expect(ints.mul(2).dtype).toBe('int32');
    expect(ints.div(ints).dtype).toBe('float32');
    expect(tensor([true, false]).add(ints).dtype).toBe('int32');
    expect(tensor([1], { dtype: 'float32' }).add(tensor([1], { dtype: 'float64' })).dtype).toBe('float64');
    expect(tensor([1.5], { dtype: 'float32' }).add(2.5).dtype).toBe('float32'); // scalars never widen a float tensor
    expect(ints.sum().dtype).toBe('int32');
    expect(tensor([true, true]).sum().itemSync()).toBe(2);
    expect(() => ints.mean()).toThrow(/mean: .*must be floating point, got int32/);
  });
});
