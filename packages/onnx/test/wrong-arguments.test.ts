import { describe, expect, it } from 'vitest';
import { Tensor, tensor } from '@dl/tensor';
import * as onnx from '../src/index.js';
import { exportsGivenMistakesFirst } from '../../../tools/testing/wrong-arguments.js';

// The mistakes of packages/tensor/test/method-bad-arguments.test.ts where a user of @dl/onnx makes them:
// the module or the model's bytes forgotten or given as something else. Before, `exportOnnx(model)`
// said "exampleInputs is not iterable" and `checkOnnxModel(path)` "Cannot read properties of undefined".

describe('@dl/onnx functions given a mistake for their first argument', () => {
  it('each says what is wrong', async () => {
    expect(await exportsGivenMistakesFirst(onnx, tensor, Tensor)).toEqual([]);
    expect(() => onnx.checkOnnxModel('model.onnx' as never)).toThrow(
      "checkOnnxModel: expects the model's bytes (a Uint8Array), got 'model.onnx'",
    );
  });
});
