import { describe, expect, it } from 'vitest';
import { add, manualSeed, maxPool2d, randn, sort, sub, tensor, topk } from '../index.js';

// Three PyTorch habits that failed with an engine message or silently before: destructuring the
// (values, indices) pair of max/sort/topk, the `alpha=` keyword of add and sub, and `loss.item()` used
// as a number.
manualSeed(0);
const x = tensor([
  [1, 5, 3],
  [4, 2, 6],
]);

describe('(values, indices) pairs read by position, as torch’s named tuples', () => {
  it('const [values, indices] = x.max(1): torch.max(outputs, 1) of the classic accuracy loop', () => {
    const result = x.max(1);
    const [values, indices] = result;
    expect(values.toArraySync()).toEqual([5, 6]);
    expect(indices.toArraySync()).toEqual([1, 2]);
    expect([result[0], result[1]]).toEqual([result.values, result.indices]);
    const [, smallest] = x.min(1, true);
    expect(smallest.toArraySync()).toEqual([[0], [1]]);
  });

  it('sort, topk and max pooling’s returnIndices destructure too', () => {
    const [sorted, order] = sort(x, 1, true);
    expect(sorted.toArraySync()).toEqual([
      [5, 3, 1],
      [6, 4, 2],
    ]);
    expect(order.toArraySync()).toEqual([
      [1, 2, 0],
      [2, 0, 1],
    ]);
    const [best, where] = topk(x.flatten(), 2);
    expect([best.toArraySync(), where.toArraySync()]).toEqual([
      [6, 5],
      [5, 1],
    ]);
    const [pooled, positions] = maxPool2d(x.reshape(1, 1, 2, 3), [2, 2], { stride: 1, returnIndices: true });
    expect([pooled.toArraySync(), positions.toArraySync()]).toEqual([[[[[5, 6]]]], [[[[1, 5]]]]]);
  });
});

describe('add and sub take torch’s alpha keyword', () => {
  it('x.add(y, { alpha: 2 }) is x + 2y, as x.add(y, 2); the scalar and in-place forms too', () => {
    const y = tensor([
      [1, 1, 1],
      [2, 2, 2],
    ]);
    // before: "typedArrayConstructors[dtype] is not a constructor"
    expect(x.add(y, { alpha: 2 }).toArraySync()).toEqual(x.add(y, 2).toArraySync());
    expect(sub(x, y, { alpha: 3 }).toArraySync()).toEqual([
      [-2, 2, 0],
      [-2, -4, 0],
    ]);
    expect(add(x, 1, { alpha: 2 }).toArraySync()).toEqual([
      [3, 7, 5],
      [6, 4, 8],
    ]);
    expect(x.clone().add_(y, { alpha: -1 }).toArraySync()).toEqual(x.sub(y).toArraySync());
    expect(x.clone().sub_(1, { alpha: 2 }).toArraySync()).toEqual(x.sub(2).toArraySync());
    expect(() => x.add(y, { alhpa: 2 } as never)).toThrow('add: unknown option `alhpa`. Accepted options: alpha');
    expect(() => x.sub_(y, { alpha: '2' } as never)).toThrow("sub_: alpha must be a finite number, got '2'");
  });
});

describe('item() used as a number', () => {
  it('total += loss.item() throws, naming await and itemSync, where it made "0[object Promise]"', async () => {
    const loss = randn([]);
    let total = 0;
    expect(() => {
      total += loss.item() as unknown as number;
    }).toThrow('item() returns a Promise (a read may wait for the GPU), and it was used as a number: write `await x.item()`');
    expect(() => `${loss.item()}`).toThrow('item() returns a Promise');
    total += await loss.item();
    expect(total).toBe(loss.itemSync());
    await expect(randn([2]).item()).rejects.toThrow('item: a Tensor with 2 elements cannot be converted to a number');
  });
});
