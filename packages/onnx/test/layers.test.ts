import {
  AvgPool2d,
  BatchNorm1d,
  Conv1d,
  Conv2d,
  Embedding,
  F,
  Flatten,
  GELU,
  GroupNorm,
  LayerNorm,
  LeakyReLU,
  ELU,
  Linear,
  LogSoftmax,
  Module,
  Sequential,
  SiLU,
  Softmax,
  Softplus,
  AdaptiveAvgPool2d,
  MaxPool2d,
  ConstantPad2d,
  ReflectionPad2d,
  ReplicationPad2d,
  ZeroPad2d,
  ConvTranspose1d,
  AdaptiveMaxPool2d,
  InstanceNorm2d,
  PReLU,
  PixelShuffle,
  Hardswish,
  Mish,
  SELU,
  GLU,
  MaxPool1d,
  AvgPool1d,
  AdaptiveAvgPool1d,
  Upsample,
  UpsamplingBilinear2d,
  UpsamplingNearest2d,
  MultiheadAttention,
  Transformer,
} from '@dl/nn';
import { manualSeed, noGrad, ones, randint, randn, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from '../src/index.js';
import { expectSameAsOnnxRuntime, randomizeRunningStatistics } from './export-helpers.js';

/** Elementwise arithmetic, reductions and functional softmax in a custom forward. */
class CustomArithmetic extends Module {
  fc = new Linear(6, 6);
  forward(x: Tensor): Tensor {
    const y = this.fc.call(x);
    const mixed = y.mul(2).sub(x.div(3)).add(y.exp().neg().mul(0.1)).pow(2).sqrt().add(x.abs().log1p());
    const centered = mixed.sub(mixed.mean(1, true)).div(mixed.std(1, { keepdim: true }).add(1e-3));
    return F.logSoftmax(centered, 1).add(F.softmax(y, 1)).add(y.clamp(-0.5, 0.5)).add(x.amax(1, true)).add(y.tanh().sigmoid());
  }
}

/** Causal self-attention and cross-attention to a memory, returning the output and the averaged weights. */
class Attention extends Module {
  self = new MultiheadAttention(8, 2, { batchFirst: true });
  cross = new MultiheadAttention(8, 4, { batchFirst: true, kdim: 6, vdim: 6 });
  forward(x: Tensor, memory: Tensor): [Tensor, Tensor] {
    const causal = ones([x.shape[1]!, x.shape[1]!], { dtype: 'bool' }).triu(1);
    const [attended] = this.self.call(x, x, x, { attnMask: causal, needWeights: false });
    const [output, weights] = this.cross.call(attended, memory, memory);
    return [output, weights!];
  }
}

/** The inverse and hyperbolic functions, log2, log10, exp2 and atan2 in a custom forward. */
class Trigonometry extends Module {
  fc = new Linear(4, 4);
  forward(x: Tensor): Tensor {
    const y = this.fc.call(x).tanh().mul(0.9); // inside (−1, 1)
    const angles = y.asin().add(y.acos()).add(y.atan()).add(y.atanh()).add(y.tan());
    const hyperbolic = y.sinh().add(y.cosh()).add(y.asinh()).add(y.abs().add(1).acosh());
    const logs = y.abs().add(0.5).log2().add(y.abs().add(0.5).log10()).add(y.exp2());
    return angles.add(hyperbolic).add(logs).add(y.atan2(x));
  }
}

describe('layers and custom code', () => {
  it('tan, asin, acos, atan, sinh, cosh, asinh, acosh, atanh, log2, log10, exp2 and atan2 (all quadrants)', async () => {
    manualSeed(33);
    await expectSameAsOnnxRuntime(new Trigonometry(), [randn([6, 4])], [[randn([6, 4])], [randn([6, 4]).mul(3)]]);
  });

  it('MultiheadAttention (causal self-attention, then cross-attention with other key sizes) with a dynamic batch', async () => {
    // the products of 3-D inputs inside F.linear and of the [N, H, L, E/H] heads fold the batch into
    // another axis and unfold it: the export follows it as 'batch*5' and splits it back
    manualSeed(31);
    await expectSameAsOnnxRuntime(
      new Attention(),
      [randn([2, 5, 8]), randn([2, 7, 6])],
      [
        [randn([2, 5, 8]), randn([2, 7, 6])],
        [randn([3, 5, 8]), randn([3, 7, 6])],
        [randn([1, 5, 8]), randn([1, 7, 6])],
      ],
      {
        inputNames: ['x', 'memory'],
        outputNames: ['output', 'weights'],
        dynamicAxes: { x: { 0: 'batch' }, memory: { 0: 'batch' }, output: { 0: 'batch' }, weights: { 0: 'batch' } },
      },
    );
  });

  it('Transformer (2 encoder and 2 decoder layers, pre-norm, gelu) with a causal target mask and a dynamic batch', async () => {
    manualSeed(32);
    const model = new Transformer({
      dModel: 8,
      nhead: 2,
      numEncoderLayers: 2,
      numDecoderLayers: 2,
      dimFeedforward: 16,
      activation: 'gelu',
      normFirst: true,
      batchFirst: true,
    });
    class Translate extends Module {
      transformer = model;
      forward(src: Tensor, tgt: Tensor): Tensor {
        return this.transformer.call(src, tgt, { tgtMask: Transformer.generateSquareSubsequentMask(tgt.shape[1]!) });
      }
    }
    await expectSameAsOnnxRuntime(
      new Translate(),
      [randn([2, 6, 8]), randn([2, 4, 8])],
      [
        [randn([2, 6, 8]), randn([2, 4, 8])],
        [randn([5, 6, 8]), randn([5, 4, 8])],
      ],
      { inputNames: ['src', 'tgt'], dynamicAxes: { src: { 0: 'batch' }, tgt: { 0: 'batch' }, output: { 0: 'batch' } } },
    );
  });

  it('Upsample as ONNX Resize: nearest and bilinear by a factor, with a dynamic batch; a fixed size; corners aligned', async () => {
    manualSeed(28);
    const byFactor = new Sequential(
      new Upsample({ scaleFactor: 2 }),
      new Conv2d(2, 3, 3, { padding: 1 }),
      new Upsample({ scaleFactor: [1.5, 2.5], mode: 'bilinear' }),
      new UpsamplingBilinear2d({ scaleFactor: 2 }),
    );
    await expectSameAsOnnxRuntime(byFactor, [randn([1, 2, 4, 5])], [[randn([1, 2, 4, 5])], [randn([3, 2, 4, 5])]], {
      dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } },
    });
    const bySize = new Sequential(new Upsample({ size: [7, 3], mode: 'bilinear' }), new UpsamplingNearest2d({ size: [9, 11] }));
    await expectSameAsOnnxRuntime(bySize, [randn([2, 3, 4, 5])], [[randn([2, 3, 4, 5])]]);
  });

  it('nearest-exact Upsample as Resize (half_pixel, rounded half up): growing by a factor, shrinking to a size', async () => {
    manualSeed(36);
    const exact = new Sequential(
      new Upsample({ scaleFactor: 3, mode: 'nearest-exact' }),
      new Upsample({ size: [5, 7], mode: 'nearest-exact' }),
    );
    await expectSameAsOnnxRuntime(exact, [randn([2, 3, 4, 5])], [[randn([2, 3, 4, 5])]]);
    const fractional = new Sequential(new Upsample({ size: [7, 3], mode: 'nearest-exact' }));
    await expectSameAsOnnxRuntime(fractional, [randn([1, 2, 4, 5])], [[randn([1, 2, 4, 5])]]);
  });

  it('bicubic and trilinear Upsample as Resize (cubic with a = −0.75, linear on three axes)', async () => {
    manualSeed(34);
    const bicubic = new Sequential(
      new Upsample({ scaleFactor: 2, mode: 'bicubic' }),
      new Upsample({ size: [5, 4], mode: 'bicubic', alignCorners: true }),
    );
    await expectSameAsOnnxRuntime(bicubic, [randn([2, 3, 4, 5])], [[randn([2, 3, 4, 5])]], {}, 2e-5);
    const trilinear = new Sequential(new Upsample({ scaleFactor: [1.5, 2, 0.5], mode: 'trilinear' }));
    await expectSameAsOnnxRuntime(trilinear, [randn([1, 2, 4, 3, 6])], [[randn([1, 2, 4, 3, 6])]]);
  });

  it('area Upsample as AveragePool where every axis shrinks by a whole factor, as nearest Resize where every axis grows by one; other sizes refused by name', async () => {
    manualSeed(35);
    const shrinking = new Sequential(new Upsample({ size: [2, 3], mode: 'area' }), new Upsample({ scaleFactor: 0.5, mode: 'area' }));
    await expectSameAsOnnxRuntime(shrinking, [randn([2, 3, 8, 12])], [[randn([2, 3, 8, 12])], [randn([4, 3, 8, 12])]], {
      dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } },
    });
    const volumetric = new Sequential(new Upsample({ size: [2, 1, 3], mode: 'area' }));
    await expectSameAsOnnxRuntime(volumetric, [randn([1, 2, 4, 5, 6])], [[randn([1, 2, 4, 5, 6])]]);
    const growing = new Sequential(new Upsample({ scaleFactor: [2, 3], mode: 'area' }), new Upsample({ size: [8, 12], mode: 'area' }));
    await expectSameAsOnnxRuntime(growing, [randn([1, 2, 2, 2])], [[randn([1, 2, 2, 2])]]);
    expect(() => exportOnnx(new Sequential(new Upsample({ size: [3, 2], mode: 'area' })), [randn([1, 1, 4, 4])])).toThrow(
      "(Upsample): mode 'area' from [4,4] to [3,2] has no ONNX mapping",
    );
    expect(() => exportOnnx(new Sequential(new Upsample({ size: [2, 8], mode: 'area' })), [randn([1, 1, 4, 4])])).toThrow(
      "mode 'area' from [4,4] to [2,8] has no ONNX mapping",
    );
  });

  it('1-d pooling layers as MaxPool, AveragePool and GlobalAveragePool (a text CNN over time)', async () => {
    manualSeed(29);
    const model = new Sequential(
      new Conv1d(4, 6, 3, { padding: 1 }),
      new MaxPool1d(3, 2, 1, 2, { ceilMode: true }),
      new AvgPool1d(3, { stride: 1, padding: 1, countIncludePad: false }), // length 8 stays 8
      new AdaptiveAvgPool1d(4),
      new AdaptiveAvgPool1d(1),
    );
    await expectSameAsOnnxRuntime(model, [randn([2, 4, 17])], [[randn([2, 4, 17])], [randn([5, 4, 17])]], {
      dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } },
    });
  });

  it('instance norm as InstanceNormalization (or BatchNormalization with running statistics); PixelShuffle, PReLU and the composed activations through their primitives', async () => {
    manualSeed(30);
    const tracked = new InstanceNorm2d(8, { trackRunningStats: true, affine: true });
    noGrad(() => {
      tracked.runningMean!.copy_(randn([8]).mul(0.1));
      tracked.runningVar!.copy_(randn([8]).abs().add(0.5));
    });
    const model = new Sequential(
      new Conv2d(2, 8, 3, { padding: 1 }),
      new InstanceNorm2d(8, { affine: true }),
      new PReLU(8),
      new PixelShuffle(2),
      new Conv2d(2, 8, 3),
      tracked,
      new Hardswish(),
      new Mish(),
      new SELU(),
      new GLU(1),
    );
    await expectSameAsOnnxRuntime(model, [randn([2, 2, 5, 6])], [[randn([2, 2, 5, 6])], [randn([3, 2, 5, 6])]], {
      dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } },
    });
  });

  it('ConvTranspose1d as ConvTranspose with a one-element kernel', async () => {
    manualSeed(32);
    const model = new Sequential(
      new ConvTranspose1d(4, 6, 4, { stride: 2, padding: 1, outputPadding: 1 }),
      new ConvTranspose1d(6, 4, 3, { dilation: 2, groups: 2 }),
    );
    await expectSameAsOnnxRuntime(model, [randn([2, 4, 9])], [[randn([2, 4, 9])], [randn([5, 4, 9])]], {
      dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } },
    });
  });

  it('adaptive max pooling, traced through its slices and maxima', async () => {
    manualSeed(31);
    const model = new Sequential(new Conv2d(2, 4, 3), new AdaptiveMaxPool2d([2, 3]));
    await expectSameAsOnnxRuntime(model, [randn([2, 2, 7, 9])], [[randn([2, 2, 7, 9])]]);
  });

  it('padding layers as ONNX Pad (reflect, edge, constant), with a dynamic batch and size', async () => {
    manualSeed(27);
    const model = new Sequential(
      new ReflectionPad2d([1, 2, 0, 1]),
      new Conv2d(2, 3, 3),
      new ReplicationPad2d(1),
      new ConstantPad2d([0, 1, 1, 0], -0.5),
      new ZeroPad2d(2),
    );
    await expectSameAsOnnxRuntime(model, [randn([1, 2, 6, 7])], [[randn([1, 2, 6, 7])], [randn([3, 2, 9, 5])]], {
      dynamicAxes: { input: { 0: 'batch', 2: 'height', 3: 'width' }, output: { 0: 'batch', 2: 'height', 3: 'width' } },
    });
  });

  it('elementwise arithmetic, reductions, clamp and functional softmax in a custom forward', async () => {
    manualSeed(21);
    await expectSameAsOnnxRuntime(new CustomArithmetic(), [randn([3, 6])], [[randn([3, 6])], [randn([5, 6]).mul(4)]], {
      dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } },
    });
  });

  it('convolutions with groups, dilation, padding and stride; pools; normalizations; activations', async () => {
    manualSeed(22);
    const model = new Sequential(
      new Conv2d(4, 8, 3, { padding: 2, dilation: 2, groups: 2 }),
      new GroupNorm(2, 8),
      new GELU(),
      new Conv2d(8, 8, 3, { stride: 2, padding: 1 }),
      new LeakyReLU(0.2),
      new MaxPool2d(3, { stride: 2, padding: 1, ceilMode: true }),
      new AvgPool2d(2, { padding: 1, countIncludePad: false }),
      new ELU(0.7),
      new AdaptiveAvgPool2d([1, 1]),
      new Flatten(),
      new LayerNorm(8),
      new SiLU(),
      new Linear(8, 5),
      new Softplus(),
      new Softmax(1),
    );
    await expectSameAsOnnxRuntime(model, [randn([2, 4, 13, 11])], [[randn([3, 4, 13, 11])]], { dynamicAxes: { input: { 0: 'batch' } } });
  });

  it("Conv1d with 'same' padding, BatchNorm1d, Embedding and LogSoftmax", async () => {
    manualSeed(23);
    class TextConvolution extends Module {
      embedding = new Embedding(20, 6);
      conv = new Conv1d(6, 4, 4, { padding: 'same' });
      norm = new BatchNorm1d(4);
      output = new LogSoftmax(1);
      forward(tokens: Tensor): Tensor {
        const embedded = this.embedding.call(tokens).permute([0, 2, 1]);
        return this.output.call(this.norm.call(this.conv.call(embedded)).sum(2));
      }
    }
    const model = new TextConvolution();
    randomizeRunningStatistics(model);
    await expectSameAsOnnxRuntime(model, [randint(0, 20, [2, 7])], [[randint(0, 20, [2, 7])], [randint(0, 20, [4, 7])]], {
      dynamicAxes: { input: { 0: 'batch' }, output: { 0: 'batch' } },
    });
  });

  it('functional conv2d in a custom forward maps to Conv', async () => {
    manualSeed(24);
    class Functional extends Module {
      conv = new Conv2d(3, 4, 3);
      forward(x: Tensor): Tensor {
        return F.conv2d(x, this.conv.weight, this.conv.bias, { stride: 2, padding: 1 }).relu();
      }
    }
    await expectSameAsOnnxRuntime(new Functional(), [randn([1, 3, 9, 9])], [[randn([1, 3, 9, 9])]]);
  });
});
