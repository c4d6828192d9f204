import { describe, expect, it } from 'vitest';
import { noGrad, randn, zeros, type Tensor } from '@dl/tensor';
import {
  AdaptiveAvgPool3d,
  AvgPool3d,
  BatchNorm3d,
  Conv3d,
  F,
  InstanceNorm3d,
  MaxPool3d,
  type AdaptiveSize3d,
  type AvgPool3dOptions,
  type BatchNormOptions,
  type Conv3dOptions,
  type MaxPool3dOptions,
  type Triple,
} from '../src/index.js';
import {
  type ConvolutionCase,
  describePoolingLikeTorch,
  expectConvolutionLikeTorch,
  type PoolingCase,
} from './helpers/convolution-and-pooling-cases.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// The volumetric layers against torch 1.13 (tools/fixtures/nn_volumetric_reference.py): outputs and the
// gradients of sum(output · weights) for the input (and a convolution's weight and bias), max pooling's
// indices, and the normalisations' running statistics and eval-mode outputs.
interface Conv3dCase extends ConvolutionCase {
  kernelSize: Triple;
  options: Conv3dOptions & { bias?: boolean };
}
interface Pooling3dCase extends PoolingCase {
  options: { kernelSize?: Triple; outputSize?: AdaptiveSize3d } & MaxPool3dOptions & AvgPool3dOptions;
}
interface NormalizationCase {
  name: string;
  layer: 'BatchNorm3d' | 'InstanceNorm3d';
  numFeatures: number;
  options: BatchNormOptions;
  weight: FixtureTensor | null;
  bias: FixtureTensor | null;
  input: FixtureTensor;
  output: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
  runningMean: FixtureTensor | null;
  runningVar: FixtureTensor | null;
  evalOutput: FixtureTensor;
}
const reference = readFixture<{ convolutions: Conv3dCase[]; pools: Pooling3dCase[]; normalizations: NormalizationCase[] }>(
  'nn_volumetric.json',
);
const named = <Case extends { name: string }>(cases: Case[], name: string): Case => cases.find((entry) => entry.name === name)!;

