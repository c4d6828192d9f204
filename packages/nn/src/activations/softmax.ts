import type { Tensor } from '@dl/tensor';
import { softmax } from '../functional/activation.js';
import { Module } from '../module/module.js';

/**
 * e^{x_i} / Σ_j e^{x_j} along `dim` (computed stably, with the maximum subtracted). No parameters.
 * @example
 * new Softmax(1).call(logits); // [N, C], normalised over C
 */
export class Softmax extends Module {
  constructor(readonly dim: number) {
    super();
  }

  forward(input: Tensor): Tensor {
    return softmax(input, this.dim);
  }

  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
