import { describe, expect, it } from 'vitest';
import { randn, zeros, type Tensor, type ValuesAndIndices } from '@dl/tensor';
import { F } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// torch.nn.functional's aliases and *_with_indices forms against torch 1.13
// (tools/fixtures/nn_fractional_pool_and_aliases_reference.py): outputs, indices and the gradient of
// sum(output · weights) (none for channel_shuffle, which has no derivative in torch 1.13).
interface AliasCase {
  name: string;
  function: string;
  arguments: Record<string, unknown>;
  input: FixtureTensor;
  output: FixtureTensor;
  indices?: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor | null;
}
const reference = readFixture<{ aliases: AliasCase[] }>('nn_fractional_pool_and_aliases.json');

/** torch's keyword arguments in camelCase (kernel_size → kernelSize), as this package's options. */
const camelKeys = (keywords: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(keywords).map(([key, value]) => [key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()), value]),
  );

/** Each torch function called as its counterpart here, from the fixture's keywords. */
const calls: Record<string, (input: Tensor, keywords: Record<string, unknown>) => Tensor | ValuesAndIndices> = {
  upsample: (input, keywords) => F.upsample(input, keywords),
  upsample_nearest: (input, keywords) => F.upsampleNearest(input, keywords),
  upsample_bilinear: (input, keywords) => F.upsampleBilinear(input, keywords),
  channel_shuffle: (input, { groups }) => F.channelShuffle(input, groups as number),
  max_pool1d_with_indices: (input, { kernelSize, ...options }) => F.maxPool1dWithIndices(input, kernelSize as number, options),
  max_pool2d_with_indices: (input, { kernelSize, ...options }) => F.maxPool2dWithIndices(input, kernelSize as [number, number], options),
  max_pool3d_with_indices: (input, { kernelSize, ...options }) => F.maxPool3dWithIndices(input, kernelSize as number, options),
  adaptive_max_pool1d_with_indices: (input, { outputSize }) => F.adaptiveMaxPool1dWithIndices(input, outputSize as number),
  adaptive_max_pool2d_with_indices: (input, { outputSize }) => F.adaptiveMaxPool2dWithIndices(input, outputSize as [number, null]),
  adaptive_max_pool3d_with_indices: (input, { outputSize }) =>
    F.adaptiveMaxPool3dWithIndices(input, outputSize as [number, number, number]),
  logsigmoid: (input) => F.logsigmoid(input),
};

