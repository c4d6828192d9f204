import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@dl/tensor';
import { gradcheck, leftBehind } from '@dl/tensor/testing';
import { F } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// F.affineGrid against torch 1.13 (tools/fixtures/nn_grid_sample_reference.py): the grid, and the
// gradient of sum(grid · weights) with respect to theta, for 4-d and 5-d sizes and both alignments.
interface AffineGridCase {
  name: string;
  dtype: 'float32' | 'float64';
  size: number[];
  alignCorners: boolean;
  theta: FixtureTensor;
  grid: FixtureTensor;
  weights: FixtureTensor;
  thetaGradient: FixtureTensor;
}
const reference = readFixture<{ affineGrid: AffineGridCase[] }>('nn_grid_sample.json');

describe('F.affineGrid against torch', () => {
  it.each(reference.affineGrid.map((entry) => [entry.name, entry] as const))('%s', (_, entry) => {
    const tolerance = entry.dtype === 'float64' ? 1e-12 : 1e-5;
    const theta = fromFixture(entry.theta, entry.dtype).requiresGrad_();
    const grid = F.affineGrid(theta, entry.size, { alignCorners: entry.alignCorners });
    expect(grid.dtype).toBe(entry.dtype);
    expectClose(grid, entry.grid, `${entry.name}: grid`, tolerance, tolerance);
    grid.mul(fromFixture(entry.weights, entry.dtype)).sum().backward();
    expectClose(theta.grad, entry.thetaGradient, `${entry.name}: theta gradient`, tolerance, tolerance);
  });

  it('defaults alignCorners to false', () => {
    const entry = reference.affineGrid.find((candidate) => candidate.name === '4-d')!;
    expectClose(F.affineGrid(fromFixture(entry.theta, 'float64'), entry.size), entry.grid, 'default', 1e-12, 1e-12);
  });

  it('passes float64 gradcheck', () => {
    const theta = tensor([0.9, -0.2, 0.1, 0.3, 1.1, -0.4], { dtype: 'float64', shape: [1, 2, 3], requiresGrad: true });
    expect(gradcheck((t: Tensor) => F.affineGrid(t, [1, 2, 3, 2], { alignCorners: true }), [theta])).toBe(true);
  });

  it('releases its intermediates when it returns', () => {
    const theta = fromFixture(reference.affineGrid[2]!.theta);
    F.affineGrid(theta, [2, 1, 3, 4, 2]).dispose();
    expect(leftBehind(() => F.affineGrid(theta, [2, 1, 3, 4, 2]), [theta])).toEqual({ handles: 0, bytes: 0 });
  });

  it('names what it cannot do', () => {
    const theta = tensor([1, 0, 0, 0, 1, 0], { shape: [1, 2, 3] });
    expect(() => F.affineGrid(theta, [1, 3, 4, 4, 4])).toThrow(
      'affineGrid: a 5-d size [1, 3, 4, 4, 4] takes theta [N, 3, 4] (a batch of 3-d affine maps), got [1, 2, 3]',
    );
    expect(() => F.affineGrid(theta.reshape([2, 3]), [1, 3, 4, 4])).toThrow(
      'affineGrid: a 4-d size [1, 3, 4, 4] takes theta [N, 2, 3] (a batch of 2-d affine maps), got [2, 3]',
    );
    expect(() => F.affineGrid(theta, [1, 4, 4])).toThrow(
      'affineGrid: size must be 4-d [N, C, H, W] or 5-d [N, C, D, H, W] (2-d and 3-d affine maps), got an array [1, 4, 4]',
    );
    expect(() => F.affineGrid(theta, [1, 3, 0, 4])).toThrow('affineGrid: size must be positive integers, got [1, 3, 0, 4]');
    expect(() => F.affineGrid(theta, [2, 3, 4, 4])).toThrow('affineGrid: theta [1, 2, 3] has a batch of 1, size [2, 3, 4, 4] one of 2');
    expect(() => F.affineGrid(theta.int(), [1, 3, 4, 4])).toThrow('affineGrid: theta must be a floating-point tensor, got int32');
    expect(() => F.affineGrid(theta, [1, 3, 4, 4], { align_corners: true } as never)).toThrow(
      'affineGrid: unknown option `align_corners` (did you mean `alignCorners`?)',
    );
  });
});
