import { Adam, loadCheckpoint, saveCheckpoint, type Module, type Optimizer } from '@dl/nn';
import { getRngState, noGrad, randn, refuseExtraArguments, scope, setRngState, tensor, type Tensor } from '@dl/tensor';
import { checkOptions, formatShape } from '../options.js';
import { gradientPenalty } from '../penalties/gradient-penalty.js';
import { r1Penalty } from '../penalties/r1-penalty.js';
import { clipWeights } from '../penalties/clip-weights.js';
import { ExponentialMovingAverage } from './exponential-moving-average.js';
import { curvesPng } from './loss-curve.js';
import { ganLosses, type GanLossPair } from './loss-table.js';
import { sampleGridPng } from './sample-grid.js';
import { acceptedTrainerOptions, type GanStepResult, type GanTrainerOptions, type SampleGridOptions } from './trainer-options.js';
import { writeBytes } from './write-file.js';
import { nodeFileSystem } from '#node-file-system';
import { fitGan, type FitOptions } from './fit.js';

type Callable = { call(...inputs: Tensor[]): Tensor };
type WithFeatures = { features(...inputs: Tensor[]): Tensor };

/** Options that only configure something the caller replaced would be ignored: refuse them instead. */
function checkIgnoredOptions(options: GanTrainerOptions): void {
  const given = (name: keyof GanTrainerOptions) => options[name] !== undefined;
  const ignored: [keyof GanTrainerOptions, boolean, string][] = [
    ['generatorLr', given('generatorOptimizer'), 'generatorOptimizer is given'],
    ['discriminatorLr', given('discriminatorOptimizer'), 'discriminatorOptimizer is given'],
    ['betas', given('generatorOptimizer') && given('discriminatorOptimizer'), 'both optimizers are given'],
    ['emaDecay', !given('emaGenerator'), 'there is no emaGenerator'],
  ];
  for (const [name, unused, reason] of ignored)
    if (given(name) && unused) throw new Error(`GanTrainer: ${name} would be ignored because ${reason}`);
}

/** Per-step options of `GanTrainer.step`. */
export interface GanStepOptions {
  /** Class labels of `real` (conditional GANs); also the labels of the fakes. */
  labels?: Tensor;
  /** The noise of this step (default: randn([batch, latentDim])). */
  noise?: Tensor;
}

/**
 * A GAN training loop in a few lines. Each `step(real)` is one critic (discriminator) step; every
 * `nCritic`-th step is followed by a generator step on the same fake batch, scored by the just-updated
 * discriminator (PyTorch's DCGAN example order). Options cover TTUR (two learning rates), one-sided
 * label smoothing, WGAN-GP / R1 penalties, weight clipping, feature matching, an EMA generator, sample
 * grids; `saveCheckpoint` / `loadCheckpoint` resume a run, `saveLossCurve` draws D (blue) and G (orange).
 * @example
 * const trainer = new GanTrainer({ generator, discriminator, latentDim: 100, realLabel: 0.9,
 *   samples: { every: 200, directory: 'out/samples' } });
 * for await (const [images] of loader) {
 *   const { discriminatorLoss, generatorLoss } = await trainer.step(images);
 * }
 * await trainer.saveLossCurve('out/loss-curve.png');
 */
export class GanTrainer {
  readonly generator: Module & Callable;
  readonly discriminator: Module & Callable;
  readonly generatorOptimizer: Optimizer<object>;
  readonly discriminatorOptimizer: Optimizer<object>;
  readonly ema: ExponentialMovingAverage<Module> | null;
  readonly latentDim: number;
  /** Loss of every step: D on each, G on generator steps (null otherwise). */
  readonly history: { discriminator: number[]; generator: (number | null)[] } = { discriminator: [], generator: [] };
  private steps = 0;
  private readonly objective: GanLossPair;
  private readonly settings: Required<
    Pick<GanTrainerOptions, 'nCritic' | 'realLabel' | 'gradientPenalty' | 'r1Gamma' | 'clipValue' | 'featureMatching' | 'conditional'>
  >;
  private readonly samples: (SampleGridOptions & { noise: Tensor; labels: Tensor | null }) | null;

