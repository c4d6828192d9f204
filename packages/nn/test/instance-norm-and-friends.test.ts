import { describe, expect, it } from 'vitest';
import { noGrad, type Tensor } from '@dl/tensor';
import { leftBehind } from '@dl/tensor/testing';
import { CosineSimilarity, F, InstanceNorm1d, InstanceNorm2d, PairwiseDistance, PixelShuffle, PixelUnshuffle } from '../src/index.js';
import { expectClose, fromFixture, readFixture, type FixtureTensor } from './helpers/nn-fixtures.js';

// Against torch 1.13 (tools/fixtures/nn_instance_norm_and_friends_reference.py): outputs, and the
// gradients of sum(output · weights) with respect to every input and affine parameter.
interface Case {
  input?: FixtureTensor;
  inputs?: FixtureTensor[];
  output?: FixtureTensor;
  weights?: FixtureTensor;
  gradients?: FixtureTensor[];
  weight?: FixtureTensor;
  bias?: FixtureTensor;
  runningMean?: FixtureTensor;
  runningVar?: FixtureTensor;
  numBatchesTracked?: number;
  evalOutput?: FixtureTensor;
  repr?: string;
}
const { cases } = readFixture<{ cases: Record<string, Case> }>('nn_instance_norm_and_friends.json');

/** Runs `build` on the case's inputs (requiring grad), then checks the output and every gradient. */
function expectLikeTorch(name: string, build: (...inputs: Tensor[]) => Tensor, extra: Tensor[] = []): void {
  const entry = cases[name]!;
  const inputs = (entry.inputs ?? [entry.input!]).map((value) => fromFixture(value).requiresGrad_());
  const output = build(...inputs);
  expectClose(output, entry.output!, `${name}: output`, 1e-5, 1e-5);
  output.mul(fromFixture(entry.weights!)).sum().backward();
  [...inputs, ...extra].forEach((tensor, index) =>
    expectClose(tensor.grad, entry.gradients![index]!, `${name}: gradient ${index}`, 1e-4, 1e-5),
  );
}

describe('instance norm against torch', () => {
  it('InstanceNorm2d, without and with affine parameters; InstanceNorm1d on an unbatched input', () => {
    expectLikeTorch('InstanceNorm2d(3)', (x) => new InstanceNorm2d(3).call(x));
    for (const [name, make] of [
      ['InstanceNorm2d(3, affine)', () => new InstanceNorm2d(3, { affine: true })],
      ['InstanceNorm1d(4, affine), unbatched', () => new InstanceNorm1d(4, { affine: true })],
    ] as const) {
      const layer = make();
      layer.weight = fromFixture(cases[name]!.weight!).requiresGrad_();
      layer.bias = fromFixture(cases[name]!.bias!).requiresGrad_();
      expectLikeTorch(name, (x) => layer.call(x), [layer.weight, layer.bias]);
    }
  });

  it('keeps running statistics as torch does when asked (not counting batches), and uses them in eval mode', () => {
    const entry = cases['InstanceNorm2d(3, momentum 0.3, tracked)']!;
    const layer = new InstanceNorm2d(3, { momentum: 0.3, trackRunningStats: true });
    const [first, second, evaluated] = entry.inputs!.map((value) => fromFixture(value)) as [Tensor, Tensor, Tensor];
    layer.call(first);
    layer.call(second);
    expectClose(layer.runningMean, entry.runningMean!, 'running mean', 1e-5, 1e-6);
    expectClose(layer.runningVar, entry.runningVar!, 'running var', 1e-5, 1e-6);
    expect(layer.numBatchesTracked!.itemSync()).toBe(entry.numBatchesTracked);
    layer.eval();
    expectClose(layer.call(evaluated), entry.evalOutput!, 'eval output', 1e-5, 1e-5);
    expect(Object.keys(layer.stateDict())).toEqual(['running_mean', 'running_var', 'num_batches_tracked']);
    expect(String(new InstanceNorm2d(3))).toBe('InstanceNorm2d(3, eps=0.00001, momentum=0.1, affine=false, trackRunningStats=false)');
  });

  it('names a wrong rank or channel count', () => {
    expect(() => new InstanceNorm2d(3).call(fromFixture(cases['InstanceNorm2d(3)']!.input!).reshape(6, 4, 5))).toThrow(
      "InstanceNorm2d: expected input's size at dim 0 to match numFeatures (3), but got 6",
    );
    expect(() => new InstanceNorm1d(4).call(fromFixture(cases['InstanceNorm2d(3)']!.input!))).toThrow(
      'InstanceNorm1d: expected 2D (unbatched) or 3D (batched) input, got 4D',
    );
  });
});