describe('torch.nn.functional aliases against torch', () => {
  it.each(reference.aliases.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const input = fromFixture(entry.input).requiresGrad_();
    const result = calls[entry.function]!(input, camelKeys(entry.arguments));
    const values = Array.isArray(result) ? (result as ValuesAndIndices).values : (result as Tensor);
    expectClose(values, entry.output, `${name}: output`, 1e-5, 1e-6);
    if (entry.indices) {
      const { indices } = result as ValuesAndIndices;
      expect(indices.dtype).toBe('int32');
      expectClose(indices, entry.indices, `${name}: indices`, 0, 0);
    } else expect(Array.isArray(result), `${name}: a single tensor`).toBe(false);
    values.mul(fromFixture(entry.weights)).sum().backward();
    if (entry.gradient) expectClose(input.grad, entry.gradient, `${name}: gradient`, 1e-5, 1e-6);
  });

  it('upsampleBilinear is bilinear with alignCorners true, unlike interpolate’s default', () => {
    const entry = reference.aliases.find((item) => item.function === 'upsample_bilinear')!;
    const input = fromFixture(entry.input);
    const size = entry.arguments.size as [number, number];
    expectClose(F.interpolate(input, { size, mode: 'bilinear', alignCorners: true }), entry.output, 'aligned', 1e-5, 1e-6);
    const unaligned = F.interpolate(input, { size, mode: 'bilinear' }).dataSync();
    expect(unaligned.some((value, index) => Math.abs(value - entry.output.data[index]!) > 1e-3)).toBe(true);
  });

  it('channelShuffle has a gradient here (torch 1.13 has none): the inverse permutation of the weights', () => {
    const input = randn([1, 4, 3]).requiresGrad_();
    const weights = randn([1, 4, 3]);
    F.channelShuffle(input, 2).mul(weights).sum().backward();
    // channels 0 1 2 3 → 0 2 1 3, a permutation that is its own inverse
    const rows = [0, 2, 1, 3].map((channel) => [...weights.dataSync().slice(channel * 3, channel * 3 + 3)]);
    expect([...input.grad!.dataSync()]).toEqual(rows.flat());
  });

  it('errors', () => {
    expect(() => F.channelShuffle(zeros([2, 5, 3]), 2)).toThrow(
      'channelShuffle: the number of channels must be divisible by groups, got 5 channels and 2 groups',
    );
    expect(() => F.channelShuffle(zeros([2, 6]), 2)).toThrow(
      'channelShuffle: expected an input with more than 2 dims ([N, C, *]), got [2, 6]',
    );
    expect(() => F.channelShuffle(zeros([2, 6, 3]), 0)).toThrow('channelShuffle: groups must be an integer ≥ 1, got 0');
    expect(() => F.upsampleBilinear(zeros([2, 6, 3]), { scaleFactor: 2 })).toThrow(/interpolate.*bilinear/);
    expect(() => F.upsampleBilinear(zeros([1, 1, 2, 2]), { scaleFactor: 2, alignCorners: false } as never)).toThrow(
      /upsampleBilinear: unknown option `alignCorners`/,
    );
    expect(() => F.upsampleNearest(zeros([1, 1, 2, 2]), { scale_factor: 2 } as never)).toThrow(
      /upsampleNearest: unknown option `scale_factor` \(did you mean `scaleFactor`\?\)/,
    );
    expect(() => F.upsample(zeros([1, 1, 2, 2]), { scaleFactor: 2, recomputeScaleFactor: true } as never)).toThrow(
      /upsample: unknown option `recomputeScaleFactor`/,
    );
    expect(() => F.maxPool2dWithIndices(zeros([1, 1, 4, 4]), 2, { returnIndices: false } as never)).toThrow(
      /maxPool2dWithIndices: unknown option `returnIndices`/,
    );
    expect(() => F.maxPool1dWithIndices(zeros([1, 1, 4]), 2, { returnIndices: true } as never)).toThrow(
      /maxPool1dWithIndices: unknown option `returnIndices`/,
    );
    expect(() => F.maxPool3dWithIndices(zeros([1, 1, 4, 4, 4]), 2, { ceil_mode: true } as never)).toThrow(
      /maxPool3dWithIndices: unknown option `ceil_mode`/,
    );
    expect(() => F.adaptiveMaxPool2dWithIndices(zeros([2, 6, 3, 3, 3]), 2)).toThrow(
      'adaptiveMaxPool2dWithIndices: expected a 3-D or 4-D input, got [2, 6, 3, 3, 3]',
    );
    expect(() => F.adaptiveMaxPool1dWithIndices(zeros([2, 3, 0]), 2)).toThrow(
      'adaptiveMaxPool1dWithIndices: the pooled dims of [2, 3, 0] must not be empty',
    );
    expect(() => F.adaptiveMaxPool1dWithIndices(zeros([2, 3, 5]), 0)).toThrow(
      'adaptiveMaxPool1dWithIndices: outputSize must be an integer ≥ 1, got 0',
    );
    expect(() => F.adaptiveMaxPool2dWithIndices(zeros([2, 3, 5, 5]), [2] as never)).toThrow(
      'adaptiveMaxPool2dWithIndices: outputSize must be an integer ≥ 1 or 2 of them (null keeps a dim), got an array [2]',
    );
    expect(() => F.adaptiveMaxPool3dWithIndices(zeros([3, 5, 5]), 2)).toThrow(
      'adaptiveMaxPool3dWithIndices: expected a 4-D or 5-D input, got [3, 5, 5]',
    );
  });
});
