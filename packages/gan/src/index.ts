/**
 * @dl/gan: generative adversarial networks on @dl/nn: the tutorial's MLP GAN, DCGAN, conditional GAN
 * and projection discriminator models; stable losses from logits (minimax, non-saturating, WGAN,
 * hinge, least squares); WGAN-GP's gradient penalty, R1 and weight clipping; PyTorch's spectral norm;
 * a training-step helper (nCritic, TTUR, label smoothing, feature matching, EMA, checkpoints, sample
 * grids, loss curves); FID/KID/IS/precision-recall on MNIST with a shipped classifier.
 * @example
 * import { MlpGenerator, MlpDiscriminator, bceDiscriminatorLoss, nonSaturatingGeneratorLoss } from '@dl/gan';
 * const generator = new MlpGenerator();
 * const discriminator = new MlpDiscriminator();
 * const fake = generator.call(randn([64, 100]));
 * const discriminatorLoss = bceDiscriminatorLoss(discriminator.call(real), discriminator.call(fake.detach()));
 * @module @dl/gan
 */
export { checkOptions } from './options.js';

export {
  bceDiscriminatorLoss,
  minimaxGeneratorLoss,
  nonSaturatingGeneratorLoss,
  type BceDiscriminatorLossOptions,
} from './losses/bce-losses.js';
export {
  wassersteinCriticLoss,
  wassersteinGeneratorLoss,
  hingeDiscriminatorLoss,
  hingeGeneratorLoss,
  leastSquaresDiscriminatorLoss,
  leastSquaresGeneratorLoss,
} from './losses/wasserstein-losses.js';

export type { Critic } from './penalties/critic.js';
export { gradientPenalty, type GradientPenaltyOptions } from './penalties/gradient-penalty.js';
export { r1Penalty, type R1PenaltyOptions } from './penalties/r1-penalty.js';
export { clipWeights } from './penalties/clip-weights.js';

export { spectralNorm, removeSpectralNorm, type SpectralNormOptions } from './spectral-norm/spectral-norm.js';

export { MlpGenerator, type MlpGeneratorOptions } from './models/mlp-generator.js';
export { MlpDiscriminator, type MlpDiscriminatorOptions } from './models/mlp-discriminator.js';
export { DcganGenerator, type DcganGeneratorOptions } from './models/dcgan-generator.js';
export { DcganDiscriminator, type DcganDiscriminatorOptions } from './models/dcgan-discriminator.js';
export { ConditionalMlpGenerator, type ConditionalMlpGeneratorOptions } from './models/conditional-mlp-generator.js';
export { ConditionalMlpDiscriminator, type ConditionalMlpDiscriminatorOptions } from './models/conditional-mlp-discriminator.js';
export { ProjectionDiscriminator, type ProjectionDiscriminatorOptions } from './models/projection-discriminator.js';
export { dcganWeightsInit } from './models/dcgan-weights-init.js';

export { GanTrainer, type GanStepOptions } from './training/gan-trainer.js';
export type {
  GanTrainerOptions,
  GanStepResult,
  SampleGridOptions,
  GeneratorModule,
  DiscriminatorModule,
} from './training/trainer-options.js';
export { ganLosses, type GanLossName, type GanLossPair } from './training/loss-table.js';
export { ExponentialMovingAverage } from './training/exponential-moving-average.js';
export { curvesPng, type CurveSeries } from './training/loss-curve.js';
export { sampleGridPng } from './training/sample-grid.js';

export { MnistClassifier } from './quality/mnist-classifier.js';
export { loadMnistClassifier, mnistClassifierWeightsUrl } from './mnist-classifier-weights.js';
export { mnistQuality, classifiedAs, type MnistQuality, type MnistQualityOptions } from './quality/mnist-quality.js';
export { progressLine } from './training/progress-line.js';
export { fitGan, type FitOptions, type SteppingTrainer } from './training/fit.js';
export { MnistEvaluation, type MnistEvaluationEntry, type MnistEvaluationOptions } from './quality/mnist-evaluation.js';