describe('Conv3d against torch', () => {
  it.each(reference.convolutions.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const layer = new Conv3d(entry.inChannels, entry.outChannels, entry.kernelSize, entry.options);
    expectConvolutionLikeTorch(layer, entry, 1e-5);
  });

  it('F.conv3d on an unbatched input is the batched one’s first sample', () => {
    const entry = named(reference.convolutions, 'stride (2, 1, 2), padding (1, 2, 0)');
    const output = F.conv3d(fromFixture(entry.input).select(0, 0), fromFixture(entry.weight), fromFixture(entry.bias!), {
      stride: [2, 1, 2],
      padding: [1, 2, 0],
    });
    expectClose(output.unsqueeze(0), entry.output, 'unbatched', 1e-5, 1e-5);
  });

  it('takes torch’s positional arguments, names its state like torch and prints like torch', () => {
    const entry = named(reference.convolutions, 'dilation (2, 1, 2), groups 2, no bias');
    const layer = new Conv3d(4, 6, [2, 3, 2], 1, 0, [2, 1, 2], 2, false);
    layer.weight = fromFixture(entry.weight);
    expectClose(layer.call(fromFixture(entry.input)), entry.output, 'positional', 1e-5, 1e-5);
    expect(Object.keys(new Conv3d(2, 4, 3).stateDict())).toEqual(['weight', 'bias']);
    expect(String(new Conv3d(2, 4, 3))).toBe('Conv3d(2, 4, kernelSize=(3, 3, 3), stride=(1, 1, 1))');
    expect(String(layer)).toBe('Conv3d(4, 6, kernelSize=(2, 3, 2), stride=(1, 1, 1), dilation=(2, 1, 2), groups=2, bias=false)');
    expect(String(new Conv3d(2, 3, 3, { padding: 'same', paddingMode: 'zeros' }))).toBe(
      'Conv3d(2, 3, kernelSize=(3, 3, 3), stride=(1, 1, 1), padding=same)',
    );
  });

  it('initialises as torch: weight and bias ~ U(±1/√fanIn), fanIn = Cin/groups·kd·kh·kw', () => {
    const layer = new Conv3d(4, 8, [2, 3, 3], { groups: 2 });
    const bound = 1 / Math.sqrt(2 * 2 * 3 * 3);
    for (const values of [layer.weight.dataSync(), layer.bias!.dataSync()]) {
      const largest = Math.max(...Array.from(values, Math.abs));
      expect(largest).toBeLessThanOrEqual(bound);
      expect(largest).toBeGreaterThan(bound / 2);
    }
  });

  it('names bad settings and bad input', () => {
    expect(() => new Conv3d(2, 4, 3, { paddingMode: 'wrap' } as never)).toThrow(
      "Conv3d: paddingMode must be one of 'zeros', 'reflect', 'replicate', 'circular', got 'wrap'",
    );
    expect(() => new Conv3d(2, 4, 3, { padding_mode: 'zeros' } as never)).toThrow(
      'Conv3d: unknown option `padding_mode` (did you mean `paddingMode`?)',
    );
    expect(() => new Conv3d(2, 4, [3, 3] as never)).toThrow(
      'Conv3d: kernelSize must be an integer ≥ 1 or a triple of them, got an array [3, 3]',
    );
    expect(() => new Conv3d(2, 4, 3, 0)).toThrow('Conv3d: stride must be an integer ≥ 1 or a triple of them, got 0');
    expect(() => new Conv3d(4, 6, 3, { groups: 4 })).toThrow('Conv3d: inChannels (4) and outChannels (6) must be divisible by groups (4)');
    const layer = new Conv3d(2, 4, 3);
    expect(layer.call(zeros([2, 4, 5, 6])).shape).toEqual([4, 2, 3, 4]); // unbatched [C, D, H, W]
    expect(() => layer.call(zeros([2, 8, 8]))).toThrow('conv3d: expected a 4-D [C, D, H, W] or 5-D [N, C, D, H, W] input, got [2, 8, 8]');
    expect(() => layer.call(zeros([1, 3, 4, 4, 4]))).toThrow(
      'conv3d: weight [4, 2, 3, 3, 3] with groups=1 expects input with 2 channels, got input [1, 3, 4, 4, 4]',
    );
    expect(() => layer.call(zeros([1, 2, 2, 4, 4]))).toThrow(
      'conv3d: input [1, 2, 2, 4, 4] is too small for kernel [3, 3, 3] with padding [0, 0, 0] and dilation [1, 1, 1] (output would be 0x2x2)',
    );
    expect(() => F.conv3d(zeros([1, 2, 4, 4, 4]), zeros([4, 2, 3, 3, 3]), null, { stride: 2, padding: 'same' })).toThrow(
      "conv3d: padding='same' is not supported for strided convolutions",
    );
  });

  it('runs a [2, 3, 8, 8, 8] input through a 3×3×3 kernel and back', () => {
    // (how fast is bench/'s business: a time limit here would only fail on a loaded machine)
    const layer = new Conv3d(3, 8, 3, { padding: 1 });
    const input = randn([2, 3, 8, 8, 8]).requiresGrad_();
    const output = layer.call(input);
    output.sum().backward();
    expect(output.shape).toEqual([2, 8, 8, 8, 8]);
    expect(input.grad!.shape).toEqual([2, 3, 8, 8, 8]);
    expect(layer.weight.grad!.shape).toEqual([8, 3, 3, 3, 3]);
    // ∂Σout/∂bias[o] counts the output positions: 2 · 8 · 8 · 8
    expect(Array.from(layer.bias!.grad!.dataSync())).toEqual(new Array(8).fill(1024));
  });
});

/** The F call a pooling case stands for; the values, and the indices where max pooling returns them. */
function pool(entry: Pooling3dCase, input: Tensor): [Tensor, Tensor | null] {
  const { kernelSize, outputSize, ...options } = entry.options;
  if (entry.kind === 'adaptive') return [F.adaptiveAvgPool3d(input, outputSize!), null];
  if (entry.kind === 'avg') return [F.avgPool3d(input, kernelSize!, options as AvgPool3dOptions), null];
  if (!options.returnIndices) return [F.maxPool3d(input, kernelSize!, options as MaxPool3dOptions & { returnIndices?: false }), null];
  const [values, indices] = F.maxPool3d(input, kernelSize!, { ...(options as MaxPool3dOptions), returnIndices: true });
  return [values, indices];
}

describePoolingLikeTorch('3-d pooling against torch', reference.pools, pool);