  constructor(options: GanTrainerOptions, ...extra: never[]) {
    if (extra.length > 0) refuseExtraArguments('GanTrainer', ['options'], extra);
    checkOptions('GanTrainer', options, acceptedTrainerOptions);
    const { generator, discriminator, latentDim } = options;
    if (!generator || !discriminator) throw new Error('GanTrainer: generator and discriminator are required');
    if (!Number.isInteger(latentDim) || latentDim < 1)
      throw new Error(`GanTrainer: latentDim must be a positive integer, got ${latentDim}`);
    const lossName = options.loss ?? 'nonSaturating';
    if (!(lossName in ganLosses)) throw new Error(`GanTrainer: unknown loss '${lossName}'; known: ${Object.keys(ganLosses).join(', ')}`);
    this.objective = ganLosses[lossName];
    this.generator = generator as unknown as Module & Callable;
    this.discriminator = discriminator as unknown as Module & Callable;
    this.latentDim = latentDim;
    checkIgnoredOptions(options);
    const betas = options.betas ?? [0.5, 0.999];
    this.generatorOptimizer = options.generatorOptimizer ?? new Adam(generator.parameters(), { lr: options.generatorLr ?? 2e-4, betas });
    this.discriminatorOptimizer =
      options.discriminatorOptimizer ?? new Adam(discriminator.parameters(), { lr: options.discriminatorLr ?? 2e-4, betas });
    this.settings = {
      nCritic: options.nCritic ?? 1,
      realLabel: options.realLabel ?? 1,
      gradientPenalty: options.gradientPenalty ?? 0,
      r1Gamma: options.r1Gamma ?? 0,
      clipValue: options.clipValue ?? 0,
      featureMatching: options.featureMatching ?? false,
      conditional: options.conditional ?? false,
    };
    const { nCritic, realLabel } = this.settings;
    // 0 turns a regulariser off; a negative weight would silently do the same, so it is an error
    for (const name of ['gradientPenalty', 'r1Gamma', 'clipValue'] as const)
      if (!(this.settings[name] >= 0)) throw new Error(`GanTrainer: ${name} must be 0 (off) or positive, got ${this.settings[name]}`);
    if (!Number.isInteger(nCritic) || nCritic < 1) throw new Error(`GanTrainer: nCritic must be a positive integer, got ${nCritic}`);
    if (realLabel !== 1 && !this.objective.usesLabels)
      throw new Error(`GanTrainer: realLabel (label smoothing) applies to BCE losses only, not '${lossName}'`);
    if (this.settings.featureMatching && typeof (discriminator as Partial<WithFeatures>).features !== 'function')
      throw new Error(
        `GanTrainer: featureMatching needs a discriminator with a features() method; ${discriminator.constructor.name} has none`,
      );
    this.ema = options.emaGenerator
      ? new ExponentialMovingAverage(generator, options.emaGenerator, { decay: options.emaDecay ?? 0.999 })
      : null;
    this.samples = options.samples ? this.prepareSamples(options.samples) : null;
  }

  /** Trainer steps done so far. */
  get stepCount(): number {
    return this.steps;
  }

  /** Whether generator and discriminator take labels. */
  get conditional(): boolean {
    return this.settings.conditional;
  }

  /**
   * Steps over `loader` ([images] or [images, labels]) epoch after epoch until `steps` steps are done,
   * evaluating every `evaluateEvery` steps and at the end (see `fitGan`).
   * @example
   * await trainer.fit(loader, { steps: 2000, onStep: (result) => console.log(progressLine(result, 2000)) });
   */
  fit(loader: Iterable<Tensor[]> | AsyncIterable<Tensor[]>, options: FitOptions): Promise<void> {
    return fitGan(this, loader, options);
  }

  private prepareSamples(samples: SampleGridOptions): SampleGridOptions & { noise: Tensor; labels: Tensor | null } {
    checkOptions('GanTrainer samples', samples, ['every', 'directory', 'count', 'nrow', 'imageShape']);
    if (!Number.isInteger(samples.every) || samples.every < 1)
      throw new Error(`GanTrainer: samples.every must be a positive integer, got ${samples.every}`);
    const count = samples.count ?? 64;
    const device = this.generator.parameters()[0]?.device ?? 'cpu';
    // drawn under noGrad, so autograd's release never touches them (kept for the whole run)
    const noise = noGrad(() => randn([count, this.latentDim], { device }));
    // conditional grids: row r of an 8-wide grid cycles through the classes 0, 1, 2, …
    const classes = (this.generator as unknown as { numClasses?: number }).numClasses ?? 10;
    const labels = this.settings.conditional
      ? tensor(
          Int32Array.from({ length: count }, (_, index) => index % classes),
          { dtype: 'int32', device },
        )
      : null;
    return { ...samples, count, noise, labels };
  }

