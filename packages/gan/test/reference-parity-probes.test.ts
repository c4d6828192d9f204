import {
  dcganWeightsInit,
  GanTrainer,
  gradientPenalty,
  MlpDiscriminator,
  MlpGenerator,
  MnistClassifier,
  mnistQuality,
  spectralNorm,
} from '../src/index.js';
import { Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d, ConvTranspose3d, Linear, SGD, type Module } from '@dl/nn';
import { manualSeed, noGrad, rand, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, expectNumberClose, fromFixture, readFixture, stateFromFixture, type FixtureTensor } from './helpers/fixtures.js';

/** packages/gan/test/__fixtures__/gan_parity_probes.json, from tools/fixtures/gan_parity_probes_reference.py (PyTorch 1.13). */
interface ParityFixture {
  zeroGradientPenalty: {
    weight: FixtureTensor;
    bias: FixtureTensor;
    real: FixtureTensor;
    fake: FixtureTensor;
    alpha: FixtureTensor;
    gradientNorms: FixtureTensor;
    penalty: number;
    weightGrad: FixtureTensor;
    biasGrad: FixtureTensor;
  };
  spectralNorm: Record<
    'convTranspose1d' | 'convTranspose3d',
    {
      initial: Record<string, FixtureTensor>;
      input: FixtureTensor;
      uShape: number[];
      vShape: number[];
      u: FixtureTensor;
      v: FixtureTensor;
      weight: FixtureTensor;
      output: FixtureTensor;
    }
  >;
  zeroPowerIterationsError: string;
  dcganWeightsInit: Record<string, { changed: boolean; defaultStd: number; std: number }>;
}
const fixture = readFixture<ParityFixture>('gan_parity_probes.json');

type Normalised = Module & { call(input: Tensor): Tensor; weight: Tensor; weight_u: Tensor; weight_v: Tensor };

describe('gradientPenalty where a sample has a zero input gradient (torch: g.norm(2, dim=1))', () => {
  it('gives torch’s penalty and finite critic gradients (the norm’s subgradient at 0 is 0, not NaN)', () => {
    const data = fixture.zeroGradientPenalty;
    const critic = new Linear(3, 1).to('float64');
    critic.loadStateDict(stateFromFixture({ weight: data.weight, bias: data.bias }));
    // relu(w·x + b): the second interpolate lies where the relu is off, so ∇ₓ is exactly 0 there
    const penalty = gradientPenalty((batch: Tensor) => critic.call(batch).relu(), fromFixture(data.real), fromFixture(data.fake), {
      eps: fromFixture(data.alpha),
      lambda: 10,
    });
    penalty.backward();
    expectNumberClose(penalty.itemSync(), data.penalty, 'penalty', 1e-12);
    expectClose(critic.weight.grad, data.weightGrad, 'd penalty / d weight');
    const biasGrad = critic.bias!.grad;
    if (biasGrad) expectClose(biasGrad, data.biasGrad, 'd penalty / d bias');
  });
});

describe('spectralNorm of ConvTranspose1d and ConvTranspose3d (torch: dim 1 for every transposed convolution)', () => {
  const layers = {
    convTranspose1d: () => new ConvTranspose1d(3, 2, 3, { stride: 2 }),
    convTranspose3d: () => new ConvTranspose3d(3, 2, 2),
  };
  for (const kind of ['convTranspose1d', 'convTranspose3d'] as const)
    it(`${kind}: u, v shapes, and u, v, weight, output after one training forward from torch's state`, () => {
      const data = fixture.spectralNorm[kind];
      const layer = spectralNorm(layers[kind]().to('float64')) as unknown as Normalised;
      expect([...layer.weight_u.shape]).toEqual(data.uShape);
      expect([...layer.weight_v.shape]).toEqual(data.vShape);
      layer.loadStateDict(stateFromFixture(data.initial));
      const output = noGrad(() => layer.call(fromFixture(data.input)));
      expectClose(layer.weight_u, data.u, `${kind}: u`);
      expectClose(layer.weight_v, data.v, `${kind}: v`);
      expectClose(layer.weight, data.weight, `${kind}: weight`);
      expectClose(output, data.output, `${kind}: output`);
    });

  it('rejects nPowerIterations 0, as torch does', () => {
    expect(fixture.zeroPowerIterationsError).toMatch(/Expected n_power_iterations to be positive/);
    expect(() => spectralNorm(new Linear(2, 2), { nPowerIterations: 0 })).toThrow(
      /spectralNorm: Expected nPowerIterations to be a positive integer, got 0/,
    );
  });
});

describe("dcganWeightsInit covers every convolution, as the DCGAN example's weights_init ('Conv' in the class name)", () => {
  const layers: Record<string, () => Module & { weight: Tensor }> = {
    // the fixture's shapes: 2048 weights, fan-in 8, so that the default init (std ≈ 0.2) is far from N(0, 0.02)
    Conv1d: () => new Conv1d(4, 256, 2),
    Conv2d: () => new Conv2d(2, 256, 2),
    Conv3d: () => new Conv3d(1, 256, 2),
    ConvTranspose1d: () => new ConvTranspose1d(256, 4, 2),
    ConvTranspose2d: () => new ConvTranspose2d(256, 2, 2),
    ConvTranspose3d: () => new ConvTranspose3d(256, 1, 2),
  };
  it('covers the classes of the fixture', () => {
    expect(Object.keys(layers).sort()).toEqual(Object.keys(fixture.dcganWeightsInit).sort());
  });
  for (const [name, make] of Object.entries(layers))
    it(`${name}: weight ~ N(0, 0.02)`, () => {
      manualSeed(11);
      const layer = make();
      layer.apply(dcganWeightsInit);
      const expected = fixture.dcganWeightsInit[name]!;
      expect(expected.changed).toBe(true);
      // 2048 weights: the sample std is within 10% of 0.02 (torch's run gave expected.std, from expected.defaultStd)
      const std = layer.weight.std().itemSync();
      expect(Math.abs(std - expected.std), `${name}: std ${std}, torch ${expected.std}`).toBeLessThan(0.002);
    });
});

