import {
  AdaptiveAvgPool3d,
  AvgPool3d,
  BatchNorm3d,
  Conv1d,
  Conv2d,
  Conv3d,
  ConvTranspose2d,
  ConvTranspose3d,
  MaxPool3d,
  ReLU,
  Sequential,
} from '@dl/nn';
import { manualSeed, randn } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../src/index.js';
import { expectSameAsOnnxRuntime, randomizeRunningStatistics } from './export-helpers.js';

// The volumetric layers as ONNX Conv, MaxPool, AveragePool and GlobalAveragePool on 5-D tensors, and
// convolutions with a padding mode as Pad then Conv: each exported model is run in ONNX Runtime on the
// input it was traced with and on other batch sizes, and compared with the model's own output.
describe('volumetric layers and convolution padding modes in ONNX Runtime', () => {
  it('a 3-D CNN (Conv3d with stride, padding, dilation, groups and same; BatchNorm3d; the three pools) with a dynamic batch', async () => {
    manualSeed(61);
    const model = new Sequential(
      new Conv3d(2, 4, 3, { padding: 1 }),
      new BatchNorm3d(4),
      new ReLU(),
      new MaxPool3d(2, { stride: [1, 2, 2], padding: 1, ceilMode: true }),
      new Conv3d(4, 6, [2, 3, 3], { stride: [1, 2, 1], dilation: [2, 1, 1], groups: 2 }),
      new AvgPool3d(2, { padding: 1, countIncludePad: false, ceilMode: true }),
      new Conv3d(6, 4, [2, 2, 3], { padding: 'same' }),
      new AdaptiveAvgPool3d([1, 2, 1]),
    );
    randomizeRunningStatistics(model);
    model.eval();
    await expectSameAsOnnxRuntime(model, [randn([2, 2, 6, 9, 8])], [[randn([2, 2, 6, 9, 8])], [randn([3, 2, 6, 9, 8])]], {
      dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } },
    });
    const global = new Sequential(new Conv3d(1, 2, 1), new AdaptiveAvgPool3d(1));
    await expectSameAsOnnxRuntime(global, [randn([1, 1, 3, 5, 4])], [[randn([1, 1, 3, 5, 4])]]);
  });

  it("convolutions with paddingMode 'reflect' and 'replicate' as Pad (reflect, edge) then Conv; 'circular' refused by name", async () => {
    manualSeed(62);
    const model = new Sequential(
      new Conv2d(2, 3, 3, { padding: [1, 2], paddingMode: 'reflect' }),
      new Conv2d(3, 3, [2, 3], { padding: 'same', paddingMode: 'replicate' }),
    );
    await expectSameAsOnnxRuntime(model, [randn([2, 2, 5, 6])], [[randn([2, 2, 5, 6])], [randn([1, 2, 5, 6])]], {
      dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } },
    });
    await expectSameAsOnnxRuntime(
      new Sequential(new Conv1d(2, 2, 3, { padding: 2, paddingMode: 'reflect' })),
      [randn([1, 2, 7])],
      [[randn([1, 2, 7])]],
    );
    await expectSameAsOnnxRuntime(
      new Sequential(new Conv3d(1, 2, 2, { padding: 'same', paddingMode: 'replicate' })),
      [randn([1, 1, 3, 4, 4])],
      [[randn([1, 1, 3, 4, 4])]],
    );
    expect(() => exportOnnx(new Sequential(new Conv2d(1, 1, 3, { padding: 1, paddingMode: 'circular' })), [randn([1, 1, 4, 4])])).toThrow(
      "(Conv2d): paddingMode 'circular' has no ONNX Pad mode before opset 19 ('wrap')",
    );
  });

  it('ConvTranspose3d as ConvTranspose (a 3-D generator’s upsampling), and output paddings at or above the stride refused by name', async () => {
    manualSeed(63);
    const generator = new Sequential(
      new ConvTranspose3d(4, 3, 4, { stride: 2, padding: 1 }),
      new ReLU(),
      new ConvTranspose3d(3, 2, [3, 2, 3], { stride: [2, 1, 2], padding: [1, 0, 1], outputPadding: [1, 0, 1], groups: 1 }),
      new ConvTranspose3d(2, 2, 2, { stride: [2, 2, 1], dilation: 2, outputPadding: [1, 1, 0], groups: 2, bias: false }),
    );
    await expectSameAsOnnxRuntime(generator, [randn([2, 4, 2, 3, 2])], [[randn([2, 4, 2, 3, 2])], [randn([1, 4, 2, 3, 2])]], {
      dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } },
    });
    const planar = new Sequential(new ConvTranspose2d(2, 3, 3, { dilation: 2, outputPadding: 1 }));
    expect(() => exportOnnx(planar, [randn([1, 2, 4, 5])])).toThrow(
      '(ConvTranspose2d): outputPadding [1, 1] at or above the stride [1, 1] has no ONNX ConvTranspose form',
    );
  });

  it('refuses what ONNX pooling cannot express, by name', () => {
    expect(() => exportOnnx(new Sequential(new AvgPool3d(2, { divisorOverride: 3 })), [randn([1, 1, 4, 4, 4])])).toThrow(
      '(AvgPool3d): divisorOverride has no ONNX mapping',
    );
    expect(() => exportOnnx(new Sequential(new AdaptiveAvgPool3d([2, 3, 2])), [randn([1, 1, 4, 4, 4])])).toThrow(
      '(AdaptiveAvgPool3d): windows of unequal size (4×4×4 to 2×3×2) have no ONNX mapping',
    );
    expect(() => exportOnnx(new Sequential(new MaxPool3d(2)), [randn([1, 4, 4, 4])])).toThrow(
      '(MaxPool3d): an unbatched [C, D, H, W] input is not exported; add the batch axis',
    );
  });
});
