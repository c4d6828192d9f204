import { describe, expect, it } from 'vitest';
import { manualSeed, rand, tensor, zeros, type Tensor } from '@dl/tensor';
import { F, FractionalMaxPool2d, FractionalMaxPool3d } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// Fractional max pooling against torch 1.13 (tools/fixtures/nn_fractional_pool_and_aliases_reference.py):
// with torch's `_random_samples` given, the output, the indices and the gradient of sum(output · weights)
// must be torch's exactly (float32 cases include samples whose window starts depend on float32 rounding).
interface FractionalCase {
  name: string;
  dims: 2 | 3;
  dtype: 'float32' | 'float64';
  kernelSize: number | number[];
  outputSize: number | number[] | null;
  outputRatio: number | number[] | null;
  input: FixtureTensor;
  samples: FixtureTensor;
  output: FixtureTensor;
  indices: FixtureTensor;
  weights: FixtureTensor;
  gradient: FixtureTensor;
}
const reference = readFixture<{
  fractional: FractionalCase[];
  reprs: Record<string, string>;
  stateDictKeys: { withoutSamples: string[]; withSamples: string[] };
}>('nn_fractional_pool_and_aliases.json');

const pool = (entry: FractionalCase, input: Tensor, randomSamples: Tensor) => {
  const options = { outputSize: entry.outputSize, outputRatio: entry.outputRatio, randomSamples } as never;
  return entry.dims === 2
    ? F.fractionalMaxPool2dWithIndices(input, entry.kernelSize as [number, number], options)
    : F.fractionalMaxPool3dWithIndices(input, entry.kernelSize as [number, number, number], options);
};

const caseNamed = (name: string): FractionalCase => reference.fractional.find((entry) => entry.name === name)!;

