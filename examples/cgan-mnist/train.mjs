import { DataLoader, Generator, loadMnist, TensorDataset } from '@dl/data';
import { classifiedAs, ConditionalMlpGenerator, GanTrainer, loadMnistClassifier, mnistQuality, ProjectionDiscriminator } from '@dl/gan';
import { manualSeed, noGrad, randn, tensor } from '@dl/tensor';

/**
 * Conditional GAN on the bundled MNIST digits in [−1, 1]: the generator sees [z, e(y)] (a learned
 * label embedding), the discriminator is a projection discriminator ψ(φ(x)) + e(y)·φ(x); non-saturating
 * BCE with one-sided label smoothing (real target 0.9), Adam(2e-4, β = (0.5, 0.999)), batch 64. At each
 * quarter: how often the shipped classifier reads a requested digit as that digit, and FID.
 * @param {{ steps?: number, evaluations?: number, evaluationSize?: number, seed?: number, out?: string,
 *   sampleEvery?: number, onStep?: (result: import('@dl/gan').GanStepResult) => void,
 *   onEvaluation?: (entry: { step: number, classifiedAsRequested: number } & import('@dl/gan').MnistQuality) => void }} [options]
 */
export async function train(options = {}) {
  const { steps = 2000, evaluations = 4, evaluationSize = 1000, seed = 0, out = 'out', sampleEvery = 500, onStep = () => {}, onEvaluation = () => {} } = options;
  manualSeed(seed);
  const { images, labels } = await loadMnist({ train: true });
  const heldOut = (await loadMnist({ train: false })).images.narrow(0, 0, evaluationSize);
  const digits = noGrad(() => images.mul(2).sub(1).reshape([-1, 784]));
  const loader = new DataLoader(new TensorDataset(digits, labels), { batchSize: 64, shuffle: true, generator: new Generator(seed) });

  const generator = new ConditionalMlpGenerator();
  const discriminator = new ProjectionDiscriminator();
  // the sample grids show the digits 0–9 along each row
  const trainer = new GanTrainer({ generator, discriminator, latentDim: 100, conditional: true, realLabel: 0.9, samples: { every: sampleEvery, directory: `${out}/samples`, count: 100, nrow: 10 } });
  const classifier = await loadMnistClassifier();
  const evaluationNoise = noGrad(() => randn([evaluationSize, 100]));
  const requested = tensor(Int32Array.from({ length: evaluationSize }, (_, index) => index % 10), { dtype: 'int32' });
  const history = [];
  await trainer.fit(loader, {
    steps,
    onStep,
    evaluateEvery: Math.max(1, Math.floor(steps / evaluations)),
    evaluate: async (step) => {
      const samples = trainer.sample(evaluationNoise, requested);
      const digitsInUnitRange = noGrad(() => samples.add(1).div(2).reshape([-1, 1, 28, 28]));
      const classifiedAsRequested = await classifiedAs(classifier, digitsInUnitRange, requested);
      history.push({ step, classifiedAsRequested, ...(await mnistQuality(classifier, digitsInUnitRange, heldOut)) });
      samples.dispose();
      digitsInUnitRange.dispose();
      onEvaluation(history.at(-1));
    },
  });
  await trainer.saveLossCurve(`${out}/loss-curve.png`);
  await trainer.saveSampleGrid(`${out}/samples/final.png`);
  return { trainer, evaluations: history };
}