  /**
   * One critic step on `real` (and, every nCritic-th call, a generator step). Losses are read back
   * before it returns; a sample grid is written when due.
   * @example
   * const { discriminatorLoss, generatorLoss } = await trainer.step(images);
   */
  async step(real: Tensor, options: GanStepOptions = {}): Promise<GanStepResult> {
    checkOptions('GanTrainer.step', options, ['labels', 'noise']);
    const batch = real.shape[0] ?? 0;
    if (real.ndim < 2 || batch < 1) throw new Error(`GanTrainer.step: real must be a batch [batch, ...], got ${formatShape(real.shape)}`);
    if (this.settings.conditional && !options.labels)
      throw new Error('GanTrainer.step: a conditional trainer needs { labels } for the real batch');
    this.steps += 1;
    const generatorStep = this.steps % this.settings.nCritic === 0;
    const losses = scope(() => this.compute(real, options, generatorStep));
    const [discriminatorLoss, penalty, generatorLoss] = await Promise.all(
      [losses.discriminatorLoss, losses.penalty, losses.generatorLoss].map((value) => (value ? value.item() : Promise.resolve(null))),
    );
    for (const value of Object.values(losses)) value?.dispose();
    this.history.discriminator.push(discriminatorLoss!);
    this.history.generator.push(generatorLoss);
    let sampleGrid: string | null = null;
    if (this.samples && this.steps % this.samples.every === 0) {
      sampleGrid = `${this.samples.directory}/step-${String(this.steps).padStart(6, '0')}.png`;
      await this.saveSampleGrid(sampleGrid);
    }
    return { step: this.steps, discriminatorLoss: discriminatorLoss!, generatorLoss, penalty: penalty ?? 0, sampleGrid };
  }

  /** The step's tensor work (inside a scope: only the returned losses survive). */
  private compute(
    real: Tensor,
    options: GanStepOptions,
    generatorStep: boolean,
  ): Record<'discriminatorLoss' | 'penalty' | 'generatorLoss', Tensor | null> {
    const { labels } = options;
    const conditioning = labels ? [labels] : [];
    const noise = options.noise ?? randn([real.shape[0]!, this.latentDim], { device: real.device, dtype: real.dtype });
    const discriminate = (images: Tensor) => this.discriminator.call(images, ...conditioning);

    // critic step: real, then fake (G without autograd unless a generator step reuses this batch)
    this.discriminatorOptimizer.zeroGrad();
    const realScores = discriminate(real);
    const fake = generatorStep ? this.generator.call(noise, ...conditioning) : noGrad(() => this.generator.call(noise, ...conditioning));
    const fakeScores = discriminate(fake.detach());
    let discriminatorLoss = this.objective.discriminator(realScores, fakeScores, this.settings.realLabel);
    // WGAN-GP's penalty and R1 may be combined: their sum joins the critic loss
    const penalties: Tensor[] = [];
    if (this.settings.gradientPenalty > 0)
      penalties.push(gradientPenalty(discriminate, real, fake, { lambda: this.settings.gradientPenalty }));
    if (this.settings.r1Gamma > 0) penalties.push(r1Penalty(discriminate, real, { gamma: this.settings.r1Gamma }));
    const penalty = penalties.reduce<Tensor | null>((total, term) => (total ? total.add(term) : term), null);
    if (penalty) discriminatorLoss = discriminatorLoss.add(penalty);
    discriminatorLoss.backward();
    this.discriminatorOptimizer.step();
    if (this.settings.clipValue > 0) clipWeights(this.discriminator, this.settings.clipValue);
    if (!generatorStep) return { discriminatorLoss, penalty, generatorLoss: null };

    // generator step: the same fake batch through the discriminator just updated
    this.generatorOptimizer.zeroGrad();
    let generatorLoss: Tensor;
    if (this.settings.featureMatching) {
      const features = (this.discriminator as unknown as WithFeatures).features.bind(this.discriminator);
      const realFeatures = noGrad(() => features(real, ...conditioning)).mean(0);
      // ‖E f(x) − E f(G(z))‖²
      generatorLoss = features(fake, ...conditioning)
        .mean(0)
        .sub(realFeatures)
        .square()
        .sum();
    } else generatorLoss = this.objective.generator(discriminate(fake));
    generatorLoss.backward();
    this.generatorOptimizer.step();
    this.ema?.update();
    return { discriminatorLoss, penalty, generatorLoss };
  }

