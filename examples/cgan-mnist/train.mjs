import { DataLoader, Generator, TensorDataset } from '@dl/data';
import { loadMnist } from '@dl/datasets';
import { ConditionalMlpGenerator, GanTrainer, MnistEvaluation, ProjectionDiscriminator } from '@dl/gan';
import { init } from '@dl/gpu';
import { manualSeed, noGrad } from '@dl/tensor';
import { batchesOn, prepareDevice } from '../shared/device.mjs';

/**
 * Conditional GAN on the bundled MNIST digits in [−1, 1]: the generator sees [z, e(y)] (a learned
 * label embedding), the discriminator is a projection discriminator ψ(φ(x)) + e(y)·φ(x); non-saturating
 * BCE with one-sided label smoothing (real target 0.9), Adam(2e-4, β = (0.5, 0.999)), batch 64. At each
 * quarter: how often the shipped classifier reads a requested digit as that digit, and FID.
 * Generator and discriminator live on `device`, each batch is moved there as it is taken.
 * @param {{ steps?: number, device?: string, evaluations?: number, evaluationSize?: number, seed?: number, out?: string,
 *   sampleEvery?: number, onStep?: (result: import('@dl/gan').GanStepResult) => void,
 *   onEvaluation?: (entry: import('@dl/gan').MnistEvaluationEntry) => void }} [options]
 */
export async function train(options = {}) {
  const {
    device = 'cpu',
    steps = 2000,
    evaluations = 4,
    evaluationSize = 1000,
    seed = 0,
    out = 'out',
    sampleEvery = 500,
    onStep = () => {},
    onEvaluation = () => {},
  } = options;
  await prepareDevice(device, { init });
  manualSeed(seed);
  const { images, labels } = await loadMnist({ train: true });
  const digits = noGrad(() => images.mul(2).sub(1).reshape([-1, 784]));
  const loader = new DataLoader(new TensorDataset(digits, labels), { batchSize: 64, shuffle: true, generator: new Generator(seed) });

  // built on the CPU from the seeded stream, then moved (before the trainer makes the optimizers)
  const generator = new ConditionalMlpGenerator().to(device);
  const discriminator = new ProjectionDiscriminator().to(device);
  // the sample grids show the digits 0–9 along each row
  const trainer = new GanTrainer({
    generator,
    discriminator,
    latentDim: 100,
    conditional: true,
    realLabel: 0.9,
    samples: { every: sampleEvery, directory: `${out}/samples`, count: 100, nrow: 10 },
  });
  const heldOut = await loadMnist({ train: false }); // the 1,996 bundled test digits, the quality reference
  const evaluation = await MnistEvaluation.create({ latentDim: 100, real: heldOut.images, count: evaluationSize, conditional: true });
  await trainer.fit(batchesOn(loader, device), {
    steps,
    onStep,
    evaluateEvery: Math.max(1, Math.floor(steps / evaluations)),
    evaluate: async (step) => onEvaluation(await evaluation.evaluate(trainer, step)),
  });
  await trainer.saveLossCurve(`${out}/loss-curve.png`);
  await trainer.saveSampleGrid(`${out}/samples/final.png`);
  return { trainer, evaluations: evaluation.history };
}
