import { describe, expect, it } from 'vitest';
import { argsort, sort, tensor, topk, type Tensor, where } from '../index.js';

// torch.sort(x, dim=1, descending=False), x.topk(2, dim=0, largest=False) and argsort's keywords, as a
// PyTorch user writes them: an options object. They used to be read as the positional flag, so
// `{ descending: false }` (an object, truthy) sorted descending and `topk(x, 2, { largest: false })`
// threw about a dim "[object Object]". The expected values are the rows sorted by hand.
describe('sort, argsort and topk read their keywords', () => {
  const x = tensor([
    [3, -1, 2],
    [0, 5, -4],
  ]);
  const values = (t: Tensor) => Array.from(t.dataSync());

  it('sort and argsort: positional, keyword, and a dim followed by keywords', () => {
    expect(values(sort(x, { dim: 1, descending: false }).values)).toEqual([-1, 2, 3, -4, 0, 5]);
    expect(values(x.sort({ descending: false }).values)).toEqual([-1, 2, 3, -4, 0, 5]);
    expect(values(x.sort(1, { descending: true }).values)).toEqual([3, 2, -1, 5, 0, -4]);
    expect(values(x.sort({ dim: 0, descending: true, stable: true }).values)).toEqual([3, 5, 2, 0, -1, -4]);
    expect(values(x.sort(1, true).indices)).toEqual([0, 2, 1, 1, 0, 2]);
    expect(values(argsort(x, { dim: 1, descending: true }))).toEqual([0, 2, 1, 1, 0, 2]);
    expect(values(x.argsort({ descending: false }))).toEqual([1, 2, 0, 2, 0, 1]);
  });

  it('topk: largest and smallest, by keyword or position', () => {
    expect(values(x.topk(2, { dim: 1, largest: false }).values)).toEqual([-1, 2, -4, 0]);
    expect(values(x.topk(1, { dim: 0, largest: false }).indices)).toEqual([1, 0, 1]);
    expect(values(topk(x, 2, 1, false).values)).toEqual([-1, 2, -4, 0]);
    expect(values(topk(x, 2, { largest: true, sorted: true }).values)).toEqual([3, 2, 5, 0]);
    expect(values(x.topk(1, 0, { largest: false }).values)).toEqual([0, -1, -4]);
  });

  it('unknown keywords and flags that are not booleans are errors naming the call', () => {
    expect(() => x.sort({ descnding: true } as never)).toThrow('sort: unknown option `descnding`');
    expect(() => x.sort(1, 'descending' as never)).toThrow("sort: descending must be true or false, got 'descending'");
    expect(() => x.argsort(1, 1 as never)).toThrow('argsort: descending must be true or false, got 1');
    expect(() => x.topk(2, { dim: 1, largest: 'no' } as never)).toThrow("topk: largest must be true or false, got 'no'");
    expect(() => x.topk(2, { k: 2 } as never)).toThrow('topk: unknown option `k`');
    expect(() => x.topk(2, 1, { dim: 0 })).toThrow('topk: `dim` given both as a positional argument and as an option');
  });
});

describe('calls PyTorch allows with fewer arguments', () => {
  it('softmax without dim names softmax and says dim is required', () => {
    const x = tensor([[1, 2]]);
    expect(() => (x.softmax as (dim?: number) => Tensor)()).toThrow(
      "softmax: dim is required (torch's implicit dim is deprecated); e.g. x.softmax(-1) for the last axis",
    );
    expect(() => (x.logSoftmax as (dim?: number) => Tensor)()).toThrow('logSoftmax: dim is required');
  });

  it('where with only a condition points to nonzero', () => {
    expect(() => (where as unknown as (condition: Tensor) => Tensor)(tensor([true, false]))).toThrow(
      'where: needs (condition, a, b); torch.where(condition) with one argument is nonzero(condition)',
    );
  });
});
