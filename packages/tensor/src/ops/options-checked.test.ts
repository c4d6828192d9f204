import { describe, expect, it } from 'vitest';
import { fold, ones, pad, tensor, unfold, zeros } from '../index.js';
import { gradcheck, gradgradcheck } from '../testing/index.js';

// An option that is not understood is an error that names the call, never ignored: these calls used
// to accept any key (unfold's `kernel_size`, uniform_'s `low`) and a string fill value (torch's mode).
describe('options are checked', () => {
  const images = ones([1, 1, 4, 4]);
  it('unfold and fold', () => {
    expect(() => unfold(images, 2, { strides: 2 } as never)).toThrow('unfold: unknown option `strides`');
    expect(() => fold(ones([1, 4, 9]), 4, 2, { dilations: 1 } as never)).toThrow('fold: unknown option `dilations`');
    expect(unfold(images, 2, { stride: 2 }).shape).toEqual([1, 4, 4]);
  });

  it('uniform_ and normal_', () => {
    expect(() => zeros([3]).uniform_(0, 1, { low: 0 } as never)).toThrow('uniform_: unknown option `low`. Accepted options: generator');
    expect(() => zeros([3]).normal_(0, 1, { std: 2 } as never)).toThrow('normal_: unknown option `std`. Accepted options: generator');
  });

  it("pad's fill value is a number", () => {
    expect(() => pad(images, [1, 1], 'reflect' as never)).toThrow("pad: the fill value must be a number, got 'reflect'");
    expect(pad(images, [1, 1], 2).shape).toEqual([1, 1, 4, 6]);
  });

  it("pad's options: a mode (torch's F.pad modes, checked), and no fill value outside mode 'constant'", () => {
    const row = tensor([[[0, 1, 2, 3]]]);
    expect(pad(row, [2, 1], { mode: 'reflect' }).toArraySync()).toEqual([[[2, 1, 0, 1, 2, 3, 2]]]);
    expect(pad(row, [2, 1], { mode: 'replicate' }).toArraySync()).toEqual([[[0, 0, 0, 1, 2, 3, 3]]]);
    expect(pad(row, [2, 1], { mode: 'circular' }).toArraySync()).toEqual([[[2, 3, 0, 1, 2, 3, 0]]]);
    expect(pad(row, [1, 0], { value: 7 }).toArraySync()).toEqual([[[7, 0, 1, 2, 3]]]);
    expect(() => pad(row, [1, 1], { mode: 'symmetric' } as never)).toThrow(
      "pad: mode must be one of 'constant', 'reflect', 'replicate', 'circular', got 'symmetric'",
    );
    expect(() => pad(row, [1, 1], { mode: 'reflect', value: 3 })).toThrow(
      "pad: a fill value (3) is only used by mode 'constant', not 'reflect'",
    );
    expect(() => pad(row, [1, 1], { padding_mode: 'reflect' } as never)).toThrow('pad: unknown option `padding_mode`');
  });

  it('gradcheck and gradgradcheck (a `secondOrder` flag used to be ignored: only first order was checked)', () => {
    const x = ones([2], { dtype: 'float64', requiresGrad: true });
    expect(() => gradcheck((input) => input.exp(), [x], { secondOrder: true } as never)).toThrow(
      'gradcheck: unknown option `secondOrder`. Accepted options: eps, atol, rtol',
    );
    expect(() => gradgradcheck((input) => input.exp(), [x], { tol: 1e-3 } as never)).toThrow('gradgradcheck: unknown option `tol`');
  });
});