describe('3-d pooling layers', () => {
  it('are the F functions, with torch’s positional arguments', () => {
    const strided = named(reference.pools, 'max, kernel 3, stride 2, padding 1, dilation (2, 1, 1), ceil, indices');
    expectClose(
      new MaxPool3d(3, 2, 1, [2, 1, 1], { ceilMode: true }).call(fromFixture(strided.input)),
      strided.output,
      'MaxPool3d',
      1e-6,
      1e-6,
    );
    const [, indices] = new MaxPool3d(3, { stride: 2, padding: 1, dilation: [2, 1, 1], ceilMode: true }).forwardWithIndices(
      fromFixture(strided.input),
    );
    expect(Array.from(indices.dataSync())).toEqual(strided.indices!.data);
    const average = named(reference.pools, 'avg, kernel 3, stride 2, padding 1, ceil, padding not counted');
    expectClose(new AvgPool3d(3, 2, 1, true, false).call(fromFixture(average.input)), average.output, 'AvgPool3d', 1e-6, 1e-6);
    const override = named(reference.pools, 'avg, kernel 3, stride 2, padding 1, ceil, divisor override 5');
    expectClose(new AvgPool3d(3, 2, 1, true, true, 5).call(fromFixture(override.input)), override.output, 'divisorOverride', 1e-6, 1e-6);
    const adaptive = named(reference.pools, 'adaptive avg, (None, 2, 3)');
    expectClose(new AdaptiveAvgPool3d([null, 2, 3]).call(fromFixture(adaptive.input)), adaptive.output, 'AdaptiveAvgPool3d', 1e-6, 1e-6);
    expect(String(new MaxPool3d(2))).toBe(
      'MaxPool3d(kernelSize=(2, 2, 2), stride=(2, 2, 2), padding=(0, 0, 0), dilation=(1, 1, 1), ceilMode=false)',
    );
    expect(String(new AvgPool3d([3, 2, 2], 1))).toBe('AvgPool3d(kernelSize=(3, 2, 2), stride=(1, 1, 1), padding=(0, 0, 0))');
    expect(String(new AdaptiveAvgPool3d([null, 2, 3]))).toBe('AdaptiveAvgPool3d(outputSize=(None, 2, 3))');
  });

  it('name bad input', () => {
    const input = fromFixture(reference.pools[0]!.input);
    expect(() => F.maxPool3d(input.select(0, 0).select(0, 0), 2)).toThrow(
      'maxPool3d: expected a 4-D [C, D, H, W] or 5-D [N, C, D, H, W] input, got [4, 6, 6]',
    );
    expect(() => F.avgPool3d(input, 2, { padding: [1, 2, 0] })).toThrow(
      'avgPool3d: padding [1, 2, 0] should be at most half of kernel [2, 2, 2]',
    );
    expect(() => F.maxPool3d(input, [5, 2, 2])).toThrow(
      'maxPool3d: input [1, 2, 4, 6, 6] is too small for kernel [5, 2, 2] with padding [0, 0, 0] and dilation [1, 1, 1] (output would be 0x3x3)',
    );
    expect(() => F.avgPool3d(input, 2, { divisorOverride: 0 })).toThrow('avgPool3d: divisorOverride must not be zero');
    expect(() => new AvgPool3d(2, { count_include_pad: false } as never)).toThrow(
      'AvgPool3d: unknown option `count_include_pad` (did you mean `countIncludePad`?)',
    );
    expect(() => F.maxPool3d(input, 2, { return_indices: true } as never)).toThrow(
      'maxPool3d: unknown option `return_indices` (did you mean `returnIndices`?)',
    );
    expect(() => new MaxPool3d(2, { returnIndices: true } as never)).toThrow(
      'MaxPool3d: returnIndices true is not supported on the layer (its call returns the values only); use layer.forwardWithIndices(input)',
    );
    expect(() => new AdaptiveAvgPool3d([2, 2] as never)).toThrow(
      'AdaptiveAvgPool3d: outputSize must be an integer ≥ 1 or a triple of them (null keeps a dim), got an array [2, 2]',
    );
  });
});

describe('BatchNorm3d and InstanceNorm3d against torch', () => {
  it.each(reference.normalizations.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const Layer = entry.layer === 'BatchNorm3d' ? BatchNorm3d : InstanceNorm3d;
    const layer = new Layer(entry.numFeatures, entry.options);
    noGrad(() => {
      if (entry.weight) layer.weight!.copy_(fromFixture(entry.weight));
      if (entry.bias) layer.bias!.copy_(fromFixture(entry.bias));
    });
    const input = fromFixture(entry.input).requiresGrad_();
    const output = layer.call(input);
    expectClose(output, entry.output, `${name}: output`, 1e-5, 1e-5);
    output.mul(fromFixture(entry.weights)).sum().backward();
    expectClose(input.grad, entry.gradient, `${name}: gradient`, 1e-4, 1e-5);
    if (entry.runningMean) expectClose(layer.runningMean, entry.runningMean, `${name}: running mean`, 1e-5, 1e-6);
    else expect(layer.runningMean).toBeNull();
    if (entry.runningVar) expectClose(layer.runningVar, entry.runningVar, `${name}: running variance`, 1e-5, 1e-6);
    layer.eval();
    expectClose(layer.call(fromFixture(entry.input).mul(0.5).add(1)), entry.evalOutput, `${name}: eval output`, 1e-5, 1e-5);
  });

  it('name the rank they expect', () => {
    expect(() => new BatchNorm3d(3).call(zeros([2, 3, 4, 4]))).toThrow(
      'BatchNorm3d: expected 5D input [N, C, D, H, W] (got 4D input [2, 3, 4, 4])',
    );
    expect(() => new InstanceNorm3d(3).call(zeros([2, 3, 4]))).toThrow(
      'InstanceNorm3d: expected 4D (unbatched) or 5D (batched) input, got 3D [2, 3, 4]',
    );
    expect(Object.keys(new BatchNorm3d(3).stateDict())).toEqual(['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked']);
  });
});
