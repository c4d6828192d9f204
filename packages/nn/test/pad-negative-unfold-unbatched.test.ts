import { describe, expect, it } from 'vitest';
import { F, Unfold, type PaddingMode } from '../src/index.js';
import { tensor, type Tensor } from '@dl/tensor';
import { gradcheck } from '@dl/tensor/testing';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// F.pad with negative padding (a crop of that side) in the non-constant modes, and F.unfold / F.fold /
// Unfold on unbatched input, against torch 1.13 (tools/fixtures/nn_pad_unfold_reference.py): outputs,
// and the gradient of sum(output · weights) with a different weight at every output position.
interface PadCase {
  name: string;
  input: FixtureTensor;
  padding: number[];
  mode: PaddingMode;
  output: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
}
interface PadError {
  mode: PaddingMode;
  shape: number[];
  padding: number[];
  torch: string;
}
interface WindowCase {
  name: string;
  input: FixtureTensor;
  outputSize?: [number, number];
  kernel: [number, number];
  options: { dilation?: [number, number]; padding?: [number, number]; stride?: [number, number] };
  output: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
}
const reference = readFixture<{ pad: PadCase[]; padErrors: PadError[]; unfold: WindowCase[]; fold: WindowCase[] }>(
  'nn_pad_unfold_reference.json',
);

/** Runs `operation` on the case's input, compares the output and the gradient of sum(output · weights). */
function expectTorch(entry: WindowCase | PadCase, operation: (input: Tensor) => Tensor, outputTolerance: [number, number]): void {
  const input = fromFixture(entry.input).requiresGrad_();
  const output = operation(input);
  expectClose(output, entry.output, `${entry.name}: output`, ...outputTolerance);
  output.mul(fromFixture(entry.weights)).sum().backward();
  expectClose(input.grad, entry.gradient, `${entry.name}: gradient`, 1e-5, 1e-6);
}

describe('F.pad with negative padding against torch', () => {
  it.each(reference.pad.map((entry) => [entry.name, entry] as const))('%s', (_, entry) => {
    // the output is a copy of input values: exact
    expectTorch(entry, (input) => F.pad(input, entry.padding, { mode: entry.mode }), [0, 0]);
  });

  it('crops before padding as torch does, on a small example', () => {
    const x = tensor([[[0, 1, 2, 3, 4, 5]]]);
    expect(F.pad(x, [-4, 5], 'reflect').toArraySync()).toEqual([[[4, 5, 4, 3, 2, 1, 0]]]);
    expect(F.pad(x, [3, -4], 'replicate').toArraySync()).toEqual([[[0, 0, 0, 0, 1]]]);
    expect(F.pad(x, [2, -1], 'circular').toArraySync()).toEqual([[[3, 4, 0, 1, 2, 3, 4]]]);
    // torch 1.13 gives an empty dim when a circular crop takes all and nothing is added
    expect(F.pad(x, [-3, -3], 'circular').shape).toEqual([1, 1, 0]);
  });

  it('passes float64 gradcheck with mixed negative and positive padding in every mode', () => {
    for (const mode of ['reflect', 'replicate', 'circular'] as const) {
      const x = tensor(
        [
          [
            [0.3, -1.2, 0.7, 1.1],
            [2.1, 0.4, -0.5, -0.9],
            [1.3, -0.2, 0.6, 0.8],
          ],
        ],
        { dtype: 'float64', requiresGrad: true },
      );
      expect(gradcheck((input: Tensor) => F.pad(input, [-1, 2, 1, -1], { mode }), [x])).toBe(true);
    }
  });

  it.each(reference.padErrors.map((entry) => [`${entry.mode} ${entry.padding.join(', ')}`, entry] as const))(
    'refuses %s as torch does',
    (_, entry) => {
      const input = tensor(new Float32Array(entry.shape.reduce((product, extent) => product * extent, 1)), { shape: entry.shape });
      // the message names the pair of the dim at fault: the first one with a crop or a pad
      const pairs = entry.padding.flatMap((_, index) => (index % 2 === 0 ? [entry.padding.slice(index, index + 2)] : []));
      const atFault = pairs.find((pair) => pair.some((amount) => amount !== 0))!;
      expect(() => F.pad(input, entry.padding, entry.mode), `torch: ${entry.torch}`).toThrow(`(${atFault.join(', ')})`);
    },
  );

  it('names the padding and the dim it cannot crop or pad', () => {
    const x = tensor([[[0, 1, 2, 3, 4, 5]]]);
    expect(() => F.pad(x, [-7, 3], 'replicate')).toThrow(
      'pad: padding (-7, 3) crops 7 positions of dim 2 of size 6 in [1, 1, 6], more than it has',
    );
    expect(() => F.pad(x, [-3, -3], 'reflect')).toThrow(
      'pad: padding (-3, -3) leaves 0 positions of dim 2 of size 6 in [1, 1, 6]; at least 1 is needed',
    );
    expect(() => F.pad(x, [-4, 6], 'reflect')).toThrow(
      'pad: reflect padding must be smaller than the dim it pads: 6 for dim 2 of size 6 in [1, 1, 6] (padding (-4, 6))',
    );
    expect(() => F.pad(x, [3, -4], 'circular')).toThrow(
      'pad: circular padding must be at most the size of the dim it pads: 3 for dim 2 of size 6 in [1, 1, 6], 2 of it kept after cropping (padding (3, -4))',
    );
    expect(() => F.pad(x, [-1.5, 2], 'replicate')).toThrow("pad: mode 'replicate' takes integer padding, got -1.5 for dim 2");
  });
});

describe('F.unfold, Unfold and F.fold on unbatched input against torch', () => {
  it.each(reference.unfold.map((entry) => [entry.name, entry] as const))('F.unfold, %s', (_, entry) => {
    expectTorch(entry, (input) => F.unfold(input, entry.kernel, entry.options), [0, 0]);
  });

  it.each(reference.unfold.map((entry) => [entry.name, entry] as const))('Unfold, %s', (_, entry) => {
    expectTorch(entry, (input) => new Unfold(entry.kernel, entry.options).call(input), [0, 0]);
  });

  it.each(reference.fold.map((entry) => [entry.name, entry] as const))('F.fold, %s', (_, entry) => {
    // overlapping windows are summed: float32 rounding
    expectTorch(entry, (input) => F.fold(input, entry.outputSize!, entry.kernel, entry.options), [1e-5, 1e-6]);
  });

  it('still names the ranks it takes', () => {
    expect(() =>
      F.unfold(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        2,
      ),
    ).toThrow('unfold: expected a 3-D (unbatched [C, H, W]) or 4-D ([N, C, H, W]) input, got [2, 2]');
    expect(() => F.fold(tensor([1, 2, 3, 4]), [2, 2], 2)).toThrow(
      'fold: expected a 2-D (unbatched [C·kh·kw, L]) or 3-D ([N, C·kh·kw, L]) input, got [4]',
    );
  });
});
