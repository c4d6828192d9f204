import { describe, expect, it } from 'vitest';
import { mergeAxes } from './merge-axes.js';

describe('mergeAxes', () => {
  it('collapses a contiguous tensor of any rank into one axis', () => {
    expect(
      mergeAxes(
        [2, 3, 4],
        [
          [12, 4, 1],
          [12, 4, 1],
        ],
      ),
    ).toEqual({ shape: [24], strides: [[1], [1]] });
  });

  it('keeps axes apart where one view is transposed or broadcast', () => {
    expect(
      mergeAxes(
        [2, 3],
        [
          [1, 2],
          [3, 1],
        ],
      ),
    ).toEqual({
      shape: [2, 3],
      strides: [
        [1, 2],
        [3, 1],
      ],
    });
    expect(
      mergeAxes(
        [4, 5],
        [
          [0, 1],
          [5, 1],
        ],
      ),
    ).toEqual({
      shape: [4, 5],
      strides: [
        [0, 1],
        [5, 1],
      ],
    });
  });

  it('drops size-1 axes and gives a scalar one axis of extent 1', () => {
    expect(mergeAxes([1, 3, 1], [[7, -1, 9]])).toEqual({ shape: [3], strides: [[-1]] });
    expect(mergeAxes([], [[], []])).toEqual({ shape: [1], strides: [[0], [0]] });
  });
});
