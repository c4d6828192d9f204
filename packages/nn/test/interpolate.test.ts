import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@dl/tensor';
import { gradcheck, leftBehind } from '@dl/tensor/testing';
import { F, Upsample, UpsamplingBilinear2d, UpsamplingNearest2d, type InterpolateOptions } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// F.interpolate against torch 1.13 (tools/fixtures/nn_interpolate_reference.py): outputs, and the
// gradient of sum(output · weights) with a different weight at every output position.
interface InterpolateCase {
  name: string;
  input: FixtureTensor;
  options: InterpolateOptions;
  output: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
}
const reference = readFixture<{ cases: InterpolateCase[] }>('nn_interpolate.json');

describe('F.interpolate against torch', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))('%s', (_, entry) => {
    const input = fromFixture(entry.input).requiresGrad_();
    const output = F.interpolate(input, entry.options);
    expectClose(output, entry.output, `${entry.name}: output`, 1e-6, 1e-6);
    output.mul(fromFixture(entry.weights)).sum().backward();
    expectClose(input.grad, entry.gradient, `${entry.name}: gradient`, 1e-5, 1e-5);
  });

  it('passes float64 gradcheck in the linear modes', () => {
    const images = tensor(
      [
        [
          [
            [0.3, -1.2, 0.7],
            [2.1, 0.4, -0.5],
          ],
        ],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    const bilinear = (x: Tensor) => F.interpolate(x, { size: [3, 5], mode: 'bilinear' });
    const aligned = (x: Tensor) => F.interpolate(x, { scaleFactor: 1.5, mode: 'bilinear', alignCorners: true });
    expect(gradcheck(bilinear, [images])).toBe(true);
    expect(gradcheck(aligned, [images])).toBe(true);
    expect(gradcheck((x: Tensor) => F.interpolate(x, { size: [4, 5], mode: 'bicubic' }), [images])).toBe(true);
    expect(gradcheck((x: Tensor) => F.interpolate(x, { size: [1, 2], mode: 'area' }), [images])).toBe(true);
  });

  it('releases its index and weight tensors when it returns', () => {
    const images = fromFixture(reference.cases[0]!.input);
    const options: InterpolateOptions = { scaleFactor: 2, mode: 'bilinear' };
    F.interpolate(images, options).dispose();
    expect(leftBehind(() => F.interpolate(images, options), [images])).toEqual({ handles: 0, bytes: 0 });
  });

  it('names what it cannot do, with torch’s rules', () => {
    const images = tensor([
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
    ]);
    expect(() => F.interpolate(images, { size: 4, scaleFactor: 2 })).toThrow('interpolate: give exactly one of size and scaleFactor');
    expect(() => F.interpolate(images, { scaleFactor: 2, alignCorners: true })).toThrow(
      "interpolate: alignCorners can only be set with the interpolating modes 'linear', 'bilinear', 'bicubic' and 'trilinear'",
    );
    expect(() => F.interpolate(images, { scaleFactor: 2, mode: 'linear' })).toThrow(
      "interpolate: mode 'linear' takes 3-d input ([N, C, L]), got [1, 1, 2, 2]",
    );
    expect(() => F.interpolate(images, { scaleFactor: 2, mode: 'bicubic ' as never })).toThrow(
      "interpolate: mode must be 'nearest', 'linear', 'bilinear', 'bicubic', 'trilinear' or 'area', got 'bicubic '",
    );
    expect(() => F.interpolate(images, { scaleFactor: 2, mode: 'trilinear' })).toThrow(
      "interpolate: mode 'trilinear' takes 5-d input ([N, C, D, H, W]), got [1, 1, 2, 2]",
    );
    expect(() => F.interpolate(images, { scaleFactor: 2, mode: 'area', alignCorners: false })).toThrow('alignCorners can only be set');
    expect(() => F.interpolate(images, { scale_factor: 2 } as never)).toThrow(
      'interpolate: unknown option `scale_factor` (did you mean `scaleFactor`?)',
    );
    expect(() => F.interpolate(images, { scaleFactor: 0.2 })).toThrow('interpolate: the output size must be positive integers, got 0');
  });
});

describe('Upsample layers', () => {
  it('Upsample, UpsamplingNearest2d and UpsamplingBilinear2d are F.interpolate with their options', () => {
    const entry = reference.cases.find((candidate) => candidate.name === 'bilinear, corners aligned')!;
    const input = fromFixture(entry.input);
    expectClose(new UpsamplingBilinear2d({ size: [7, 9] }).call(input), entry.output, 'UpsamplingBilinear2d', 1e-6, 1e-6);
    const doubled = reference.cases.find((candidate) => candidate.name === 'nearest ×2')!;
    expectClose(new UpsamplingNearest2d({ scaleFactor: 2 }).call(fromFixture(doubled.input)), doubled.output, 'UpsamplingNearest2d', 0, 0);
    expectClose(new Upsample({ scaleFactor: 2 }).call(fromFixture(doubled.input)), doubled.output, 'Upsample', 0, 0);
    expect(String(new Upsample({ scaleFactor: 2, mode: 'bilinear' }))).toBe("Upsample(scaleFactor=2, mode='bilinear')");
    expect(new Upsample({ size: 4 }).parameters()).toEqual([]);
    expect(() => new Upsample({ scale_factor: 2 } as never)).toThrow(
      'Upsample: unknown option `scale_factor` (did you mean `scaleFactor`?)',
    );
    expect(() => new Upsample({})).toThrow('Upsample: give exactly one of size and scaleFactor');
  });
});
