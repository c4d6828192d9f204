import { loadMnist } from '@dl/datasets';
import { manualSeed, rand, tensor } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { loadMnistClassifier } from '../mnist-classifier-weights.js';
import { classifiedAs, mnistQuality } from './mnist-quality.js';
import { MnistEvaluation } from './mnist-evaluation.js';

describe('the shipped MNIST classifier and mnistQuality', async () => {
  const classifier = await loadMnistClassifier();
  const test = await loadMnist({ train: false });

  it('classifies the bundled test digits with the accuracy its metadata states (≥ 96%)', async () => {
    const stated = Number(classifier.metadata.testAccuracy);
    expect(stated).toBeGreaterThanOrEqual(0.96);
    expect(await classifiedAs(classifier, test.images, test.labels)).toBeCloseTo(stated, 9);
  });

  it('scores real digits against other real digits far better than noise', async () => {
    const first = test.images.narrow(0, 0, 400);
    const second = test.images.narrow(0, 400, 400);
    manualSeed(0);
    const noise = rand([400, 1, 28, 28]);
    const realQuality = await mnistQuality(classifier, second, first, { kidSubsets: 5 });
    const noiseQuality = await mnistQuality(classifier, noise, first, { kidSubsets: 5 });
    expect(realQuality.fid).toBeLessThan(noiseQuality.fid / 10);
    expect(realQuality.kid.mean).toBeLessThan(noiseQuality.kid.mean / 10);
    expect(realQuality.inceptionScore.mean).toBeGreaterThan(7); // confident and spread over the 10 digits
    expect(noiseQuality.inceptionScore.mean).toBeLessThan(2);
    expect(realQuality.precision).toBeGreaterThan(0.6);
    expect(realQuality.recall).toBeGreaterThan(0.6);
    expect(noiseQuality.recall).toBeLessThan(0.05); // noise features cover none of the real digits
  });

  it("takes a Tanh generator's flat output with generatedRange [−1, 1]", async () => {
    const digits = test.images.narrow(0, 0, 60);
    const real = test.images.narrow(0, 60, 60);
    const flatTanh = digits.mul(2).sub(1).reshape([60, 784]);
    const direct = await mnistQuality(classifier, digits, real, { kidSubsets: 2 });
    const mapped = await mnistQuality(classifier, flatTanh, real, { kidSubsets: 2, generatedRange: [-1, 1] });
    expect(mapped.fid).toBeCloseTo(direct.fid, 3);
    expect(mapped.inceptionScore.mean).toBeCloseTo(direct.inceptionScore.mean, 5);
  });

  it('rejects images of the wrong shape', async () => {
    await expect(mnistQuality(classifier, rand([4, 3, 28, 28]), test.images.narrow(0, 0, 4))).rejects.toThrow(
      /mnistQuality: generated must be at least 2 images \[N, 1, 28, 28\].*got \[4, 3, 28, 28\]/,
    );
  });
});

describe('MnistEvaluation', () => {
  it('scores the samples of a "generator" that returns real digits in [−1, 1], and the requested-digit rate', async () => {
    const test = await loadMnist({ train: false });
    // a stand-in generator: row i of the noise → test digit 100 + i (with its own label when conditional)
    const digits = test.images.narrow(0, 100, 50).mul(2).sub(1);
    const evaluation = await MnistEvaluation.create({ latentDim: 3, real: test.images, count: 50, conditional: true });
    const entry = await evaluation.evaluate({ sample: () => digits.reshape([50, 784]) }, 7);
    const direct = await mnistQuality(evaluation.classifier, test.images.narrow(0, 100, 50), test.images.narrow(0, 0, 50));
    expect(entry.step).toBe(7);
    expect(entry.fid).toBeCloseTo(direct.fid, 3);
    // requested labels cycle 0–9, the stand-in's digits do not follow them: about one in ten match
    const requested = tensor(
      Int32Array.from({ length: 50 }, (_, index) => index % 10),
      { dtype: 'int32' },
    );
    expect(entry.classifiedAsRequested).toBeCloseTo(
      await classifiedAs(evaluation.classifier, test.images.narrow(0, 100, 50), requested),
      9,
    );
    expect(evaluation.history).toEqual([entry]);
    await expect(MnistEvaluation.create({ latentDim: 3, real: test.images, count: 1 })).rejects.toThrow(
      /count must be an integer in \[2, 1996\] \(the real digits given\), got 1/,
    );
    await expect(MnistEvaluation.create({ latentDim: 3, real: test.images.narrow(0, 0, 20), count: 30 })).rejects.toThrow(
      /count must be an integer in \[2, 20\]/,
    );
    // without `count`: 1000, or every real digit when fewer are given
    const small = await MnistEvaluation.create({ latentDim: 3, real: test.images.narrow(0, 0, 20) });
    const sampled = await small.evaluate({ sample: (noise) => test.images.narrow(0, 100, noise.shape[0]!).mul(2).sub(1) }, 1);
    expect(Number.isFinite(sampled.fid)).toBe(true);
    expect(small.history).toHaveLength(1);
    await expect(MnistEvaluation.create({ latentDim: 3 } as never)).rejects.toThrow(
      /^MnistEvaluation\.create: `real` must be a tensor of held-out digits .*loadMnist from '@dl\/datasets'/,
    );
    await expect(MnistEvaluation.create({ latentDim: 3, real: test.images.reshape([-1, 784]) })).rejects.toThrow(
      /real must be digits \[N, 1, 28, 28\].*got \[1996, 784\]/,
    );
  });
});
