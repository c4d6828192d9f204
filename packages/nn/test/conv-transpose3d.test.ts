import { randn } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';
import { describe, expect, it } from 'vitest';
import {
  ConvTranspose2d,
  ConvTranspose3d,
  F,
  type ConvTranspose2dOptions,
  type ConvTranspose3dOptions,
  type Pair,
  type Triple,
} from '../src/index.js';
import { type ConvolutionCase, expectConvolutionLikeTorch } from './helpers/convolution-and-pooling-cases.js';
import { expectClose, fromFixture, readFixture } from './helpers/nn-fixtures.js';

// ConvTranspose3d against torch 1.13 (tools/fixtures/nn_conv_transpose3d_reference.py): the output and
// the gradients of sum(output · weights) for the input, the weight and the bias, with stride, padding,
// output padding, dilation and groups; torch's representation. Also ConvTranspose2d with an output
// padding at or above the stride (allowed below the dilation), which it refused before.
interface ConvTranspose3dCase extends ConvolutionCase {
  kernelSize: Triple;
  options: ConvTranspose3dOptions & { bias?: boolean };
  repr: string;
}
interface ConvTranspose2dCase extends ConvolutionCase {
  kernelSize: Pair;
  options: ConvTranspose2dOptions & { bias?: boolean };
  repr: string;
}
const { cases, planar } = readFixture<{ cases: ConvTranspose3dCase[]; planar: ConvTranspose2dCase[] }>('nn_conv_transpose3d.json');

/** torch's repr in our spelling: camelCase keywords, lower-case booleans. */
const inOurSpelling = (repr: string) =>
  repr.replace('kernel_size', 'kernelSize').replace('output_padding', 'outputPadding').replace('bias=False', 'bias=false');

describe('ConvTranspose3d against torch', () => {
  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const layer = new ConvTranspose3d(entry.inChannels, entry.outChannels, entry.kernelSize, entry.options);
    expect(String(layer)).toBe(inOurSpelling(entry.repr));
    expectConvolutionLikeTorch(layer, entry, 1e-5);
  });

  it('F.convTranspose3d on an unbatched input is the batched one’s first sample; it releases its intermediates', () => {
    const entry = cases.find((candidate) => candidate.name.startsWith('stride (2, 1, 2)'))!;
    const options = { stride: [2, 1, 2], padding: [1, 0, 1], outputPadding: [1, 0, 1] } as const;
    const [input, weight, bias] = [fromFixture(entry.input), fromFixture(entry.weight), fromFixture(entry.bias!)];
    expectClose(F.convTranspose3d(input.select(0, 0), weight, bias, options).unsqueeze(0), entry.output, 'unbatched', 1e-5, 1e-5);
    expect(leftBehind(() => F.convTranspose3d(input, weight, bias, options), [input, weight, bias])).toEqual({ handles: 0, bytes: 0 });
  });

  it('takes torch’s positional order and names its state like torch', () => {
    const layer = new ConvTranspose3d(4, 6, [2, 3, 2], 3, 0, 0, 2, false, [2, 1, 1]);
    expect(layer.weight.shape).toEqual([4, 3, 2, 3, 2]);
    expect(layer.bias).toBeNull();
    expect(Object.keys(new ConvTranspose3d(2, 4, 3).stateDict())).toEqual(['weight', 'bias']);
    expect(layer.call(randn([1, 4, 2, 3, 3])).shape).toEqual([1, 6, 6, 9, 8]);
  });

  it('names bad settings and bad input', () => {
    expect(() => F.convTranspose3d(randn([1, 2, 3, 3, 3]), randn([2, 2, 3, 3, 3]), null, { stride: 2, outputPadding: 2 })).toThrow(
      'convTranspose3d: outputPadding [2, 2, 2] must be smaller than either stride [2, 2, 2] or dilation [1, 1, 1] in each dim',
    );
    expect(() => F.convTranspose3d(randn([1, 3, 3, 3, 3]), randn([2, 2, 3, 3, 3]))).toThrow(
      'convTranspose3d: weight [2, 2, 3, 3, 3] with groups=1 expects input with 2 channels, got input [1, 3, 3, 3, 3]',
    );
    expect(() => F.convTranspose3d(randn([2, 3, 3]), randn([2, 2, 3, 3, 3]))).toThrow(
      /convTranspose3d: expected a 4-D \[C, D, H, W\] or 5-D/,
    );
    expect(() => F.convTranspose3d(randn([1, 2, 3, 3, 3]), randn([2, 2, 3, 3, 3]), null, { output_padding: 1 } as never)).toThrow(
      /convTranspose3d: unknown option `output_padding`/,
    );
    expect(() => new ConvTranspose3d(2, 2, 3, { paddingMode: 'reflect' })).toThrow(
      "ConvTranspose3d: only paddingMode 'zeros' is supported, got 'reflect'",
    );
  });
});

describe('ConvTranspose2d with an output padding at or above the stride, against torch', () => {
  it.each(planar.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const layer = new ConvTranspose2d(entry.inChannels, entry.outChannels, entry.kernelSize, entry.options);
    expect(String(layer)).toBe(inOurSpelling(entry.repr));
    expectConvolutionLikeTorch(layer, entry, 1e-5);
  });
});
