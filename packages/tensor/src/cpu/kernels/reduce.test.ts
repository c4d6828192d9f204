import { describe, expect, it } from 'vitest';
import { cat, full, tensor, type Tensor } from '../../index.js';

/**
 * Rows of two take their own loop. A third column that cannot change the result (−0 for a sum, since
 * s + −0 = s; −∞ for max/argmax and +∞ for min/argmin, which never win strictly nor beat a NaN) sends
 * the same rows through the general loop, which must agree bit for bit.
 */
const NaN32 = Number.NaN;
const specials = [0, -0, 1, -1, 2.5, 1e30, -1e30, Infinity, -Infinity, NaN32, 3.4e38, 1e-45];
const first: number[] = [];
const second: number[] = [];
for (const a of specials) for (const b of specials) first.push(a), second.push(b);

function pairs(dtype: 'float32' | 'float64' | 'int32'): Tensor {
  const keep = (value: number) => dtype !== 'int32' || Number.isFinite(value);
  const rows = first.map((a, i) => [a, second[i]!]).filter(([a, b]) => keep(a!) && keep(b!));
  return tensor(dtype === 'int32' ? rows.map((row) => row.map((value) => Math.trunc(value % 1000))) : rows, { dtype });
}

function withNeutralColumn(x: Tensor, value: number): Tensor {
  return cat([x, full([x.shape[0]!, 1], value, { dtype: x.dtype })], 1);
}

const bits = (x: Tensor) => Array.from(x.dataSync(), (value) => (Object.is(value, -0) ? '-0' : String(value)));

describe('reduce over rows of two', () => {
  for (const dtype of ['float32', 'float64', 'int32'] as const) {
    const x = pairs(dtype);
    const big = dtype === 'int32' ? 2 ** 31 - 1 : Infinity;

    it(`sum agrees with the general loop, signed zeros included (${dtype})`, () => {
      expect(bits(x.sum(1))).toEqual(bits(withNeutralColumn(x, -0).sum(1)));
      if (dtype !== 'int32') expect(bits(tensor([[-0, -0]], { dtype }).sum(1))).toEqual(['0']);
    });

    it(`max, min, argmax, argmin agree with the general loop: NaN wins, ties keep the first (${dtype})`, () => {
      expect(bits(x.amax(1))).toEqual(bits(withNeutralColumn(x, -big).amax(1)));
      expect(bits(x.amin(1))).toEqual(bits(withNeutralColumn(x, big).amin(1)));
      expect(bits(x.argmax(1))).toEqual(bits(withNeutralColumn(x, -big).argmax(1)));
      expect(bits(x.argmin(1))).toEqual(bits(withNeutralColumn(x, big).argmin(1)));
    });
  }

  it('closed forms: NaN in either place wins, first of ties, −0 vs 0 keeps the first', () => {
    const x = tensor([
      [NaN32, 1],
      [1, NaN32],
      [2, 2],
      [-0, 0],
      [0, -0],
      [-Infinity, -Infinity],
    ]);
    expect(bits(x.amax(1))).toEqual(['NaN', 'NaN', '2', '-0', '0', '-Infinity']);
    expect(bits(x.argmax(1))).toEqual(['0', '1', '0', '0', '0', '0']);
    expect(bits(x.argmin(1))).toEqual(['0', '1', '0', '0', '0', '0']);
  });
});

describe('a sum to one output, in blocks of 2¹⁶', () => {
  // the JavaScript kernel's path: float64 (never in the module) and float32 below the module's 2¹⁸ elements
  const count = 2 * 2 ** 16 + 3; // three blocks, the last of three elements
  /** The closed form: float64 totals of each block of 2¹⁶ in memory order, then of the blocks in order. */
  function blocked(values: ArrayLike<number>): number {
    let total = 0;
    for (let block = 0; block < values.length; block += 2 ** 16) {
      let blockTotal = 0;
      for (let i = block; i < Math.min(block + 2 ** 16, values.length); i++) blockTotal += values[i]!;
      total += blockTotal;
    }
    return total;
  }
  /** Values whose sequential and blocked totals differ: 2⁴⁰ first and −2⁴⁰ last round every addition in between. */
  function values(): number[] {
    let state = 11;
    const data = Array.from({ length: count }, () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return Math.fround(state / 2 ** 32 - 0.5);
    });
    data[0] = 2 ** 40;
    data[count - 1] = -(2 ** 40);
    return data;
  }

  for (const dtype of ['float64', 'float32'] as const)
    it(`${dtype}: x.sum(), x.mean(), a row's sum and a leading axis's sum to one output are the blocked closed form`, () => {
      const data = values();
      const round = dtype === 'float32' ? Math.fround : (value: number) => value;
      let sequential = 0;
      for (const value of data) sequential += value;
      expect(round(blocked(data))).not.toBe(round(sequential)); // the data tells the two orders apart
      const x = tensor(data, { dtype });
      const expected = round(blocked(data));
      expect(x.sum().itemSync()).toBe(expected);
      expect(x.mean().itemSync()).toBe(round(expected / count));
      expect(x.reshape([1, count]).sum(1).itemSync()).toBe(expected);
      expect(x.reshape([count, 1]).sum(0).itemSync()).toBe(expected);
      // two rows are two outputs: each row sums in memory order, as before
      const twoRows = tensor([...data, ...data], { dtype, shape: [2, count] }).sum(1);
      expect(Array.from(twoRows.dataSync())).toEqual([round(sequential), round(sequential)]);
    });
});

/**
 * Channel sums (a Linear's bias gradient, [N, C]; a convolution's, [N, C, H·W]) run in the
 * WebAssembly module from 2,048 elements, copied in when not resident: each channel's float64 total in
 * memory order, as the JavaScript loop that float64 inputs take — the same bits after rounding.
 */
describe('channel sums in the module agree with the JavaScript loop', () => {
  const values = (count: number) => Array.from({ length: count }, (_, i) => Math.sin(i * 12.9898) * 1e3 + (i % 7) * 1e-4);
  for (const shape of [
    [1000, 16],
    [800, 2],
    [100, 16],
    [4, 3, 700],
  ]) {
    it(`sum over the batch (and spatial) dims of [${shape.join(', ')}]`, () => {
      const x = tensor(values(shape.reduce((a, b) => a * b, 1)), { dtype: 'float32' }).reshape(shape);
      const dims = shape.length === 2 ? [0] : [0, 2];
      expect(bits(x.sum(dims))).toEqual(bits(x.double().sum(dims).float()));
    });
  }
});
