import { isTensor, noGrad, randn, tensor, type Tensor } from '@dl/tensor';
import { checkOptions, formatShape } from '../options.js';
import { loadMnistClassifier } from '../mnist-classifier-weights.js';
import type { MnistClassifier } from './mnist-classifier.js';
import { classifiedAs, mnistQuality, type MnistQuality } from './mnist-quality.js';

/** One evaluation: the step, the quality scores and, for conditional generators, the recognition rate. */
export interface MnistEvaluationEntry extends MnistQuality {
  step: number;
  /** Fraction of samples the classifier reads as the digit requested (conditional generators). */
  classifiedAsRequested?: number;
}

export interface MnistEvaluationOptions {
  /** Size of the generator's noise. */
  latentDim: number;
  /**
   * Held-out real digits [N, 1, 28, 28] with pixels in [0, 1], e.g. the test split of
   * `@dl/datasets`' bundled subset: `(await loadMnist({ train: false })).images`. The first `count`
   * are the reference. @dl/gan ships no digits itself, so that an app using its models and losses
   * does not install the MNIST files.
   */
  real: Tensor;
  /** Samples per evaluation, and how many of the `real` digits they are compared with; default 1000, or N when `real` holds fewer. */
  count?: number;
  /** The generator takes labels: samples cycle through the digits 0–9 and the recognition rate is reported. */
  conditional?: boolean;
}

/**
 * Periodic evaluation of an MNIST generator during training: the same `count` noise vectors (drawn
 * once, under noGrad) at every evaluation, scored by `mnistQuality` against the first `count` of the
 * held-out `real` digits with the shipped classifier. Generator outputs are taken in [−1, 1] (Tanh).
 * @example
 * import { loadMnist } from '@dl/datasets';
 * const test = await loadMnist({ train: false }); // 1,996 held-out digits
 * const evaluation = await MnistEvaluation.create({ latentDim: 100, real: test.images });
 * await trainer.fit(loader, { steps: 2000, evaluateEvery: 500, evaluate: (step) => evaluation.evaluate(trainer, step) });
 * evaluation.history.map((entry) => entry.fid);
 */
export class MnistEvaluation {
  readonly history: MnistEvaluationEntry[] = [];

  private constructor(
    readonly classifier: MnistClassifier,
    private readonly real: Tensor,
    private readonly noise: Tensor,
    private readonly labels: Tensor | null,
  ) {}

  static async create(options: MnistEvaluationOptions): Promise<MnistEvaluation> {
    checkOptions('MnistEvaluation.create', options, ['latentDim', 'real', 'count', 'conditional']);
    const real = options.real;
    if (!isTensor(real))
      throw new Error(
        "MnistEvaluation.create: `real` must be a tensor of held-out digits [N, 1, 28, 28] in [0, 1], e.g. (await loadMnist({ train: false })).images with loadMnist from '@dl/datasets'",
      );
    if (real.ndim !== 4 || real.shape[1] !== 1 || real.shape[2] !== 28 || real.shape[3] !== 28)
      throw new Error(`MnistEvaluation.create: real must be digits [N, 1, 28, 28] with pixels in [0, 1], got ${formatShape(real.shape)}`);
    const available = real.shape[0]!;
    const count = options.count ?? Math.min(1000, available);
    if (!Number.isInteger(count) || count < 2 || count > available)
      throw new Error(`MnistEvaluation.create: count must be an integer in [2, ${available}] (the real digits given), got ${count}`);
    const noise = noGrad(() => randn([count, options.latentDim]));
    const labels = options.conditional
      ? tensor(
          Int32Array.from({ length: count }, (_, index) => index % 10),
          { dtype: 'int32' },
        )
      : null;
    return new this(await loadMnistClassifier(), real.narrow(0, 0, count), noise, labels);
  }

  /**
   * Scores `trainer.sample(noise[, labels])` and appends the entry to `history`. When the trainer's
   * generator lives on another device (e.g. 'webgpu'), the noise and labels are copied there and the
   * samples read back to the CPU, where the shipped classifier and the real digits are.
   */
  async evaluate(
    trainer: { sample(noise: Tensor, labels?: Tensor): Tensor; generator?: { parameters(): Tensor[] } },
    step: number,
  ): Promise<MnistEvaluationEntry> {
    const device = trainer.generator?.parameters()[0]?.device ?? 'cpu';
    const noise = this.noise.to(device);
    const labels = this.labels?.to(device) ?? null;
    const produced = trainer.sample(noise, labels ?? undefined);
    const samples = await produced.toAsync('cpu');
    const digits = noGrad(() => samples.add(1).div(2).reshape([-1, 1, 28, 28]));
    try {
      const entry: MnistEvaluationEntry = { step, ...(await mnistQuality(this.classifier, digits, this.real)) };
      if (this.labels) entry.classifiedAsRequested = await classifiedAs(this.classifier, digits, this.labels);
      this.history.push(entry);
      return entry;
    } finally {
      // `to` and `toAsync` return the tensor itself when it is already there: only copies are disposed
      if (noise !== this.noise) noise.dispose();
      if (labels && labels !== this.labels) labels.dispose();
      if (produced !== samples) produced.dispose();
      samples.dispose();
      digits.dispose();
    }
  }
}
