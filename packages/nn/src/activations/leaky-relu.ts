import type { Tensor } from '@dl/tensor';
import { leakyRelu } from '../functional/activation.js';
import { Module } from '../module/module.js';

/**
 * x for x > 0, negativeSlope·x otherwise, elementwise; any shape. No parameters.
 * @example
 * new LeakyReLU().call(tensor([-1, 0, 2]));
 */
export class LeakyReLU extends Module {
  constructor(
    readonly negativeSlope = 0.01,
  ) {
    super();
  }

  forward(input: Tensor): Tensor {
    return leakyRelu(input, this.negativeSlope);
  }

  override extraRepr(): string {
    return `negativeSlope=${this.negativeSlope}`;
  }
}