  /**
   * Samples from the EMA generator when there is one (else the generator), in eval mode, under noGrad.
   * @example
   * const digits = trainer.sample(randn([16, 100]));
   */
  sample(noise: Tensor, labels?: Tensor): Tensor {
    const model = (this.ema?.model ?? this.generator) as Module & Callable;
    const wasTraining = model.training;
    model.eval();
    try {
      return noGrad(() => model.call(noise, ...(labels ? [labels] : [])));
    } finally {
      model.train(wasTraining);
    }
  }

  /** Writes a PNG grid of samples from the fixed noise (needs the `samples` option) to `path`. */
  async saveSampleGrid(path: string): Promise<void> {
    if (!this.samples) throw new Error('GanTrainer.saveSampleGrid: construct the trainer with { samples: { every, directory } }');
    const images = this.sample(this.samples.noise, this.samples.labels ?? undefined);
    try {
      await writeBytes(
        path,
        await sampleGridPng(images, { imageShape: this.samples.imageShape, nrow: this.samples.nrow }),
        'GanTrainer.saveSampleGrid',
      );
    } finally {
      images.dispose();
    }
  }

  /** Writes the D (blue) and G (orange) loss curves of every step so far as a PNG. */
  async saveLossCurve(path: string, options: { width?: number; height?: number; smoothing?: number } = {}): Promise<void> {
    await writeBytes(
      path,
      await curvesPng(
        [
          { values: this.history.discriminator, colour: [31, 119, 180] },
          { values: this.history.generator, colour: [255, 127, 14] },
        ],
        options,
      ),
      'GanTrainer.saveLossCurve',
    );
  }

  /**
   * Saves everything needed to resume into `directory`: `generator.safetensors` and
   * `discriminator.safetensors` (weights, optimizer state; @dl/nn's checkpoint format), the EMA
   * generator, the step count, the loss history and the random generator's state.
   * @example
   * await trainer.saveCheckpoint('out/checkpoint');
   */
  async saveCheckpoint(directory: string): Promise<void> {
    const {
      fs: { mkdir },
    } = await nodeFileSystem('GanTrainer.saveCheckpoint');
    await mkdir(directory, { recursive: true });
    const metadata = { steps: String(this.steps), history: JSON.stringify(this.history) };
    await saveCheckpoint(`${directory}/generator.safetensors`, {
      model: this.generator.stateDict(),
      optimizer: this.generatorOptimizer.stateDict(),
      rngState: getRngState(),
      metadata,
    });
    await saveCheckpoint(`${directory}/discriminator.safetensors`, {
      model: this.discriminator.stateDict(),
      optimizer: this.discriminatorOptimizer.stateDict(),
    });
    if (this.ema) await saveCheckpoint(`${directory}/ema-generator.safetensors`, { model: this.ema.model.stateDict() });
  }

  /**
   * Restores a run saved by `saveCheckpoint` (models, optimizers, EMA, step count, history, RNG).
   * @example
   * await trainer.loadCheckpoint('out/checkpoint');
   */
  async loadCheckpoint(directory: string): Promise<void> {
    const device = this.generator.parameters()[0]?.device;
    const generator = await loadCheckpoint(`${directory}/generator.safetensors`, { device });
    const discriminator = await loadCheckpoint(`${directory}/discriminator.safetensors`, { device });
    this.generator.loadStateDict(generator.model);
    this.generatorOptimizer.loadStateDict(generator.optimizer!);
    this.discriminator.loadStateDict(discriminator.model);
    this.discriminatorOptimizer.loadStateDict(discriminator.optimizer!);
    if (this.ema) this.ema.model.loadStateDict((await loadCheckpoint(`${directory}/ema-generator.safetensors`, { device })).model);
    this.steps = Number(generator.metadata?.steps ?? 0);
    const history = JSON.parse(generator.metadata?.history ?? '{"discriminator":[],"generator":[]}') as GanTrainer['history'];
    this.history.discriminator.splice(0, Infinity, ...history.discriminator);
    this.history.generator.splice(0, Infinity, ...history.generator);
    if (generator.rngState) setRngState(generator.rngState);
    for (const tensor of [...Object.values(generator.model), ...Object.values(discriminator.model)]) tensor.dispose();
  }
}
