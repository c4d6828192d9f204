import type { Tensor } from '@dl/tensor';
import { logSoftmax } from '../functional/activation.js';
import { Module } from '../module/module.js';

/**
 * x_i − log Σ_j e^{x_j} along `dim` (computed stably, with the maximum subtracted). No parameters.
 * @example
 * new LogSoftmax(1).call(logits); // [N, C], normalised over C
 */
export class LogSoftmax extends Module {
  constructor(readonly dim: number) {
    super();
  }

  forward(input: Tensor): Tensor {
    return logSoftmax(input, this.dim);
  }

  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
