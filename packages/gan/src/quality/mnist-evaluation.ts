import { loadMnist } from '@dl/data';
import { noGrad, randn, tensor, type Tensor } from '@dl/tensor';
import { checkOptions } from '../options.js';
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
  /** Samples per evaluation and held-out test digits they are compared with; default 1000. */
  count?: number;
  /** The generator takes labels: samples cycle through the digits 0–9 and the recognition rate is reported. */
  conditional?: boolean;
}

/**
 * Periodic evaluation of an MNIST generator during training: the same `count` noise vectors (drawn
 * once, under noGrad) at every evaluation, scored by `mnistQuality` against the first `count` bundled
 * test digits with the shipped classifier. Generator outputs are taken in [−1, 1] (Tanh).
 * @example
 * const evaluation = await MnistEvaluation.create({ latentDim: 100 });
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
    checkOptions('MnistEvaluation.create', options, ['latentDim', 'count', 'conditional']);
    const count = options.count ?? 1000;
    const test = await loadMnist({ train: false });
    if (!Number.isInteger(count) || count < 2 || count > test.images.shape[0]!)
      throw new Error(`MnistEvaluation.create: count must be an integer in [2, ${test.images.shape[0]}], got ${count}`);
    const noise = noGrad(() => randn([count, options.latentDim]));
    const labels = options.conditional
      ? tensor(
          Int32Array.from({ length: count }, (_, index) => index % 10),
          { dtype: 'int32' },
        )
      : null;
    return new MnistEvaluation(await loadMnistClassifier(), test.images.narrow(0, 0, count), noise, labels);
  }

  /** Scores `trainer.sample(noise[, labels])` and appends the entry to `history`. */
  async evaluate(trainer: { sample(noise: Tensor, labels?: Tensor): Tensor }, step: number): Promise<MnistEvaluationEntry> {
    const samples = trainer.sample(this.noise, this.labels ?? undefined);
    const digits = noGrad(() => samples.add(1).div(2).reshape([-1, 1, 28, 28]));
    try {
      const entry: MnistEvaluationEntry = { step, ...(await mnistQuality(this.classifier, digits, this.real)) };
      if (this.labels) entry.classifiedAsRequested = await classifiedAs(this.classifier, digits, this.labels);
      this.history.push(entry);
      return entry;
    } finally {
      samples.dispose();
      digits.dispose();
    }
  }
}
