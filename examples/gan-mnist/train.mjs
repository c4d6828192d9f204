import { DataLoader, Generator, TensorDataset } from '@dl/data';
import { loadMnist } from '@dl/datasets';
import { GanTrainer, MnistEvaluation, MlpDiscriminator, MlpGenerator } from '@dl/gan';
import { init } from '@dl/gpu';
import { manualSeed, noGrad } from '@dl/tensor';
import { batchesOn, prepareDevice } from '../shared/device.mjs';

/**
 * The tutorial's GAN on the bundled MNIST digits (8,004 training digits scaled to [−1, 1]):
 * G 100 → 256 → 512 → 784 (Tanh), D 784 → 512 → 256 → 1 (LeakyReLU 0.2), non-saturating BCE from
 * logits, Adam(2e-4, β = (0.5, 0.999)) for both, batch 64. FID, KID, IS and precision/recall of
 * `evaluationSize` samples against as many held-out test digits, at each quarter of the run.
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
  const { images } = await loadMnist({ train: true });
  const digits = noGrad(() => images.mul(2).sub(1).reshape([-1, 784])); // [0, 1] → [−1, 1], as the Tanh output
  const loader = new DataLoader(new TensorDataset(digits), { batchSize: 64, shuffle: true, generator: new Generator(seed) });

  // built on the CPU from the seeded stream, then moved (before the trainer makes the optimizers)
  const generator = new MlpGenerator().to(device);
  const discriminator = new MlpDiscriminator().to(device);
  const trainer = new GanTrainer({
    generator,
    discriminator,
    latentDim: 100,
    samples: { every: sampleEvery, directory: `${out}/samples` },
  });
  const heldOut = await loadMnist({ train: false }); // the 1,996 bundled test digits, the quality reference
  const evaluation = await MnistEvaluation.create({ latentDim: 100, real: heldOut.images, count: evaluationSize });
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
