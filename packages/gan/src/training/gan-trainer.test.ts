import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manualSeed, noGrad, randn, type Tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { dcganFixture, dcganFromFixture } from '../../test/helpers/dcgan-fixture.js';
import { expectNumberClose } from '../../test/helpers/fixtures.js';
import { bceDiscriminatorLoss } from '../losses/bce-losses.js';
import { r1Penalty } from '../penalties/r1-penalty.js';
import { MlpDiscriminator } from '../models/mlp-discriminator.js';
import { MlpGenerator } from '../models/mlp-generator.js';
import { GanTrainer } from './gan-trainer.js';

const pngSignature = [137, 80, 78, 71, 13, 10, 26, 10];

/** A tiny seeded MLP pair on 16-pixel "images". */
function tinyPair(seed: number) {
  manualSeed(seed);
  return {
    generator: new MlpGenerator({ latentDim: 4, hiddenSizes: [8], outFeatures: 16 }),
    discriminator: new MlpDiscriminator({ inFeatures: 16, hiddenSizes: [8] }),
  };
}
const flat = (module: { parameters(): Tensor[] }) => module.parameters().flatMap((parameter) => [...parameter.dataSync()]);

describe('GanTrainer', () => {
  it("reproduces PyTorch's 10 DCGAN iterations (losses within 1e-4 relative)", async () => {
    const { generator, discriminator, reals, noises } = dcganFromFixture();
    const trainer = new GanTrainer({ generator, discriminator, latentDim: dcganFixture.latentDim });
    for (const [iteration, real] of reals.entries()) {
      const result = await trainer.step(real, { noise: noises[iteration]! });
      expectNumberClose(result.discriminatorLoss, dcganFixture.discriminatorLosses[iteration]!, `D loss ${iteration + 1}`, 1e-4);
      expectNumberClose(result.generatorLoss!, dcganFixture.generatorLosses[iteration]!, `G loss ${iteration + 1}`, 1e-4);
    }
    expect(trainer.history.discriminator).toHaveLength(10);
  });

  it('nCritic: one generator step per nCritic critic steps; TTUR learning rates reach the optimizers', async () => {
    const { generator, discriminator } = tinyPair(1);
    const trainer = new GanTrainer({
      generator,
      discriminator,
      latentDim: 4,
      loss: 'wasserstein',
      nCritic: 3,
      generatorLr: 1e-4,
      discriminatorLr: 4e-4,
      clipValue: 0.05,
    });
    expect(trainer.generatorOptimizer.paramGroups[0]!.lr).toBe(1e-4);
    expect(trainer.discriminatorOptimizer.paramGroups[0]!.lr).toBe(4e-4);
    const before = flat(generator);
    const first = await trainer.step(randn([6, 16]));
    const second = await trainer.step(randn([6, 16]));
    expect([first.generatorLoss, second.generatorLoss]).toEqual([null, null]);
    expect(flat(generator)).toEqual(before); // critic-only steps leave G alone
    const third = await trainer.step(randn([6, 16]));
    expect(third.generatorLoss).not.toBeNull();
    expect(flat(generator)).not.toEqual(before);
    expect(Math.max(...flat(discriminator).map(Math.abs))).toBeLessThanOrEqual(0.05 + 1e-7); // clipped
  });

  it('one-sided label smoothing and feature matching give the losses computed by hand', async () => {
    const real = (manualSeed(9), randn([5, 16]));
    const noise = randn([5, 4]);
    // by hand, on a copy with the same initial weights
    const reference = tinyPair(2);
    const expectedDiscriminatorLoss = noGrad(() =>
      bceDiscriminatorLoss(reference.discriminator.call(real), reference.discriminator.call(reference.generator.call(noise)), {
        realLabel: 0.9,
      }),
    ).itemSync();
    const { generator, discriminator } = tinyPair(2);
    const trainer = new GanTrainer({ generator, discriminator, latentDim: 4, realLabel: 0.9, featureMatching: true });
    const result = await trainer.step(real, { noise });
    expectNumberClose(result.discriminatorLoss, expectedDiscriminatorLoss, 'smoothed D loss', 1e-6);
    // feature matching, after the D update, with the G that has not stepped yet: replay on the updated D
    const { generator: replayGenerator } = tinyPair(2);
    const expectedGeneratorLoss = noGrad(() => {
      const realFeatures = discriminator.features(real).mean(0);
      return discriminator.features(replayGenerator.call(noise)).mean(0).sub(realFeatures).square().sum();
    }).itemSync();
    expectNumberClose(result.generatorLoss!, expectedGeneratorLoss, 'feature-matching G loss', 1e-5);
  });

  it('keeps an EMA generator: θ_ema = β·θ_ema + (1 − β)·θ after each generator step', async () => {
    const { generator, discriminator } = tinyPair(3);
    const initial = flat(generator);
    const emaGenerator = new MlpGenerator({ latentDim: 4, hiddenSizes: [8], outFeatures: 16 });
    const trainer = new GanTrainer({ generator, discriminator, latentDim: 4, emaGenerator, emaDecay: 0.75 });
    await trainer.step(randn([4, 16]));
    const afterOne = flat(generator);
    await trainer.step(randn([4, 16]));
    const afterTwo = flat(generator);
    const expected = initial.map((value, index) => 0.75 * (0.75 * value + 0.25 * afterOne[index]!) + 0.25 * afterTwo[index]!);
    flat(emaGenerator).forEach((value, index) => expect(value).toBeCloseTo(expected[index]!, 6));
  });

  it('checkpoint and resume continue the run exactly; writes sample grids and the loss curve', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'gan-trainer-'));
    const batches = (manualSeed(11), [0, 1, 2, 3].map(() => randn([4, 16])));
    const make = () => {
      const { generator, discriminator } = tinyPair(4);
      const emaGenerator = new MlpGenerator({ latentDim: 4, hiddenSizes: [8], outFeatures: 16 });
      return new GanTrainer({
        generator,
        discriminator,
        latentDim: 4,
        emaGenerator,
        samples: { every: 2, directory, count: 4, imageShape: [1, 4, 4] },
      });
    };
    const straight = make();
    manualSeed(12);
    const losses: number[] = [];
    for (const [index, batch] of batches.entries()) {
      if (index === 2) await straight.saveCheckpoint(join(directory, 'checkpoint'));
      losses.push((await straight.step(batch)).discriminatorLoss);
    }
    const resumed = make();
    await resumed.loadCheckpoint(join(directory, 'checkpoint'));
    expect(resumed.stepCount).toBe(2);
    for (const batch of batches.slice(2)) await resumed.step(batch);
    resumed.history.discriminator.forEach((value, index) => expect(value).toBeCloseTo(losses[index]!, 6));
    expect(flat(resumed.generator)).toEqual(flat(straight.generator));
    expect(flat(resumed.ema!.model)).toEqual(flat(straight.ema!.model));

    const grid = join(directory, 'step-000004.png');
    expect(existsSync(join(directory, 'step-000002.png')) && existsSync(grid)).toBe(true);
    expect([...readFileSync(grid).subarray(0, 8)]).toEqual(pngSignature);
    await straight.saveLossCurve(join(directory, 'loss-curve.png'), { width: 64, height: 32 });
    expect([...readFileSync(join(directory, 'loss-curve.png')).subarray(0, 8)]).toEqual(pngSignature);
  });

  it('WGAN-GP through the trainer: the penalty is part of the critic loss', async () => {
    const { generator, discriminator } = tinyPair(5);
    const trainer = new GanTrainer({ generator, discriminator, latentDim: 4, loss: 'wasserstein', gradientPenalty: 10, nCritic: 2 });
    const result = await trainer.step(randn([4, 16]));
    expect(result.penalty).toBeGreaterThan(0);
    expect(Number.isFinite(result.discriminatorLoss)).toBe(true);
  });

  it('R1 on real data joins the discriminator loss (and adds to a gradient penalty)', async () => {
    const real = (manualSeed(13), randn([4, 16]));
    const noise = randn([4, 4]);
    const reference = tinyPair(8);
    const expectedPenalty = r1Penalty(reference.discriminator, real, { gamma: 5 }).itemSync();
    const { generator, discriminator } = tinyPair(8);
    const result = await new GanTrainer({ generator, discriminator, latentDim: 4, r1Gamma: 5 }).step(real, { noise });
    expectNumberClose(result.penalty, expectedPenalty, 'R1 penalty', 1e-6);
    const both = tinyPair(8);
    manualSeed(14);
    const combined = await new GanTrainer({ ...both, latentDim: 4, loss: 'wasserstein', r1Gamma: 5, gradientPenalty: 10 }).step(real, {
      noise,
    });
    expect(combined.penalty).toBeGreaterThan(expectedPenalty);
  });

  it('rejects unknown options, bad settings and missing labels', () => {
    const { generator, discriminator } = tinyPair(6);
    expect(() => new GanTrainer({ generator, discriminator, latentDim: 4, ncritic: 5 } as never)).toThrow(
      /GanTrainer: unknown option `ncritic`[^]*Accepted options: generator, discriminator, latentDim/,
    );
    expect(() => new GanTrainer({ generator, discriminator, latentDim: 4, loss: 'wasserstein', realLabel: 0.9 })).toThrow(
      /realLabel \(label smoothing\) applies to BCE losses only, not 'wasserstein'/,
    );
    expect(() => new GanTrainer({ generator, discriminator, latentDim: 4, nCritic: 0 })).toThrow(
      /nCritic must be a positive integer, got 0/,
    );
    expect(() => new GanTrainer({ generator, discriminator, latentDim: 4, loss: 'vanilla' as never })).toThrow(
      /unknown loss 'vanilla'; known: nonSaturating, minimax/,
    );
    const conditional = new GanTrainer({ generator, discriminator, latentDim: 4, conditional: true });
    return expect(conditional.step(randn([2, 16]))).rejects.toThrow(/a conditional trainer needs \{ labels \}/);
  });
});

describe('GanTrainer.fit', () => {
  it('restarts the loader each epoch until the step count, evaluating every N steps and at the end', async () => {
    const { generator, discriminator } = tinyPair(7);
    const trainer = new GanTrainer({ generator, discriminator, latentDim: 4 });
    const epoch = [[randn([2, 16])], [randn([2, 16])], [randn([2, 16])]];
    const evaluated: number[] = [];
    let stepped = 0;
    await trainer.fit(epoch, {
      steps: 7,
      evaluateEvery: 3,
      evaluate: (step) => void evaluated.push(step),
      onStep: () => void (stepped += 1),
    });
    expect([trainer.stepCount, stepped]).toEqual([7, 7]);
    expect(evaluated).toEqual([3, 6, 7]);
    await expect(trainer.fit([], { steps: 9 })).rejects.toThrow(/fitGan: the loader gave no batches/);
  });
});
