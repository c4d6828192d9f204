import { describe, expect, it } from 'vitest';
import { erase, grayscale, rgbToGrayscale } from '@dl/data';
import { arange, tensor, type Tensor } from '@dl/tensor';

/** A [3, 2, 2] float64 image whose channels are R, G and B. */
const red = [
  [0.1, 0.9],
  [0.5, 0.0],
];
const green = [
  [0.2, 0.3],
  [1.0, 0.25],
];
const blue = [
  [0.7, 0.4],
  [0.0, 1.0],
];
const rgb = () => tensor([red, green, blue], { dtype: 'float64' });
/** torchvision's luma, by hand: 0.2989 R + 0.587 G + 0.114 B. */
const luma = red.map((row, y) => row.map((value, x) => 0.2989 * value + 0.587 * green[y]![x]! + 0.114 * blue[y]![x]!));

function flatDifference(actual: Tensor, expected: number[]): number {
  const values = Array.from(actual.dataSync());
  if (values.length !== expected.length) return Infinity;
  return values.reduce((worst, value, i) => Math.max(worst, Math.abs(value - expected[i]!)), 0);
}

describe('grayscale takes torchvision num_output_channels, as rgbToGrayscale', () => {
  it('3 output channels repeat the luma; 1 (the default) keeps one', () => {
    for (const three of [
      grayscale(rgb(), 3),
      grayscale(rgb(), { numOutputChannels: 3 }),
      rgbToGrayscale(rgb(), { numOutputChannels: 3 }),
    ]) {
      expect(three.shape).toEqual([3, 2, 2]);
      expect(flatDifference(three, [luma, luma, luma].flat(2))).toBeLessThan(1e-15);
    }
    const one = grayscale(rgb());
    expect(one.shape).toEqual([1, 2, 2]);
    expect(flatDifference(one, luma.flat())).toBeLessThan(1e-15);
    expect(grayscale(rgb(), 1).shape).toEqual([1, 2, 2]);
  });

  it('a batch, a one-channel image (kept at one channel, as torchvision expand) and an int32 image (truncated)', () => {
    const batch = grayscale(
      tensor(
        [
          [red, green, blue],
          [blue, red, green],
        ],
        { dtype: 'float64' },
      ),
      3,
    );
    expect(batch.shape).toEqual([2, 3, 2, 2]);
    expect(flatDifference(batch.narrow(0, 0, 1), [luma, luma, luma].flat(2))).toBeLessThan(1e-15);
    expect(grayscale(tensor([red], { dtype: 'float64' }), 3).shape).toEqual([1, 2, 2]);
    // 0.2989·200 + 0.587·100 + 0.114·50 = 124.18, truncated to 124
    const bytes = tensor([[[200]], [[100]], [[50]]], { dtype: 'int32' });
    const gray = grayscale(bytes, 3);
    expect(gray.dtype).toBe('int32');
    expect(Array.from(gray.dataSync())).toEqual([124, 124, 124]);
  });

  it('refuses another channel count, a bad numOutputChannels and extra arguments, naming the function', () => {
    expect(() => grayscale(rgb(), 2 as never)).toThrow('grayscale: numOutputChannels must be 1 or 3, got 2');
    expect(() => grayscale(rgb().narrow(0, 0, 2))).toThrow('grayscale: expects 1 or 3 channels, got 2');
    expect(() => grayscale(tensor([1, 2]))).toThrow('grayscale: expects an image [..., C, H, W], got shape [2]');
    expect(() => (grayscale as (...args: unknown[]) => Tensor)(rgb(), 3, 'extra')).toThrow(/grayscale: too many positional arguments/);
    expect(() => grayscale(rgb(), { channels: 3 } as never)).toThrow('grayscale: unknown option `channels`');
    expect(() => (rgbToGrayscale as (...args: unknown[]) => Tensor)(rgb(), 3, true)).toThrow(
      /rgbToGrayscale: too many positional arguments/,
    );
  });
});

/** [2, 4, 5] float32 with value c·20 + y·5 + x at channel c, row y, column x. */
const planes = () => arange(40).reshape([2, 4, 5]);
/** planes() with `fill(channel, y, x)` inside rows [top, bottom) × columns [left, right). */
function expected(top: number, bottom: number, left: number, right: number, fill: (c: number, y: number, x: number) => number): number[] {
  const values: number[] = [];
  for (let c = 0; c < 2; c++)
    for (let y = 0; y < 4; y++)
      for (let x = 0; x < 5; x++) values.push(y >= top && y < bottom && x >= left && x < right ? fill(c, y, x) : c * 20 + y * 5 + x);
  return values;
}