describe('pixel shuffle and the distance functions against torch', () => {
  it('pixelShuffle, pixelUnshuffle and their layers', () => {
    expectLikeTorch('pixel_shuffle(2)', (x) => F.pixelShuffle(x, 2));
    expectLikeTorch('pixel_unshuffle(2)', (x) => new PixelUnshuffle(2).call(x));
    const input = fromFixture(cases['pixel_shuffle(2)']!.input!);
    expect(new PixelUnshuffle(2).call(new PixelShuffle(2).call(input)).toArraySync()).toEqual(input.toArraySync());
    expect(() => F.pixelShuffle(input, 3)).toThrow('pixelShuffle: the channels (8) must be divisible by the square of upscaleFactor (9)');
  });

  it('normalize, cosineSimilarity (broadcasting) and pairwiseDistance, and their layers', () => {
    expectLikeTorch('normalize(dim 1)', (x) => F.normalize(x, { p: 2, dim: 1 }));
    expectLikeTorch('normalize(p 1, dim -1)', (x) => F.normalize(x, { p: 1, dim: -1 }));
    expectLikeTorch('cosine_similarity(dim 1)', (a, b) => new CosineSimilarity({ dim: 1 }).call(a!, b!));
    expectLikeTorch('cosine_similarity, broadcast', (a, b) => F.cosineSimilarity(a!, b!, { dim: -1 }));
    expectLikeTorch('pairwise_distance', (a, b) => new PairwiseDistance().call(a!, b!));
    // torch's positional order (it was refused: "expected an options object")
    expectLikeTorch('cosine_similarity(dim 1)', (a, b) => new CosineSimilarity(1, 1e-8).call(a!, b!));
    expectLikeTorch('pairwise_distance', (a, b) => new PairwiseDistance(2, 1e-6, false).call(a!, b!));
    expect(() => new (PairwiseDistance as new (...args: unknown[]) => unknown)(2, 1e-6, false, true)).toThrow(
      'PairwiseDistance: too many positional arguments',
    );
    expectLikeTorch('pairwise_distance(p 1, keepdim)', (a, b) => F.pairwiseDistance(a!, b!, { p: 1, keepdim: true }));
    expect(() => F.normalize(fromFixture(cases['normalize(dim 1)']!.input!), { axis: 1 } as never)).toThrow(
      'normalize: unknown option `axis` (did you mean `dim`?)',
    );
  });

  it('release their intermediates', () => {
    const image = fromFixture(cases['InstanceNorm2d(3)']!.input!);
    const [a, b] = cases['cosine_similarity(dim 1)']!.inputs!.map((value) => fromFixture(value)) as [Tensor, Tensor];
    const calls: Record<string, () => Tensor> = {
      instanceNorm: () => F.instanceNorm(image),
      normalize: () => F.normalize(a),
      cosineSimilarity: () => F.cosineSimilarity(a, b),
      pairwiseDistance: () => F.pairwiseDistance(a, b),
    };
    for (const [name, call] of Object.entries(calls)) {
      call().dispose();
      expect(
        leftBehind(() => noGrad(call), [image, a, b]),
        name,
      ).toEqual({ handles: 0, bytes: 0 });
    }
  });
});
