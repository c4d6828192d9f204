import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@dl/tensor';
import { gradcheck, leftBehind } from '@dl/tensor/testing';
import { F, type GridSampleOptions } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// F.gridSample against torch 1.13 (tools/fixtures/nn_grid_sample_reference.py): outputs, and the
// gradients of sum(output · weights) with respect to the input and the grid, for every mode ×
// paddingMode × alignCorners, with grid points outside [−1, 1], on half-pixel ties and on the corners.
interface GridSampleCase {
  name: string;
  dtype: 'float32' | 'float64';
  options: GridSampleOptions;
  input: FixtureTensor;
  grid: FixtureTensor;
  output: FixtureTensor;
  weights: FixtureTensor;
  inputGradient: FixtureTensor;
  gridGradient: FixtureTensor;
}
const reference = readFixture<{ gridSample: GridSampleCase[] }>('nn_grid_sample.json');

describe('F.gridSample against torch', () => {
  it.each(reference.gridSample.map((entry) => [entry.name, entry] as const))('%s', (_, entry) => {
    // float64 agrees to rounding; float32 to its precision
    const tolerance = entry.dtype === 'float64' ? 1e-10 : 1e-5;
    const input = fromFixture(entry.input, entry.dtype).requiresGrad_();
    const grid = fromFixture(entry.grid, entry.dtype).requiresGrad_();
    const output = F.gridSample(input, grid, entry.options);
    expect(output.dtype).toBe(entry.dtype);
    expectClose(output, entry.output, `${entry.name}: output`, tolerance, tolerance);
    output.mul(fromFixture(entry.weights, entry.dtype)).sum().backward();
    expectClose(input.grad, entry.inputGradient, `${entry.name}: input gradient`, tolerance, tolerance);
    // the nearest mode's grid gradient is zeros (not null), as torch's
    expectClose(grid.grad, entry.gridGradient, `${entry.name}: grid gradient`, tolerance, tolerance);
  });

  it('covers every mode, padding mode and alignment torch has', () => {
    const combinations = new Set(reference.gridSample.map(({ name, options }) => `${name.slice(0, 3)} ${JSON.stringify(options)}`));
    expect(combinations.size).toBeGreaterThanOrEqual(3 * 3 * 2 + 2 * 3 * 2);
  });

  it('passes float64 gradcheck for the input and the grid', () => {
    const input = tensor(
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
    // positions away from pixel boundaries and clip limits, where the sampling is smooth
    const grid = tensor(
      [
        [
          [
            [-0.8, 0.35],
            [1.3, -0.2],
            [0.15, -1.45],
          ],
        ],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    for (const options of [
      { paddingMode: 'border', alignCorners: true },
      { paddingMode: 'reflection' },
      { mode: 'bicubic', paddingMode: 'reflection' },
      { mode: 'bicubic', alignCorners: true },
    ] as GridSampleOptions[])
      expect(gradcheck((x: Tensor, g: Tensor) => F.gridSample(x, g, options), [input, grid])).toBe(true);
    const volume = tensor([0.4, -0.9, 1.3, 0.2, -0.6, 0.8, 1.1, -0.3], { dtype: 'float64', shape: [1, 1, 2, 2, 2], requiresGrad: true });
    const points = tensor([0.3, -0.7, 0.55, -0.25, 1.2, 0.1], { dtype: 'float64', shape: [1, 1, 1, 2, 3], requiresGrad: true });
    expect(gradcheck((x: Tensor, g: Tensor) => F.gridSample(x, g, { paddingMode: 'reflection' }), [volume, points])).toBe(true);
  });

  it('samples an identity affine grid back to the input', () => {
    const entry = reference.gridSample[0]!;
    const input = fromFixture(entry.input, 'float64');
    const identity = tensor([[1, 0, 0, 0, 1, 0]], { dtype: 'float64', shape: [1, 2, 3] }).expand([2, 2, 3]);
    for (const alignCorners of [false, true]) {
      const grid = F.affineGrid(identity, input.shape, { alignCorners });
      expectClose(F.gridSample(input, grid, { alignCorners }), entry.input, `identity, alignCorners ${alignCorners}`, 1e-12, 1e-12);
    }
  });

  it('releases its intermediates when it returns', () => {
    const entry = reference.gridSample[0]!;
    const [input, grid] = [fromFixture(entry.input), fromFixture(entry.grid)];
    const options: GridSampleOptions = { mode: 'bicubic', paddingMode: 'reflection' };
    F.gridSample(input, grid, options).dispose();
    expect(leftBehind(() => F.gridSample(input, grid, options), [input, grid])).toEqual({ handles: 0, bytes: 0 });
  });

  it('names what it cannot do', () => {
    const input = tensor([1, 2, 3, 4, 5, 6], { shape: [1, 1, 2, 3] });
    const grid = tensor([0, 0, 0.5, -0.5], { shape: [1, 1, 2, 2] });
    expect(() => F.gridSample(input, grid, { mode: 'linear' as never })).toThrow(
      "gridSample: mode must be 'bilinear', 'nearest' or 'bicubic', got 'linear'",
    );
    expect(() => F.gridSample(input, grid, { paddingMode: 'constant' as never })).toThrow(
      "gridSample: paddingMode must be 'zeros', 'border' or 'reflection', got 'constant'",
    );
    expect(() => F.gridSample(input, grid, { padding_mode: 'border' } as never)).toThrow(
      'gridSample: unknown option `padding_mode` (did you mean `paddingMode`?)',
    );
    expect(() => F.gridSample(input, grid, { alignCorners: 1 as never })).toThrow('gridSample: alignCorners must be true or false, got 1');
    expect(() => F.gridSample(input.reshape([1, 2, 3]), grid)).toThrow(
      'gridSample: input must be 4-d [N, C, H, W] or 5-d [N, C, D, H, W], got [1, 2, 3]',
    );
    expect(() => F.gridSample(input, grid.reshape([1, 2, 2]))).toThrow(
      'gridSample: a 4-d input takes a grid [N, Hout, Wout, 2], got input [1, 1, 2, 3] and grid [1, 2, 2]',
    );
    expect(() => F.gridSample(input, grid.reshape([1, 1, 1, 4]))).toThrow('got input [1, 1, 2, 3] and grid [1, 1, 1, 4]');
    expect(() => F.gridSample(input.expand([2, 1, 2, 3]), grid)).toThrow(
      'gridSample: input and grid must have the same batch size, got input [2, 1, 2, 3] and grid [1, 1, 2, 2]',
    );
    const volume = input.reshape([1, 1, 1, 2, 3]);
    expect(() => F.gridSample(volume, tensor([0, 0, 0], { shape: [1, 1, 1, 1, 3] }), { mode: 'bicubic' })).toThrow(
      "gridSample: mode 'bicubic' takes 4-d input only (torch has no tricubic mode), got [1, 1, 1, 2, 3]",
    );
    expect(() => F.gridSample(volume, grid)).toThrow('gridSample: a 5-d input takes a grid [N, Dout, Hout, Wout, 3]');
    expect(() => F.gridSample(input, grid.double())).toThrow(
      'gridSample: input and grid must have the same dtype, got float32 and float64',
    );
    expect(() => F.gridSample(input.int(), grid.int())).toThrow('gridSample: input must be a floating-point tensor, got int32');
    expect(() => F.gridSample(tensor([], { shape: [1, 1, 0, 3] }), grid)).toThrow(
      'gridSample: input must have non-empty spatial dims, got [1, 1, 0, 3]',
    );
  });
});
