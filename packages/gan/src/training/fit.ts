import { describeValue, isPlainObject, type Tensor } from '@dl/tensor';
import { checkOptions } from '../options.js';
import type { GanStepResult } from './trainer-options.js';

export interface FitOptions {
  /** Trainer steps to reach (counting steps done before, e.g. when resumed). */
  steps: number;
  /** Called after every step. */
  onStep?: (result: GanStepResult) => void;
  /** Call `evaluate` every this many steps, and after the last one. */
  evaluateEvery?: number;
  evaluate?: (step: number) => unknown;
}

/** What `fitGan` needs of a trainer. */
export interface SteppingTrainer {
  readonly stepCount: number;
  readonly conditional: boolean;
  step(real: Tensor, options?: { labels?: Tensor }): Promise<GanStepResult>;
}

/**
 * Runs `trainer.step` over the batches of `loader` ([images] or [images, labels]; the labels are used
 * when the trainer is conditional), starting the loader again at each epoch, until `steps` steps are
 * done; evaluates every `evaluateEvery` steps and at the end.
 * @example
 * await fitGan(trainer, loader, { steps: 2000, onStep: (result) => console.log(result.discriminatorLoss) });
 */
export async function fitGan(
  trainer: SteppingTrainer,
  loader: Iterable<Tensor[]> | AsyncIterable<Tensor[]>,
  options: FitOptions,
): Promise<void> {
  if (typeof trainer !== 'object' || trainer === null || typeof trainer.step !== 'function')
    throw new Error(`fitGan: expects a trainer (a GanTrainer or an object with step()), got ${describeValue(trainer)}`);
  if (!isPlainObject(options)) throw new Error(`fitGan: expects the options { steps, … }, got ${describeValue(options)}`);
  checkOptions('fitGan', options, ['steps', 'onStep', 'evaluateEvery', 'evaluate']);
  const { steps, onStep, evaluateEvery = 0, evaluate } = options;
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`fitGan: steps must be a non-negative integer, got ${steps}`);
  while (trainer.stepCount < steps) {
    let batches = 0;
    for await (const [images, labels] of loader) {
      if (trainer.stepCount >= steps) break;
      batches += 1;
      onStep?.(await trainer.step(images!, trainer.conditional ? { labels } : {}));
      const due = (evaluateEvery > 0 && trainer.stepCount % evaluateEvery === 0) || trainer.stepCount === steps;
      if (due && evaluate) await evaluate(trainer.stepCount);
    }
    if (batches === 0) throw new Error('fitGan: the loader gave no batches');
  }
}
