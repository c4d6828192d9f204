import { describe, expect, it } from 'vitest';
import {
  argmax,
  cat,
  chunk,
  flatten,
  max,
  mean,
  min,
  norm,
  softmax,
  split,
  squeeze,
  stack,
  sum,
  tensor,
  type Tensor,
  unbind,
} from '../index.js';

// torch's `dim=` and `keepdim=` keywords as an options object, as docs/from-pytorch.md promises
// (`f(x, { dim: 1, keepdim: true })`). Before, `x.sum(1, { keepdim: false })` kept the dimension (the
// object, being truthy, was read as the flag) and `x.sum({ dim: 1 })` failed with "list.map is not a
// function". Expected values are closed forms of the 2×3 matrix below.
describe('dim and keepdim keywords', () => {
  const x = tensor([
    [1, -2, 3],
    [4, 5, -6],
  ]);
  const read = (t: Tensor) => ({ shape: t.shape, values: Array.from(t.dataSync()) });

  it('reductions: { keepdim: false } no longer keeps the dimension', () => {
    expect(read(x.sum(1, { keepdim: false }))).toEqual({ shape: [2], values: [2, 3] });
    expect(read(x.mean(1, { keepdim: false })).shape).toEqual([2]);
    expect(read(x.amax(0, { keepdim: false }))).toEqual({ shape: [3], values: [4, 5, 3] });
    expect(read(x.gt(0).any(1, { keepdim: false })).shape).toEqual([2]);
    expect(read(x.max(1, { keepdim: false }).values)).toEqual({ shape: [2], values: [3, 5] });
    expect(read(x.logsumexp(1, { keepdim: false })).shape).toEqual([2]);
    expect(read(x.sum(1, { keepdim: true }))).toEqual({ shape: [2, 1], values: [2, 3] });
  });

  it('reductions take { dim, keepdim } alone', () => {
    expect(read(sum(x, { dim: 0 }))).toEqual({ shape: [3], values: [5, 3, -3] });
    expect(read(x.sum({ dim: [0, 1], keepdim: true }))).toEqual({ shape: [1, 1], values: [5] });
    expect(read(mean(x, { dim: 1, keepdim: true }))).toEqual({ shape: [2, 1], values: [2 / 3, 1].map(Math.fround) });
    expect(read(x.prod({ dim: 1 }))).toEqual({ shape: [2], values: [-6, -120] });
    expect(read(argmax(x, { dim: 1, keepdim: true }))).toEqual({ shape: [2, 1], values: [2, 1] });
    expect(read(x.argmin({ dim: 0 }))).toEqual({ shape: [3], values: [0, 0, 1] });
    const { values, indices } = max(x, { dim: 0 });
    expect([read(values).values, read(indices).values]).toEqual([
      [4, 5, 3],
      [1, 1, 0],
    ]);
    expect(read(x.min({ dim: 1 }).values).values).toEqual([-2, -6]);
    expect(read(x.gt(0).all({ dim: 1 })).values).toEqual([0, 0]);
    // |1| + |−2| + |3| = 6, |4| + |5| + |−6| = 15; √(1 + 4 + 9) = √14 per the first row
    expect(read(norm(x, { p: 1, dim: 1 })).values).toEqual([6, 15]);
    expect(read(x.norm({ dim: 1, keepdim: true }))).toEqual({ shape: [2, 1], values: [Math.sqrt(14), Math.sqrt(77)].map(Math.fround) });
    expect(read(x.cumsum({ dim: 1 })).values).toEqual([1, -1, 2, 4, 9, 3]);
    expect(read(softmax(x, { dim: 1 }))).toEqual(read(x.softmax(1)));
    expect(read(x.logSoftmax({ dim: 0 }))).toEqual(read(x.logSoftmax(0)));
  });

  it('joins, splits and views take { dim }; flatten takes { startDim, endDim }; to takes { dtype }', () => {
    expect(cat([x, x], { dim: 1 }).shape).toEqual([2, 6]);
    expect(stack([x, x], { dim: 2 }).shape).toEqual([2, 3, 2]);
    expect(split(x, 2, { dim: 1 }).map((part) => part.shape)).toEqual([
      [2, 2],
      [2, 1],
    ]);
    expect(chunk(x, 3, { dim: 1 }).map((part) => read(part).values)).toEqual([
      [1, 4],
      [-2, 5],
      [3, -6],
    ]);
    expect(unbind(x, { dim: 1 }).length).toBe(3);
    expect(x.unsqueeze({ dim: 1 }).shape).toEqual([2, 1, 3]);
    expect(squeeze(tensor([[[1], [2]]]), { dim: [0, 2] }).shape).toEqual([2]);
    const cube = tensor([
      [
        [1, 2],
        [3, 4],
      ],
    ]);
    expect(flatten(cube, { startDim: 1 }).shape).toEqual([1, 4]);
    expect(cube.flatten({ endDim: 1 }).shape).toEqual([2, 2]);
    expect(cube.flatten(0, { endDim: 1 }).shape).toEqual([2, 2]);
    expect(x.to({ dtype: 'float64' }).dtype).toBe('float64');
    expect(x.to({ dtype: 'int32', device: 'cpu' }).dtype).toBe('int32');
  });

  it('max(x) and min(x) without a dim reduce every element, as torch.max(x) and x.max() (they threw "argmax: dim undefined")', () => {
    const m = tensor([
      [1, 5],
      [-3, 2],
    ]);
    expect(max(m).itemSync()).toBe(5);
    expect(min(m).itemSync()).toBe(-3);
    expect(max(m, 1).indices.toArraySync()).toEqual([1, 1]);
    expect(min(m, { dim: 0, keepdim: true }).values.toArraySync()).toEqual([[-3, 2]]);
    expect(() => max(m, undefined as never, true)).toThrow(
      'max: keepdim needs a dim; without one, max(x) reduces every element to one value',
    );
    expect(() => m.min({ keepdim: true } as never)).toThrow('min: keepdim needs a dim');
  });

  it('unknown keywords, a keepdim that is not a boolean and a dim given twice are errors naming the op', () => {
    expect(() => x.sum(1, { keepdm: true } as never)).toThrow('sum: unknown option `keepdm`. Accepted options: dim, keepdim');
    expect(() => x.mean({ axis: 1 } as never)).toThrow('mean: unknown option `axis`');
    expect(() => x.sum(1, 1 as never)).toThrow('sum: keepdim must be true or false, got 1');
    expect(() => x.amax(1, { dim: 0 } as never)).toThrow('amax: `dim` given both as a positional argument and as an option');
    expect(() => cat([x, x], { axis: 1 } as never)).toThrow('cat: unknown option `axis` (did you mean `dim`?). Accepted options: dim');
    expect(() => x.flatten({ start_dim: 1 } as never)).toThrow('flatten: unknown option `start_dim`');
    expect(() => x.norm({ p: 1, ord: 2 } as never)).toThrow('norm: unknown option `ord`');
    expect(() => x.to({ dtype: 'float64', memoryFormat: 'channelsLast' } as never)).toThrow('to: unknown option `memoryFormat`');
    expect(() => x.to({})).toThrow('to: give a dtype, a device, or both');
  });
});
