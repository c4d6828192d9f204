import type { Tensor } from '@dl/tensor';
import { softplus } from '../functional/activation.js';
import { Module } from '../module/module.js';

/**
 * (1/β)·log(1 + e^{βx}), x itself where βx > threshold, elementwise; any shape. No parameters.
 * @example
 * new Softplus().call(tensor([-1, 0, 2]));
 */
export class Softplus extends Module {
  constructor(
    readonly beta = 1,
    readonly threshold = 20,
  ) {
    super();
  }

  forward(input: Tensor): Tensor {
    return softplus(input, this.beta, this.threshold);
  }

  override extraRepr(): string {
    return `beta=${this.beta}, threshold=${this.threshold}`;
  }
}
