import { describe, expect, it } from 'vitest';
import { arange } from '@dl/tensor';
import { F, type InterpolationMode } from '../src/index.js';
import { readFixture } from './helpers/nn-fixtures.js';

// F.interpolate where a scale factor leaves an axis's size unchanged or doubles it, against torch 1.13
// (tools/fixtures/nn_interpolate_unchanged_axes_reference.py): the linear modes copy an unchanged axis,
// 2-d and 3-d 'nearest' copy it and read i >> 1 on a doubled one, 1-d 'nearest', 'nearest-exact' and
// 'bicubic' sample at 1/scaleFactor. The input is an arange, so the output shows which sources were read.

interface InterpolateCase {
  mode: InterpolationMode;
  shape: number[];
  scaleFactor: number[];
  alignCorners: boolean | null;
  outputShape: number[];
  output: number[];
}
const reference = readFixture<{ cases: InterpolateCase[] }>('nn_interpolate_unchanged_axes.json');

describe('interpolate on an unchanged or doubled axis, as torch 1.13', () => {
  const label = (entry: InterpolateCase) =>
    `${entry.mode} [${entry.shape}] × [${entry.scaleFactor}]${entry.alignCorners === null ? '' : ` alignCorners ${entry.alignCorners}`}`;
  it.each(reference.cases.map((entry) => [label(entry), entry] as const))('%s', (_, entry) => {
    const size = entry.shape.reduce((product, extent) => product * extent, 1);
    const x = arange(size, { dtype: 'float64' }).reshape([1, 1, ...entry.shape]);
    const scaleFactor = entry.shape.length === 1 ? entry.scaleFactor[0]! : entry.scaleFactor;
    const options =
      entry.alignCorners === null ? { scaleFactor, mode: entry.mode } : { scaleFactor, mode: entry.mode, alignCorners: entry.alignCorners };
    const y = F.interpolate(x, options);
    expect(y.shape).toEqual(entry.outputShape);
    Array.from(y.dataSync(), Number).forEach((value, index) =>
      expect(Math.abs(value - entry.output[index]!), `[${index}]`).toBeLessThanOrEqual(1e-12),
    );
  });
});
