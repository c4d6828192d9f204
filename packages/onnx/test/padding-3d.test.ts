import {
  AlphaDropout,
  ConstantPad3d,
  Conv1d,
  Conv3d,
  Dropout1d,
  Dropout3d,
  FeatureAlphaDropout,
  ReflectionPad3d,
  ReplicationPad3d,
  Sequential,
  ZeroPad1d,
  ZeroPad3d,
} from '@dl/nn';
import { manualSeed, randn } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { checkOnnxModel, exportOnnx } from '../src/index.js';
import { expectSameAsOnnxRuntime } from './export-helpers.js';

// ZeroPad1d and the 3-D padding layers as ONNX Pad (constant, reflect, edge) through the padding
// mapping, and the new dropouts as the identity in eval mode: each exported model is run in ONNX
// Runtime and compared with the model's own output.
describe('3-D and 1-D padding layers in ONNX Runtime', () => {
  it('ReflectionPad3d, ReplicationPad3d, ConstantPad3d and ZeroPad3d around Conv3d, with a dynamic batch', async () => {
    manualSeed(71);
    const model = new Sequential(
      new ReflectionPad3d([1, 2, 0, 1, 1, 0]),
      new Conv3d(2, 3, 2),
      new ReplicationPad3d(1),
      new Dropout3d(0.3),
      new ConstantPad3d([0, 1, 1, 0, 2, 1], -0.5),
      new FeatureAlphaDropout(0.2),
      new ZeroPad3d(1),
    );
    await expectSameAsOnnxRuntime(model, [randn([1, 2, 3, 4, 5])], [[randn([1, 2, 3, 4, 5])], [randn([3, 2, 3, 4, 5])]], {
      dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } },
    });
    const nodes = checkOnnxModel(exportOnnx(model, [randn([1, 2, 3, 4, 5])]));
    expect(nodes.outputs[0]!.dims).toEqual([1, 3, 10, 9, 12]);
  });

  it('ZeroPad1d around Conv1d, and AlphaDropout and Dropout1d add no node', async () => {
    manualSeed(72);
    const model = new Sequential(new ZeroPad1d([2, 1]), new Dropout1d(0.5), new Conv1d(2, 2, 3), new AlphaDropout(0.1), new ZeroPad1d(1));
    await expectSameAsOnnxRuntime(model, [randn([2, 2, 6])], [[randn([2, 2, 6])], [randn([1, 2, 6])]], {
      dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } },
    });
  });

  it('refuses cropping (negative) 3-D padding by name', () => {
    expect(() => exportOnnx(new Sequential(new ConstantPad3d([-1, 0, 0, 0, 0, 0], 1)), [randn([1, 1, 2, 3, 3])])).toThrow(
      'negative padding (cropping) is not exported',
    );
  });
});
