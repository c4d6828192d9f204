import { Module } from '@dl/nn';
import { manualSeed, randn, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../src/index.js';
import { expectSameAsOnnxRuntime } from './export-helpers.js';

// The diagonal and Tensor.unfold views (no copy in @dl) as ONNX Gather graphs, run in ONNX Runtime.

/** diagonals over several dim pairs and offsets, summed with windows of the last axis. */
class DiagonalsAndWindows extends Module {
  forward(x: Tensor): Tensor[] {
    return [
      x.diagonal(),
      x.diagonal(1, 1, 2),
      x.diagonal(-2, 2, 1),
      x.unfold(2, 3, 1),
      x.unfold(1, 2, 2).mul(2),
      x.diagonal(0, -2, -1).unfold(1, 2, 1),
    ];
  }
}

describe('ONNX export of the diagonal and unfold views', () => {
  it('matches @dl in ONNX Runtime: diagonals over any dim pair and offset, overlapping windows', async () => {
    manualSeed(3);
    await expectSameAsOnnxRuntime(new DiagonalsAndWindows(), [randn([2, 4, 5])], [[randn([2, 4, 5])]], { inputNames: ['x'] });
  });

  it('keeps a dynamic batch through diagonals and windows of other axes', async () => {
    manualSeed(4);
    class Batched extends Module {
      forward(x: Tensor): Tensor[] {
        return [x.diagonal(0, 1, 2), x.unfold(2, 2, 1)];
      }
    }
    await expectSameAsOnnxRuntime(new Batched(), [randn([2, 3, 3])], [[randn([5, 3, 3])], [randn([1, 3, 3])]], {
      inputNames: ['x'],
      dynamicAxes: { x: { 0: 'batch' } },
    });
  });

  it('exports Python-style indexing (Tensor.at): basic indices, index lists and list masks', async () => {
    manualSeed(6);
    class Indexed extends Module {
      forward(x: Tensor): Tensor[] {
        return [
          x.at(':', '1:3'),
          x.at('...', -1),
          x.at(null, 0, '::2'),
          x.at(1, '-2:', 3),
          x.at(':', [3, 0, 3]),
          x.at([0, 1], ':', [4, 2]),
          x.at(':', [true, false, true, true]),
        ];
      }
    }
    await expectSameAsOnnxRuntime(new Indexed(), [randn([2, 4, 5])], [[randn([2, 4, 5])]], { inputNames: ['x'] });
  });

  it('refuses an index tensor given to Tensor.at (it may come from the data), naming it', () => {
    class Gathered extends Module {
      forward(x: Tensor): Tensor {
        return x.at(':', x.select(0, 0).argsort());
      }
    }
    expect(() => exportOnnx(new Gathered(), [randn([2, 4])], { inputNames: ['x'] })).toThrow(/an index tensor given to Tensor\.at/);
  });

  it('refuses windows along a dynamic axis, naming it', () => {
    class Windows extends Module {
      forward(x: Tensor): Tensor {
        return x.unfold(0, 2, 1);
      }
    }
    expect(() => exportOnnx(new Windows(), [randn([4, 3])], { inputNames: ['x'], dynamicAxes: { x: { 0: 'batch' } } })).toThrow(
      /unfold.*windows along or before the dynamic axis 0 are not supported/,
    );
  });
});
