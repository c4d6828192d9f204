import { loadMnist } from '@dl/data';
import { manualSeed, rand } from '@dl/tensor';
import { describe, expect, it } from 'vitest';
import { loadMnistClassifier } from '../mnist-classifier-weights.js';
import { classifiedAs, mnistQuality } from './mnist-quality.js';

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

  it('takes a Tanh generator\'s flat output with generatedRange [−1, 1]', async () => {
    const digits = test.images.narrow(0, 0, 60);
    const real = test.images.narrow(0, 60, 60);
    const flatTanh = digits.mul(2).sub(1).reshape([60, 784]);
    const direct = await mnistQuality(classifier, digits, real, { kidSubsets: 2 });
    const mapped = await mnistQuality(classifier, flatTanh, real, { kidSubsets: 2, generatedRange: [-1, 1] });
    expect(mapped.fid).toBeCloseTo(direct.fid, 3);
    expect(mapped.inceptionScore.mean).toBeCloseTo(direct.inceptionScore.mean, 5);
  });

  it('rejects images of the wrong shape', async () => {
    await expect(mnistQuality(classifier, rand([4, 3, 28, 28]), test.images.narrow(0, 0, 4))).rejects.toThrow(/mnistQuality: generated must be at least 2 images \[N, 1, 28, 28\].*got \[4, 3, 28, 28\]/);
  });
});