describe('fractional max pooling against torch', () => {
  it.each(reference.fractional.map((entry) => [entry.name, entry] as const))('%s', (name, entry) => {
    const input = fromFixture(entry.input, entry.dtype).requiresGrad_();
    const { values, indices } = pool(entry, input, fromFixture(entry.samples, entry.dtype));
    expect(values.dtype).toBe(entry.dtype);
    expect(indices.dtype).toBe('int32');
    expectClose(values, entry.output, `${name}: output`, 0, 0);
    expectClose(indices, entry.indices, `${name}: indices`, 0, 0);
    if (values.numel() > 0) values.mul(fromFixture(entry.weights, entry.dtype)).sum().backward();
    else values.sum().backward();
    expectClose(input.grad, entry.gradient, `${name}: gradient`, 0, 0);
  });

  it('the values-only forms and returnIndices give the same numbers', () => {
    const entry = caseNamed('2-d, kernel 2, output size (5, 6)');
    const [input, randomSamples] = [fromFixture(entry.input), fromFixture(entry.samples)];
    expectClose(F.fractionalMaxPool2d(input, 2, { outputSize: [5, 6], randomSamples }), entry.output, 'values only', 0, 0);
    const pair = F.fractionalMaxPool2d(input, 2, { outputSize: [5, 6], randomSamples, returnIndices: true });
    expectClose(pair.indices, entry.indices, 'returnIndices', 0, 0);
    const volume = caseNamed('3-d, kernel 2, output size (4, 5, 6)');
    const options = { outputSize: [4, 5, 6] as const, randomSamples: fromFixture(volume.samples) };
    expectClose(F.fractionalMaxPool3d(fromFixture(volume.input), 2, options), volume.output, '3-d values only', 0, 0);
  });

  it('the modules: torch’s results with fixed samples, torch’s repr and state-dict keys', () => {
    const entry = caseNamed('2-d, kernel (2, 3), output ratio (0.5, 0.7), unbatched');
    const layer = new FractionalMaxPool2d([2, 3], { outputRatio: [0.5, 0.7], randomSamples: fromFixture(entry.samples) });
    expectClose(layer.call(fromFixture(entry.input)), entry.output, 'FractionalMaxPool2d', 0, 0);
    expectClose(layer.forwardWithIndices(fromFixture(entry.input)).indices, entry.indices, 'FractionalMaxPool2d indices', 0, 0);
    expect(Object.keys(layer.stateDict())).toEqual(reference.stateDictKeys.withSamples);
    expect(Object.keys(new FractionalMaxPool2d(2, { outputSize: 3 }).stateDict())).toEqual(reference.stateDictKeys.withoutSamples);
    expect(`${new FractionalMaxPool2d(3, { outputRatio: 0.5 })}`).toBe(reference.reprs.FractionalMaxPool2d);
    expect(`${new FractionalMaxPool3d(2, { outputSize: [2, 3, 4] })}`).toBe(reference.reprs.FractionalMaxPool3d);

    const volume = caseNamed('3-d, kernel (2, 3, 2), output ratio 0.5, unbatched');
    // torch's positional order: kernel_size, output_size, output_ratio, then the samples
    const positional = new FractionalMaxPool3d([2, 3, 2], null, 0.5, { randomSamples: fromFixture(volume.samples) });
    expectClose(positional.call(fromFixture(volume.input)), volume.output, 'FractionalMaxPool3d', 0, 0);
    expectClose(positional.forwardWithIndices(fromFixture(volume.input)).indices, volume.indices, 'FractionalMaxPool3d indices', 0, 0);
  });

  it('without samples: drawn from the seeded generator, [N, C, dims] uniform, so manualSeed reproduces a call', () => {
    const input = fromFixture(caseNamed('2-d, kernel 2, output size (5, 6)').input);
    manualSeed(11);
    const first = F.fractionalMaxPool2dWithIndices(input, 2, { outputSize: [5, 6] });
    manualSeed(11);
    const drawn = rand([2, 3, 2]);
    const replayed = F.fractionalMaxPool2dWithIndices(input, 2, { outputSize: [5, 6], randomSamples: drawn });
    expect([...first.indices.dataSync()]).toEqual([...replayed.indices.dataSync()]);
    manualSeed(11);
    const layer = new FractionalMaxPool2d(2, [5, 6]);
    expect([...layer.forwardWithIndices(input).indices.dataSync()]).toEqual([...first.indices.dataSync()]);
    // a fresh draw on every call: 6 planes × 2 dims of windows hardly ever repeat
    expect([...layer.forwardWithIndices(input).indices.dataSync()]).not.toEqual([...first.indices.dataSync()]);
  });

  it('errors', () => {
    const input = zeros([2, 3, 7, 8]);
    const samples = rand([2, 3, 2]);
    expect(() => F.fractionalMaxPool2d(input, 3, {})).toThrow(
      'fractionalMaxPool2d: give exactly one of outputSize and outputRatio, got neither',
    );
    expect(() => F.fractionalMaxPool2d(input, 3, { outputSize: 3, outputRatio: 0.5 })).toThrow(
      'fractionalMaxPool2d: give exactly one of outputSize and outputRatio, got both',
    );
    expect(() => F.fractionalMaxPool2d(input, 3, { outputSize: [6, 5] })).toThrow(
      'fractionalMaxPool2d: pool height 3 too large relative to input height 7 (output height 6; input [2, 3, 7, 8])',
    );
    expect(() => F.fractionalMaxPool2d(input, 3, { outputSize: [5, 7] })).toThrow(
      'fractionalMaxPool2d: pool width 3 too large relative to input width 8',
    );
    // torch's 3-d check is strict: output + pool − 1 must stay below the input size
    expect(() => F.fractionalMaxPool3d(zeros([1, 2, 6, 6, 6]), 3, { outputSize: [4, 3, 3] })).toThrow(
      'fractionalMaxPool3d: pool time 3 too large relative to input time 6',
    );
    expect(() => F.fractionalMaxPool3d(zeros([6, 6, 6]), 3, { outputSize: 2 })).toThrow(
      'fractionalMaxPool3d: expected a 4-D [C, T, H, W] or 5-D [N, C, T, H, W] input, got [6, 6, 6]',
    );
    expect(() => F.fractionalMaxPool2d(zeros([2, 56]), 3, { outputSize: 2 })).toThrow(
      'fractionalMaxPool2d: expected a 3-D [C, H, W] or 4-D [N, C, H, W] input, got [2, 56]',
    );
    expect(() => F.fractionalMaxPool2d(zeros([2, 0, 7, 8]), 3, { outputSize: 2 })).toThrow(
      'fractionalMaxPool2d: expected non-zero sizes except for the batch dim, got [2, 0, 7, 8]',
    );
    expect(() => F.fractionalMaxPool2d(zeros([2, 3, 7, 8], { dtype: 'int32' }), 3, { outputSize: 2 })).toThrow(
      'fractionalMaxPool2d: expected a float32 or float64 input, got int32',
    );
    expect(() => F.fractionalMaxPool2d(input, 0, { outputSize: 2 })).toThrow(
      'fractionalMaxPool2d: kernelSize must be an integer ≥ 1 or 2 of them, got 0',
    );
    expect(() => F.fractionalMaxPool2d(input, 2, { outputSize: [2, 2.5] })).toThrow(
      'fractionalMaxPool2d: outputSize must be an integer ≥ 0 or 2 of them, got an array [2, 2.5]',
    );
    expect(() => F.fractionalMaxPool2d(input, 2, { outputRatio: -0.5 })).toThrow(
      'fractionalMaxPool2d: outputRatio must be a finite number ≥ 0 or 2 of them, got -0.5',
    );
    expect(() => F.fractionalMaxPool2d(input, 2, { outputSize: 2, randomSamples: rand([1, 3, 2]) })).toThrow(
      'fractionalMaxPool2d: randomSamples must have shape [2, 3, 2] ([N, C, 2] of the batched input), got [1, 3, 2]',
    );
    expect(() => F.fractionalMaxPool2d(input, 2, { outputSize: 2, randomSamples: rand([2, 3, 2], { dtype: 'float64' }) })).toThrow(
      "fractionalMaxPool2d: randomSamples must have the input's dtype float32, got float64",
    );
    expect(() => F.fractionalMaxPool2d(input, 2, { outputSize: 2, randomSamples: samples.add(1) })).toThrow(
      /^fractionalMaxPool2d: randomSamples must lie in \[0, 1\), got 1\.\d+$/,
    );
    expect(() => F.fractionalMaxPool2d(input, 2, { outputSize: 2, randomSamples: [[0.5, 0.5]] as never })).toThrow(
      'fractionalMaxPool2d: randomSamples must be a tensor, got',
    );
    expect(() => F.fractionalMaxPool2d(input, 2, { outputSize: 2, random_samples: samples } as never)).toThrow(
      /fractionalMaxPool2d: unknown option `random_samples` \(did you mean `randomSamples`\?\)/,
    );
    expect(() => F.fractionalMaxPool2dWithIndices(input, 2, { outputSize: 2, returnIndices: true } as never)).toThrow(
      /fractionalMaxPool2dWithIndices: unknown option `returnIndices`/,
    );

    expect(() => new FractionalMaxPool2d(3, {})).toThrow(
      'FractionalMaxPool2d: requires specifying either an outputSize or an outputRatio (a pooling ratio)',
    );
    expect(() => new FractionalMaxPool2d(3, { outputSize: 5, outputRatio: 0.5 })).toThrow(
      'FractionalMaxPool2d: only one of outputSize and outputRatio may be specified',
    );
    expect(() => new FractionalMaxPool2d(3, { outputRatio: 1 })).toThrow(
      'FractionalMaxPool2d: outputRatio must be between 0 and 1 or 2 of them, got 1',
    );
    expect(() => new FractionalMaxPool3d(3, { outputRatio: [0.5, 0.5] as never })).toThrow(
      'FractionalMaxPool3d: outputRatio must be between 0 and 1 or 3 of them, got an array [0.5, 0.5]',
    );
    expect(() => new FractionalMaxPool3d([2, 2] as never, { outputSize: 2 })).toThrow(
      'FractionalMaxPool3d: kernelSize must be an integer ≥ 1 or 3 of them, got an array [2, 2]',
    );
    expect(() => new FractionalMaxPool2d(2, { outputSize: 2, returnIndices: true } as never)).toThrow(
      'FractionalMaxPool2d: returnIndices is not an option of the module; call forwardWithIndices(input) for [values, indices]',
    );
    expect(() => new FractionalMaxPool2d(2, { outputSize: 2, randomSamples: tensor([0.5]).dataSync() } as never)).toThrow(
      'FractionalMaxPool2d: randomSamples must be a tensor, got',
    );
  });
});