describe('mnistQuality uses explicit options as given', () => {
  /** Inception Score from its definition: exp(mean_x KL(p(y|x) ‖ p(y))) per torch.chunk split, then the mean. */
  function inceptionScoreByHand(probabilities: number[][], splits: number): number {
    const chunk = Math.ceil(probabilities.length / splits);
    const scores: number[] = [];
    for (let start = 0; start < probabilities.length; start += chunk) {
      const rows = probabilities.slice(start, start + chunk);
      const marginal = rows[0]!.map((_, column) => rows.reduce((sum, row) => sum + row[column]!, 0) / rows.length);
      const divergence = rows.reduce(
        (sum, row) => sum + row.reduce((inner, p, column) => inner + (p > 0 ? p * Math.log(p / marginal[column]!) : 0), 0),
        0,
      );
      scores.push(Math.exp(divergence / rows.length));
    }
    return scores.reduce((sum, score) => sum + score, 0) / scores.length;
  }

  it('isSplits: 10 on 50 generated images gives the Inception Score over 10 splits of 5', async () => {
    manualSeed(21);
    const classifier = new MnistClassifier().eval();
    const generated = rand([50, 1, 28, 28]);
    const real = rand([20, 1, 28, 28]);
    const probabilities = noGrad(() => classifier.call(generated).softmax(1));
    const rows = Array.from({ length: 50 }, (_, row) => [...probabilities.dataSync().slice(row * 10, row * 10 + 10)]);
    const quality = await mnistQuality(classifier, generated, real, { isSplits: 10, kidSubsets: 2 });
    expectNumberClose(quality.inceptionScore.mean, inceptionScoreByHand(rows, 10), 'inception score, 10 splits', 1e-5);
  });

  it('rejects a kidSubsetSize larger than the image sets (torchmetrics raises) instead of shrinking it', async () => {
    manualSeed(22);
    const classifier = new MnistClassifier().eval();
    await expect(mnistQuality(classifier, rand([30, 1, 28, 28]), rand([20, 1, 28, 28]), { kidSubsetSize: 25 })).rejects.toThrow(
      /mnistQuality: kidSubsetSize 25 is larger than the smaller image set \(20 images\)/,
    );
  });
});

describe('GanTrainer refuses options it would silently ignore', () => {
  const models = () => ({
    generator: new MlpGenerator({ latentDim: 4, hiddenSizes: [8], outFeatures: 6 }),
    discriminator: new MlpDiscriminator({ inFeatures: 6, hiddenSizes: [8] }),
    latentDim: 4,
  });
  it('a negative gradientPenalty, r1Gamma or clipValue (which used to turn the regulariser off)', () => {
    expect(() => new GanTrainer({ ...models(), loss: 'wasserstein', clipValue: -0.01 })).toThrow(
      /GanTrainer: clipValue must be 0 \(off\) or positive, got -0.01/,
    );
    expect(() => new GanTrainer({ ...models(), loss: 'wasserstein', gradientPenalty: -10 })).toThrow(
      /GanTrainer: gradientPenalty must be 0 \(off\) or positive, got -10/,
    );
    expect(() => new GanTrainer({ ...models(), r1Gamma: -1 })).toThrow(/GanTrainer: r1Gamma must be 0 \(off\) or positive, got -1/);
  });
  it('learning rates or betas next to the optimizers they would configure, emaDecay without emaGenerator', () => {
    const setup = models();
    const generatorOptimizer = new SGD(setup.generator.parameters(), { lr: 0.1 });
    const discriminatorOptimizer = new SGD(setup.discriminator.parameters(), { lr: 0.1 });
    expect(() => new GanTrainer({ ...setup, generatorOptimizer, generatorLr: 1e-4 })).toThrow(
      /GanTrainer: generatorLr would be ignored because generatorOptimizer is given/,
    );
    expect(() => new GanTrainer({ ...setup, discriminatorOptimizer, discriminatorLr: 1e-4 })).toThrow(
      /GanTrainer: discriminatorLr would be ignored because discriminatorOptimizer is given/,
    );
    expect(() => new GanTrainer({ ...setup, generatorOptimizer, discriminatorOptimizer, betas: [0.5, 0.9] })).toThrow(
      /GanTrainer: betas would be ignored because both optimizers are given/,
    );
    expect(() => new GanTrainer({ ...setup, emaDecay: 0.99 })).toThrow(
      /GanTrainer: emaDecay would be ignored because there is no emaGenerator/,
    );
    // accepted: one optimizer given, the other configured by its learning rate and the betas
    expect(() => new GanTrainer({ ...setup, generatorOptimizer, discriminatorLr: 1e-4, betas: [0.5, 0.9] })).not.toThrow();
  });
});
