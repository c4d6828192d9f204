import { describe, expect, it } from 'vitest';
import { Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d, F } from '../src/index.js';
import { type ConvolutionCase, expectConvolutionLikeTorch } from './helpers/convolution-and-pooling-cases.js';
import { fromFixture, readFixture } from './helpers/nn-fixtures.js';

// ConvTranspose1d against torch 1.13 (tools/fixtures/nn_conv_transpose1d_reference.py): outputs and the
// gradients of sum(output · weights) for the input, the weight and the bias.
interface ConvTranspose1dCase extends ConvolutionCase {
  kernelSize: number;
  options: { stride?: number; padding?: number; outputPadding?: number; dilation?: number; groups?: number; bias?: boolean };
}
const reference = readFixture<{ cases: ConvTranspose1dCase[] }>('nn_conv_transpose1d.json');

describe('ConvTranspose1d against torch', () => {
  it.each(reference.cases.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const layer = new ConvTranspose1d(entry.inChannels, entry.outChannels, entry.kernelSize, entry.options);
    expectConvolutionLikeTorch(layer, entry, 1e-4);
  });

  it('F.convTranspose1d on an unbatched input, and torch’s positional arguments', () => {
    const entry = reference.cases[1]!;
    const output = F.convTranspose1d(fromFixture(entry.input).select(0, 0), fromFixture(entry.weight), fromFixture(entry.bias!), {
      stride: 2,
      padding: 1,
      outputPadding: 1,
    });
    expect(output.shape).toEqual(entry.output.shape.slice(1));
    expect(String(new ConvTranspose1d(4, 6, 4, 2, 1, 1))).toBe(
      'ConvTranspose1d(4, 6, kernelSize=(4,), stride=(2,), padding=(1,), outputPadding=(1,))',
    );
    expect(() => new ConvTranspose1d(4, 6, 3, { output_padding: 1 } as never)).toThrow(
      'ConvTranspose1d: unknown option `output_padding` (did you mean `outputPadding`?)',
    );
  });
});

describe('the convolution layers name a groups mismatch', () => {
  it('with the layer and the three numbers', () => {
    expect(() => new Conv2d(4, 6, 3, { groups: 4 })).toThrow('Conv2d: inChannels (4) and outChannels (6) must be divisible by groups (4)');
    expect(() => new Conv1d(3, 4, 3, { groups: 2 })).toThrow('Conv1d: inChannels (3) and outChannels (4) must be divisible by groups (2)');
    expect(() => new ConvTranspose2d(4, 6, 3, { groups: 4 })).toThrow(
      'ConvTranspose2d: inChannels (4) and outChannels (6) must be divisible by groups (4)',
    );
    expect(() => new ConvTranspose1d(4, 6, 3, { groups: 4 })).toThrow(
      'ConvTranspose1d: inChannels (4) and outChannels (6) must be divisible by groups (4)',
    );
  });
});
