import { describe, expect, it } from 'vitest';
import { maskedSelect, maskedSelectAsync, tensor } from '../index.js';
import { leftBehind } from '../testing/index.js';

// torch.masked_select / PyTorch's x[mask], which had no counterpart: closed forms on small tensors.
describe('maskedSelect', () => {
  const x = tensor([
    [1, -2, 3],
    [-4, 5, -6],
  ]);

  it('selects in row-major order, x[x > 0] included, with a mask that broadcasts', () => {
    expect(x.maskedSelect(x.gt(0)).toArraySync()).toEqual([1, 3, 5]);
    expect(maskedSelect(x, tensor([true, false, true])).toArraySync()).toEqual([1, 3, -4, -6]);
    expect(maskedSelect(x, tensor([[false], [true]])).toArraySync()).toEqual([-4, 5, -6]);
    expect(maskedSelect(x, x.gt(10)).shape).toEqual([0]);
  });

  it('broadcasts x against a larger mask, and sends each selected element’s gradient back (summed where x was broadcast)', () => {
    const row = tensor([1, 2, 3], { requiresGrad: true });
    const mask = tensor([
      [true, false, true],
      [true, true, false],
    ]);
    const selected = maskedSelect(row, mask);
    expect(selected.toArraySync()).toEqual([1, 3, 1, 2]);
    selected
      .mul(tensor([1, 10, 100, 1000]))
      .sum()
      .backward();
    expect(row.grad!.toArraySync()).toEqual([101, 1000, 10]);
  });

  it('has an asynchronous form for devices that read asynchronously', async () => {
    expect((await maskedSelectAsync(x, x.lt(0))).toArraySync()).toEqual([-2, -4, -6]);
  });

  it('names a mask that is not bool, and shapes that do not broadcast', () => {
    expect(() => maskedSelect(x, tensor([1, 0, 1]))).toThrow('maskedSelect: mask must be a bool tensor (x.gt(0), say), got float32 [3]');
    expect(() => maskedSelect(x, tensor([true, false]))).toThrow(/maskedSelect/);
  });

  it('releases its intermediates', () => {
    const mask = x.gt(0);
    maskedSelect(x, mask).dispose();
    expect(leftBehind(() => maskedSelect(x, mask), [x, mask])).toEqual({ handles: 0, bytes: 0 });
  });
});
