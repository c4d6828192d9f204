import type { Module, Optimizer } from '@dl/nn';
import type { GanLossName } from './loss-table.js';

/** A generator: `call(noise)`, or `call(noise, labels)` when conditional. */
export type GeneratorModule = Module & { call(noise: never, labels?: never): unknown };
/** A discriminator; `features` (the last hidden layer) is needed for feature matching. */
export type DiscriminatorModule = Module & {
  call(images: never, labels?: never): unknown;
  features?: (images: never, labels?: never) => unknown;
};

export interface SampleGridOptions {
  /** Write a grid every this many trainer steps. */
  every: number;
  /** Folder of the PNGs (`step-000100.png`, …). */
  directory: string;
  /** Images in the grid, from a fixed noise drawn once; default 64. */
  count?: number;
  /** Images per row; default 8. */
  nrow?: number;
  /** Shape of one image ([1, 28, 28] by default; flat generator outputs are reshaped). */
  imageShape?: number[];
}

export interface GanTrainerOptions {
  generator: GeneratorModule;
  discriminator: DiscriminatorModule;
  /** Size of the generator's noise. */
  latentDim: number;
  /** The adversarial objective; default 'nonSaturating'. */
  loss?: GanLossName;
  /** Default: Adam(generatorLr, betas). */
  generatorOptimizer?: Optimizer<object>;
  /** Default: Adam(discriminatorLr, betas). */
  discriminatorOptimizer?: Optimizer<object>;
  /** Learning rates of the default Adam optimizers: different ones are TTUR (Heusel et al. 2017). Default 2e-4 both. */
  generatorLr?: number;
  discriminatorLr?: number;
  /** Adam's betas for the default optimizers; default [0.5, 0.999] (DCGAN). */
  betas?: [number, number];
  /** Critic (discriminator) steps per generator step; default 1 (WGAN: 5). */
  nCritic?: number;
  /** One-sided label smoothing: the BCE target of real samples, e.g. 0.9; default 1. */
  realLabel?: number;
  /** λ of WGAN-GP's gradient penalty (0: none); default 0. */
  gradientPenalty?: number;
  /** γ of the R1 penalty on real data (0: none); default 0. */
  r1Gamma?: number;
  /** WGAN weight clipping after each critic step (0: none); default 0. */
  clipValue?: number;
  /** Train G to match the mean of D's last hidden features on real data (Salimans et al. 2016); default false. */
  featureMatching?: boolean;
  /** A second generator of the same architecture that keeps the EMA of G's weights. */
  emaGenerator?: GeneratorModule;
  /** Decay β of the EMA; default 0.999. */
  emaDecay?: number;
  /** Generator and discriminator take class labels as second input (the real batch's labels condition the fakes). */
  conditional?: boolean;
  /** Write sample grids during training. */
  samples?: SampleGridOptions;
}

export const acceptedTrainerOptions = [
  'generator',
  'discriminator',
  'latentDim',
  'loss',
  'generatorOptimizer',
  'discriminatorOptimizer',
  'generatorLr',
  'discriminatorLr',
  'betas',
  'nCritic',
  'realLabel',
  'gradientPenalty',
  'r1Gamma',
  'clipValue',
  'featureMatching',
  'emaGenerator',
  'emaDecay',
  'conditional',
  'samples',
] as const;

/** What one `step` did: losses read back as numbers (`generatorLoss` is null on critic-only steps). */
export interface GanStepResult {
  /** Trainer steps done, this one included. */
  step: number;
  discriminatorLoss: number;
  generatorLoss: number | null;
  /** The gradient or R1 penalty included in discriminatorLoss (0 without one). */
  penalty: number;
  /** Path of the sample grid written at this step, if any. */
  sampleGrid: string | null;
}