describe('erase takes torchvision inplace and a tensor value', () => {
  it('inplace writes the input and returns it; without it the input is untouched', () => {
    const image = planes();
    const copy = erase(image, 1, 2, 2, 3, 7);
    expect(copy).not.toBe(image);
    expect(Array.from(copy.dataSync())).toEqual(expected(1, 3, 2, 5, () => 7));
    expect(Array.from(image.dataSync())).toEqual(expected(0, 0, 0, 0, () => 0));
    const same = erase(image, 1, 2, 2, 3, 7, true);
    expect(same).toBe(image);
    expect(Array.from(image.dataSync())).toEqual(expected(1, 3, 2, 5, () => 7));
    const keyword = planes();
    expect(erase(keyword, 0, 0, 1, 1, -1, { inplace: true })).toBe(keyword);
    expect(keyword.dataSync()[0]).toBe(-1);
    expect(keyword.dataSync()[20]).toBe(-1);
    expect(erase(keyword, 0, 0, 1, 1, 5, { inplace: false })).not.toBe(keyword);
  });

  it('a tensor value broadcasts over the region: one per channel, or a [C, h, w] block', () => {
    const perChannel = erase(planes(), 2, 1, 2, 2, tensor([[[-1]], [[-2]]]));
    expect(Array.from(perChannel.dataSync())).toEqual(expected(2, 4, 1, 3, (c) => -1 - c));
    const block = tensor([
      [
        [100, 101],
        [102, 103],
      ],
      [
        [104, 105],
        [106, 107],
      ],
    ]);
    const image = planes();
    expect(erase(image, 0, 3, 2, 2, block, true)).toBe(image);
    expect(Array.from(image.dataSync())).toEqual(expected(0, 2, 3, 5, (c, y, x) => 100 + c * 4 + y * 2 + (x - 3)));
    // a batch [N, C, H, W] takes the same [C, 1, 1] value for every image
    const batch = erase(planes().unsqueeze(0).expand([2, 2, 4, 5]).clone(), 0, 0, 1, 1, tensor([[[9]], [[8]]]));
    const corners = Array.from(batch.dataSync()).filter((_, index) => index % 20 === 0);
    expect(corners).toEqual([9, 8, 9, 8]);
    expect(Array.from(batch.narrow(0, 1, 1).dataSync())).toEqual(expected(0, 1, 0, 1, (c) => 9 - c));
  });

  it('stops at the border as Python slices; an int32 image truncates as torch assignment', () => {
    const clipped = erase(planes(), 3, 4, 5, 5, 0);
    expect(Array.from(clipped.dataSync())).toEqual(expected(3, 4, 4, 5, () => 0));
    expect(Array.from(erase(planes(), 4, 0, 2, 2, 0).dataSync())).toEqual(expected(0, 0, 0, 0, () => 0));
    const integers = tensor([[[1, 2, 3]]], { dtype: 'int32' });
    expect(Array.from(erase(integers, 0, 0, 1, 1, 2.7).dataSync())).toEqual([2, 2, 3]);
    expect(Array.from(erase(integers, 0, 1, 1, 2, -2.7, true).dataSync())).toEqual([1, -2, -2]);
    expect(integers.dtype).toBe('int32');
  });

  it('refuses a non-boolean inplace, extra arguments, a value that does not broadcast and a negative corner', () => {
    const image = planes();
    const loose = erase as (...args: unknown[]) => Tensor;
    expect(() => loose(image, 0, 0, 1, 1, 0, 'yes')).toThrow("erase: inplace must be true or false, got 'yes'");
    expect(() => loose(image, 0, 0, 1, 1, 0, true, 1)).toThrow(/erase: too many positional arguments/);
    expect(() => loose(image, 0, 0, 1, 1, 0, { inPlace: true })).toThrow('erase: unknown option `inPlace` (did you mean `inplace`?)');
    expect(() => erase(image, 0, 0, 2, 2, tensor([1, 2, 3]))).toThrow(
      'erase: value of shape [3] does not broadcast to the erased region [2, 2, 2]',
    );
    expect(() => erase(image, -1, 0, 2, 2, 0)).toThrow('erase: top must be an integer ≥ 0, got -1');
    expect(() => loose(image, 0, 0, 2, 2, 'random')).toThrow("erase: value must be a number or a tensor, got 'random'");
    expect(Array.from(image.dataSync())).toEqual(expected(0, 0, 0, 0, () => 0));
  });
});
