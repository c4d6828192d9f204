import { F, Linear, Module } from '@dl/nn';
import { manualSeed, randn, type Tensor } from '@dl/tensor';
import { describe, it } from 'vitest';
import { expectSameAsOnnxRuntime } from './export-helpers.js';

/** Reductions whose axes move from an attribute to an input at opset 18 (ReduceMax, ReduceMin, ReduceProd). */
class Reductions extends Module {
  fc = new Linear(5, 5);
  forward(x: Tensor): Tensor {
    const y = this.fc.call(x);
    return F.logSoftmax(y, 1).add(y.amin(1, true)).add(y.prod(1, true).tanh()).add(y.argmax(1, true).mul(0.25)).add(y.cumsum(1));
  }
}

describe('opset versions', () => {
  for (const opsetVersion of [13, 17, 18])
    it(`opset ${opsetVersion}: reductions, argmax and cumsum run in ONNX Runtime as in @dl`, async () => {
      manualSeed(51);
      await expectSameAsOnnxRuntime(new Reductions(), [randn([3, 5])], [[randn([3, 5])], [randn([6, 5])]], {
        opsetVersion,
        dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } },
      });
    });
});
