import type { Module } from '@dl/nn';
import { noGrad, refuseExtraArguments } from '@dl/tensor';
import { checkOptions } from '../options.js';

/**
 * An exponential moving average of a model's weights (the "EMA generator" of ProGAN, StyleGAN,
 * BigGAN): after each update, θ_ema ← β·θ_ema + (1 − β)·θ for every parameter, and buffers (BatchNorm
 * statistics) are copied. `target` must have the architecture of `source`; it starts as a copy.
 * Everything happens in place under noGrad, so the average is never released by autograd.
 * @example
 * const ema = new ExponentialMovingAverage(generator, new MlpGenerator(), { decay: 0.999 });
 * generatorOptimizer.step();
 * ema.update();
 * const samples = noGrad(() => ema.model.call(noise));
 */
export class ExponentialMovingAverage<M extends Module> {
  readonly decay: number;

  constructor(
    readonly source: Module,
    readonly model: M,
    options: { decay?: number } = {},
    ...extra: never[]
  ) {
    if (extra.length > 0) refuseExtraArguments('ExponentialMovingAverage', ['source', 'model', 'options'], extra);
    checkOptions('ExponentialMovingAverage', options, ['decay']);
    this.decay = options.decay ?? 0.999;
    if (!(this.decay >= 0 && this.decay < 1)) throw new Error(`ExponentialMovingAverage: decay must be in [0, 1), got ${this.decay}`);
    model.loadStateDict(source.stateDict());
    model.requiresGrad_(false);
    model.eval();
  }

  /** One step of the average. */
  update(): void {
    const sourceParameters = this.source.parameters();
    const targetParameters = this.model.parameters();
    const sourceBuffers = this.source.buffers();
    noGrad(() => {
      targetParameters.forEach((target, index) => target.mul_(this.decay).add_(sourceParameters[index]!, 1 - this.decay));
      this.model.buffers().forEach((target, index) => target.copy_(sourceBuffers[index]!));
    });
  }
}
