import { F, Module, parameter } from '@dl/nn';
import { manualSeed, randn, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { checkOnnxModel, exportOnnx } from '../src/index.js';
import { expectSameAsOnnxRuntime } from './export-helpers.js';

/** F.linear in a custom forward: a matrix with a bias, then a transposed input without one. */
class FunctionalLinear extends Module {
  weight = parameter(randn([5, 4]));
  bias = parameter(randn([5]));
  projection = parameter(randn([3, 5]));
  forward(x: Tensor): Tensor {
    const hidden = F.linear(x, this.weight, this.bias).tanh(); // [N, 5]
    // the same values in a transposed layout, which the primitive reads in place
    const transposedLayout = hidden.t().contiguous().t();
    return F.linear(transposedLayout, this.projection);
  }
}

describe('F.linear of a matrix in a custom forward', () => {
  it('exports as ONNX Gemm (transB = 1) and matches ONNX Runtime, with a dynamic batch', async () => {
    manualSeed(41);
    const model = new FunctionalLinear();
    const example = randn([3, 4]);
    const bytes = exportOnnx(model, [example], {
      inputNames: ['x'],
      outputNames: ['y'],
      dynamicAxes: { x: { 0: 'batch' }, y: { 0: 'batch' } },
    });
    expect(checkOnnxModel(bytes).operators).toContain('Gemm');
    await expectSameAsOnnxRuntime(model, [example], [[randn([3, 4])], [randn([7, 4])]], {
      inputNames: ['x'],
      outputNames: ['y'],
      dynamicAxes: { x: { 0: 'batch' }, y: { 0: 'batch' } },
    });
  });
});
