import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@dl/tensor';
import { gradcheck } from '@dl/tensor/testing';
import { ConstantPad2d, F, ReflectionPad1d, ReflectionPad2d, ReplicationPad2d, ZeroPad2d, type PaddingMode } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// F.pad's modes and the padding layers against torch 1.13 (tools/fixtures/nn_padding_reference.py):
// outputs, and the gradient of sum(output · weights) with a different weight at every output position.
interface PaddingCase {
  name: string;
  input: FixtureTensor;
  padding: number[];
  mode: PaddingMode;
  value: number;
  output: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
}
const reference = readFixture<{ cases: PaddingCase[]; layers: Record<string, string> }>('nn_padding.json');

describe('F.pad against torch', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))('%s', (_, entry) => {
    const input = fromFixture(entry.input).requiresGrad_();
    const output = F.pad(input, entry.padding, { mode: entry.mode, value: entry.mode === 'constant' ? entry.value : undefined });
    expectClose(output, entry.output, `${entry.name}: output`, 0, 0); // a copy of input values: exact
    output.mul(fromFixture(entry.weights)).sum().backward();
    expectClose(input.grad, entry.gradient, `${entry.name}: gradient`, 1e-5, 1e-6);
  });

  it('torch’s positional form and the string mode read the same as the keywords', () => {
    const x = tensor([[[0, 1, 2, 3]]]);
    expect(F.pad(x, [2, 1], 'reflect').toArraySync()).toEqual([[[2, 1, 0, 1, 2, 3, 2]]]);
    expect(F.pad(x, [2, 1], 'replicate').toArraySync()).toEqual([[[0, 0, 0, 1, 2, 3, 3]]]);
    expect(F.pad(x, [2, 1], 'circular').toArraySync()).toEqual([[[2, 3, 0, 1, 2, 3, 0]]]);
    expect(F.pad(x, [1, 1], 'constant', 9).toArraySync()).toEqual([[[9, 0, 1, 2, 3, 9]]]);
  });

  it('passes float64 gradcheck in every mode', () => {
    for (const mode of ['reflect', 'replicate', 'circular'] as const) {
      const x = tensor(
        [
          [
            [0.3, -1.2, 0.7],
            [2.1, 0.4, -0.5],
          ],
        ],
        { dtype: 'float64', requiresGrad: true },
      );
      expect(gradcheck((input: Tensor) => F.pad(input, [2, 1], { mode }), [x])).toBe(true);
    }
  });

  it('names what it cannot do, with torch’s limits', () => {
    const images = tensor([
      [
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
      ],
    ]);
    expect(() => F.pad(images, [1, 1, 2, 2], 'reflect')).toThrow(
      'pad: reflect padding must be smaller than the dim it pads: 2 for dim 2 of size 2 in [1, 1, 2, 3]',
    );
    expect(() => F.pad(images, [4, 0, 0, 0], 'circular')).toThrow(
      'pad: circular padding must be at most the size of the dim it pads: 4 for dim 3',
    );
    expect(() => F.pad(images, [1, 1], 'reflect')).toThrow(
      "pad: mode 'reflect' pads the last 1, 2 or 3 dims of an input with one or two more",
    );
    expect(() => F.pad(images, [1, 1, 1, 1], 'symmetric' as never)).toThrow(
      "pad: mode must be one of 'constant', 'reflect', 'replicate', 'circular', got 'symmetric'",
    );
    expect(() => F.pad(images, [1, 1, 1, 1], { mode: 'reflect', value: 2 })).toThrow(
      "pad: a fill value (2) is only used by mode 'constant'",
    );
    expect(() => F.pad(images, [1, 1, 1, 1], { padding_mode: 'reflect' } as never)).toThrow('pad: unknown option `padding_mode`');
    // torch 1.13 crops a side with negative padding in every mode (more in pad-negative-unfold-unbatched.test.ts)
    expect(F.pad(images, [-1, 0, 0, 0], 'replicate').toArraySync()).toEqual([
      [
        [
          [2, 3],
          [5, 6],
        ],
      ],
    ]);
  });
});

describe('padding layers', () => {
  it('ReflectionPad2d, ReplicationPad2d, ZeroPad2d and ConstantPad2d are F.pad with their mode', () => {
    const entry = reference.cases.find((candidate) => candidate.name === 'reflect 2-d, batched')!;
    const input = fromFixture(entry.input);
    const [left, right, top, bottom] = entry.padding as [number, number, number, number];
    expectClose(new ReflectionPad2d([left, right, top, bottom]).call(input), entry.output, 'ReflectionPad2d', 0, 0);
    const images = tensor([
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
    ]);
    expect(new ReplicationPad2d(1).call(images).toArraySync()).toEqual([
      [
        [
          [1, 1, 2, 2],
          [1, 1, 2, 2],
          [3, 3, 4, 4],
          [3, 3, 4, 4],
        ],
      ],
    ]);
    expect(new ZeroPad2d([1, 0, 0, 0]).call(images).toArraySync()).toEqual([
      [
        [
          [0, 1, 2],
          [0, 3, 4],
        ],
      ],
    ]);
    expect(new ConstantPad2d([0, 0, 1, 0], 3.5).call(images).toArraySync()).toEqual([
      [
        [
          [3.5, 3.5],
          [1, 2],
          [3, 4],
        ],
      ],
    ]);
  });

  it('print as torch prints them, and check their padding', () => {
    expect(String(new ReflectionPad2d(2))).toBe(reference.layers['ReflectionPad2d(2)']);
    expect(String(new ReflectionPad1d([1, 2]))).toBe(reference.layers['ReflectionPad1d((1, 2))']);
    expect(String(new ReplicationPad2d([1, 0, 2, 3]))).toBe(reference.layers['ReplicationPad2d((1, 0, 2, 3))']);
    expect(String(new ConstantPad2d(1, 3.5))).toBe(reference.layers['ConstantPad2d(1, 3.5)']);
    expect(() => new ReflectionPad2d([1, 2] as never)).toThrow(
      'ReflectionPad2d: padding must be an integer or 4 integers (left, right, top, bottom), got an array [1, 2]',
    );
    expect(new ReflectionPad2d(1).parameters()).toEqual([]);
  });
});
