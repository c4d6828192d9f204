import { describe, expect, it } from 'vitest';
import { parameter } from '../src/module/parameter.js';
import { Conv1d, Conv2d, Conv3d, ConvTranspose2d, type Module } from '../src/index.js';
import type { Tensor } from '@dl/tensor';
import type { ConvolutionCase } from './helpers/convolution-and-pooling-cases.js';
import { expectClose, fromFixture, readFixture } from './helpers/nn-fixtures.js';

// Conv1d/2d/3d with paddingMode 'reflect', 'replicate' and 'circular' against torch 1.13
// (tools/fixtures/nn_conv_padding_mode_reference.py, float64): the output and the gradients of
// sum(output · weights) for the input, the weight and the bias; torch's representation.
interface PaddingModeCase extends ConvolutionCase {
  dims: 1 | 2 | 3;
  kernelSize: number | number[];
  options: Record<string, unknown>;
  repr: string;
}
const { cases } = readFixture<{ cases: PaddingModeCase[] }>('nn_conv_padding_mode.json');

type Convolution = Module & { weight: Tensor; bias: Tensor | null; call(x: Tensor): Tensor };
const layers = { 1: Conv1d, 2: Conv2d, 3: Conv3d } as const;

/** torch's repr in our spelling: camelCase keywords, lower-case booleans. */
const inOurSpelling = (repr: string) =>
  repr.replace('kernel_size', 'kernelSize').replace('padding_mode', 'paddingMode').replace('bias=False', 'bias=false');

describe('convolutions with a padding mode, against torch 1.13 (float64)', () => {
  for (const entry of cases)
    it(entry.name, () => {
      const Layer = layers[entry.dims] as unknown as new (...args: unknown[]) => Convolution;
      const layer = new Layer(entry.inChannels, entry.outChannels, entry.kernelSize, { ...entry.options, dtype: 'float64' });
      expect(String(layer)).toBe(inOurSpelling(entry.repr));
      layer.weight = parameter(fromFixture(entry.weight, 'float64'));
      if (entry.bias) layer.bias = parameter(fromFixture(entry.bias, 'float64'));
      const input = fromFixture(entry.input, 'float64').requiresGrad_();
      const output = layer.call(input);
      expectClose(output, entry.output, `${entry.name}: output`, 1e-10, 1e-12);
      output.mul(fromFixture(entry.weights, 'float64')).sum().backward();
      expectClose(input.grad, entry.inputGradient, `${entry.name}: input gradient`, 1e-10, 1e-12);
      expectClose(layer.weight.grad, entry.weightGradient, `${entry.name}: weight gradient`, 1e-10, 1e-12);
      if (entry.biasGradient) expectClose(layer.bias!.grad, entry.biasGradient, `${entry.name}: bias gradient`, 1e-10, 1e-12);
    });

  it('unbatched input is padded as batched input', () => {
    const entry = cases.find((candidate) => candidate.name.startsWith('conv2d reflect padding'))!;
    const layer = new Conv2d(entry.inChannels, entry.outChannels, entry.kernelSize as number, { ...entry.options, dtype: 'float64' });
    layer.weight = parameter(fromFixture(entry.weight, 'float64'));
    layer.bias = parameter(fromFixture(entry.bias!, 'float64'));
    const batched = layer.call(fromFixture(entry.input, 'float64'));
    const single = layer.call(fromFixture(entry.input, 'float64').select(0, 1));
    expect(Array.from(single.dataSync())).toEqual(Array.from(batched.select(0, 1).dataSync()));
  });

  it("takes padding_mode in torch's positional order, after bias (it was refused as too many arguments)", () => {
    const entry = cases.find((candidate) => candidate.name.startsWith('conv2d reflect padding'))!;
    const keyword = new Conv2d(entry.inChannels, entry.outChannels, entry.kernelSize as number, { ...entry.options, dtype: 'float64' });
    const options = entry.options as { stride?: number; padding?: number; dilation?: number; groups?: number; paddingMode: 'reflect' };
    const positional = new Conv2d(
      entry.inChannels,
      entry.outChannels,
      entry.kernelSize as number,
      options.stride ?? 1,
      options.padding ?? 0,
      options.dilation ?? 1,
      options.groups ?? 1,
      true,
      options.paddingMode,
      { dtype: 'float64' },
    );
    expect(String(positional)).toBe(String(keyword));
    expect(positional.paddingMode).toBe('reflect');
  });

  it('rejects an unknown mode, and any mode but zeros on a transposed convolution, by name', () => {
    expect(() => new Conv2d(1, 1, 3, { paddingMode: 'constant' as never })).toThrow(
      "Conv2d: paddingMode must be one of 'zeros', 'reflect', 'replicate', 'circular', got 'constant'",
    );
    expect(() => new ConvTranspose2d(1, 1, 3, { paddingMode: 'reflect' as never })).toThrow(
      "ConvTranspose2d: only paddingMode 'zeros' is supported, got 'reflect'",
    );
    // reflection needs padding < size, as F.pad's reflect mode
    expect(() =>
      new Conv1d(1, 1, 3, { padding: 4, paddingMode: 'reflect' }).call(fromFixture({ shape: [1, 1, 3], data: [1, 2, 3] })),
    ).toThrow(/pad/);
  });
});
