import { DataLoader, Generator, TensorDataset } from '@dl/data';
import { loadMnist } from '@dl/datasets';
import { GanTrainer, MnistEvaluation, MlpDiscriminator, MlpGenerator } from '@dl/gan';
import { init } from '@dl/gpu';
import { manualSeed, noGrad } from '@dl/tensor';
import { batchesOn, prepareDevice } from '../shared/device.mjs';

/**
 * WGAN-GP (Gulrajani et al.) on the bundled MNIST digits in [−1, 1]: the tutorial's MLP generator and
 * its discriminator as a critic (a raw score, no Sigmoid, no BatchNorm), loss mean C(G(z)) − mean C(x)
 * + 10·(‖∇C(x̂)‖ − 1)², five critic steps per generator step, Adam(1e-4, β = (0.5, 0.9)), batch 64.
 * `steps` counts critic steps. FID, KID, IS and precision/recall at each quarter of the run.
 * Generator and discriminator live on `device`, each batch is moved there as it is taken.
 * @param {{ steps?: number, device?: string, evaluations?: number, evaluationSize?: number, seed?: number, out?: string,
 *   sampleEvery?: number, onStep?: (result: import('@dl/gan').GanStepResult) => void,
 *   onEvaluation?: (entry: import('@dl/gan').MnistEvaluationEntry) => void }} [options]
 */
export async function train(options = {}) {
  const {
    device = 'cpu',
    steps = 3000,
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
  const digits = noGrad(() => images.mul(2).sub(1).reshape([-1, 784]));
  const loader = new DataLoader(new TensorDataset(digits), { batchSize: 64, shuffle: true, generator: new Generator(seed) });

  // built on the CPU from the seeded stream, then moved (before the trainer makes the optimizers)
  const generator = new MlpGenerator().to(device);
  const critic = new MlpDiscriminator().to(device);
  const trainer = new GanTrainer({
    generator,
    discriminator: critic,
    latentDim: 100,
    loss: 'wasserstein',
    gradientPenalty: 10,
    nCritic: 5,
    generatorLr: 1e-4,
    discriminatorLr: 1e-4,
    betas: [0.5, 0.9],
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
