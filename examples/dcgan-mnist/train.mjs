import { DataLoader, Generator, loadMnist, TensorDataset } from '@dl/data';
import { DcganDiscriminator, DcganGenerator, dcganWeightsInit, GanTrainer, loadMnistClassifier, mnistQuality } from '@dl/gan';
import { manualSeed, noGrad, randn } from '@dl/tensor';

/**
 * DCGAN (Radford et al.) on the bundled MNIST digits in [−1, 1], sized for a CPU: f = 16 features
 * (G: 100 → 32·7² → 16·14² → 1·28², D mirrored, BatchNorm in both), `dcganWeightsInit`,
 * non-saturating BCE from logits, Adam(2e-4, β = (0.5, 0.999)), batch 64. FID, KID, IS and
 * precision/recall against held-out digits at each quarter of the run.
 * @param {{ steps?: number, features?: number, evaluations?: number, evaluationSize?: number, seed?: number,
 *   out?: string, sampleEvery?: number, onStep?: (result: import('@dl/gan').GanStepResult) => void,
 *   onEvaluation?: (entry: { step: number } & import('@dl/gan').MnistQuality) => void }} [options]
 */
export async function train(options = {}) {
  const { steps = 800, features = 16, evaluations = 4, evaluationSize = 1000, seed = 0, out = 'out', sampleEvery = 200, onStep = () => {}, onEvaluation = () => {} } = options;
  manualSeed(seed);
  const { images } = await loadMnist({ train: true });
  const heldOut = (await loadMnist({ train: false })).images.narrow(0, 0, evaluationSize);
  const digits = noGrad(() => images.mul(2).sub(1)); // [N, 1, 28, 28] in [−1, 1]
  const loader = new DataLoader(new TensorDataset(digits), { batchSize: 64, shuffle: true, generator: new Generator(seed) });

  const generator = new DcganGenerator({ features }).apply(dcganWeightsInit);
  const discriminator = new DcganDiscriminator({ features }).apply(dcganWeightsInit);
  const trainer = new GanTrainer({ generator, discriminator, latentDim: 100, samples: { every: sampleEvery, directory: `${out}/samples` } });
  const classifier = await loadMnistClassifier();
  const evaluationNoise = noGrad(() => randn([evaluationSize, 100]));
  const history = [];
  await trainer.fit(loader, {
    steps,
    onStep,
    evaluateEvery: Math.max(1, Math.floor(steps / evaluations)),
    evaluate: async (step) => {
      const samples = trainer.sample(evaluationNoise);
      history.push({ step, ...(await mnistQuality(classifier, samples, heldOut, { generatedRange: [-1, 1] })) });
      samples.dispose();
      onEvaluation(history.at(-1));
    },
  });
  await trainer.saveLossCurve(`${out}/loss-curve.png`);
  await trainer.saveSampleGrid(`${out}/samples/final.png`);
  return { trainer, evaluations: history };
}
