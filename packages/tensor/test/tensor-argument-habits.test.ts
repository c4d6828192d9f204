import { describe, expect, it } from 'vitest';
import { broadcastShapes, manualSeed, max, min, rand, registerBackend, setRngState, tensor, type Backend } from '../src/index.js';

// PyTorch calls that were misread or broke the library, each found by calling every method and
// function with the wrong arguments (method-bad-arguments.test.ts). Values are torch 1.13's, printed by
// the calls quoted in each test.

const x = () =>
  tensor([
    [1, -2, 3],
    [4, 5, -6],
  ]);
const y = () =>
  tensor([
    [0, 1, 9],
    [1, 1, 1],
  ]);

describe('torch overloads that take a tensor where a number usually goes', () => {
  it('x.max(y) and torch.min(x, y) are elementwise (they overflowed the stack)', () => {
    // x.max(y), torch.min(x, y)
    expect(x().max(y()).toArraySync()).toEqual([
      [1, 1, 9],
      [4, 5, 1],
    ]);
    expect(min(x(), y()).toArraySync()).toEqual([
      [0, -2, 3],
      [1, 1, -6],
    ]);
    expect(max(x(), y()).toArraySync()).toEqual(x().maximum(y()).toArraySync());
    // torch: max() received an invalid combination of arguments - got (Tensor, bool)
    expect(() => (x().max as (...values: unknown[]) => unknown)(y(), true)).toThrow(
      'max: max(input, other) is elementwise and takes no keepdim; got true',
    );
  });

  it('maskedFill takes a 0-d tensor value, and its gradient is the count of filled positions (it filled NaN)', () => {
    // w.masked_fill(w > 0, v) with v = tensor(2., requires_grad=True); out.sum().backward()
    const value = tensor(2, { requiresGrad: true });
    const input = x().requiresGrad_();
    const out = input.maskedFill(input.gt(0), value);
    expect(out.toArraySync()).toEqual([
      [2, -2, 2],
      [2, 2, -6],
    ]);
    out.sum().backward();
    expect(value.grad!.itemSync()).toBe(4);
    expect(input.grad!.toArraySync()).toEqual([
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(() => x().maskedFill(x().gt(0), tensor([2]))).toThrow(
      'maskedFill: only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s)',
    );
  });

  it('fill_ takes a 0-d tensor (it filled NaN)', () => {
    // z = torch.zeros(2, 2); z.fill_(torch.tensor(3.))
    const filled = x().fill_(tensor(3));
    expect(filled.toArraySync()).toEqual([
      [3, 3, 3],
      [3, 3, 3],
    ]);
    expect(() => x().fill_(tensor([3]))).toThrow('fill_: only supports 0-dimension value tensor but got tensor with 1 dimensions');
    expect(() => x().fill_(undefined as never)).toThrow('fill_: value must be a number or a 0-d tensor, got undefined');
  });
});

describe('arguments that harmed the library before they were refused', () => {
  it('narrow without a length is an error; the view of NaN elements it made broke every later product', () => {
    expect(() => (x().narrow as (...values: unknown[]) => unknown)(0, 1)).toThrow('narrow: length must be an integer, got undefined');
    expect(() => x().select(0, undefined as never)).toThrow('select: index must be an integer, got undefined');
    expect(() => x().slice(0, 'a' as never)).toThrow("slice: start must be an integer, got 'a'");
    expect(x().matmul(x().t()).toArraySync()).toEqual([
      [14, -24],
      [-24, 77],
    ]);
  });

  it('registerBackend refuses what is not a backend (a tensor has a device too, and replaced the CPU backend)', () => {
    expect(() => registerBackend(x() as unknown as Backend)).toThrow("registerBackend: the backend for 'cpu' lacks the kernel(s) allocate");
    expect(() => registerBackend(null as never)).toThrow('registerBackend: expected a backend');
    expect(x().add(1).toArraySync()).toEqual([
      [2, -1, 4],
      [5, 6, -5],
    ]);
  });

  it('manualSeed and setRngState refuse what is not a seed or a state (later random ops mixed BigInt and numbers)', () => {
    expect(() => manualSeed(x() as never)).toThrow('manualSeed: seed must be an integer (or a bigint), got a Tensor');
    expect(() => manualSeed(1.5)).toThrow('manualSeed: seed must be an integer (or a bigint), got 1.5');
    expect(() => setRngState(x() as never)).toThrow('setRngState: expected a state from getRngState()');
    manualSeed(0);
    expect(rand([3]).shape).toEqual([3]);
  });
});

describe('torch.broadcast_shapes', () => {
  it('takes shapes only (the export took an operation name first, and read the first shape as it)', () => {
    // torch.broadcast_shapes((2, 1), (1, 3)), torch.broadcast_shapes(3, (4, 1))
    expect(broadcastShapes([2, 1], [1, 3])).toEqual([2, 3]);
    expect(broadcastShapes(3, [4, 1])).toEqual([4, 3]);
    expect(() => broadcastShapes([2], [3])).toThrow('broadcastShapes');
    expect(() => broadcastShapes('add' as never, [2])).toThrow(
      "broadcastShapes: expected a shape (an array of sizes, or sizes as arguments), got 'add'",
    );
  });
});

describe('a dim of the wrong kind', () => {
  it('is named in the reductions (a tensor or null overflowed the stack)', () => {
    expect(() => x().sum(tensor(1) as never)).toThrow('sum: dim must be an integer or a list of integers, got a Tensor');
    expect(() => x().cumsum('a' as never)).toThrow("cumsum: dim must be an integer, got 'a'");
    expect(() => x().norm(tensor(1) as never)).toThrow('norm: p must be a number, got a Tensor');
    expect(() => x().softmax(tensor(1) as never)).toThrow('softmax: dim must be an integer, got a Tensor');
  });
});
