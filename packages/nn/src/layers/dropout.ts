import type { Tensor } from '@dl/tensor';
import { dropout } from '../functional/dropout.js';
import { Module } from '../module/module.js';

/**
 * In training, zeroes each element with probability p and scales the others by 1/(1 − p); the
 * identity in eval mode. Any shape. No parameters.
 * @example
 * const drop = new Dropout(0.5);
 * drop.eval(); // now the identity
 */
export class Dropout extends Module {
  constructor(readonly p = 0.5) {
    super();
    if (!(p >= 0 && p <= 1)) throw new Error(`dropout probability has to be between 0 and 1, but got ${p}`);
  }

  forward(input: Tensor): Tensor {
    return dropout(input, this.p, this.training);
  }

  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
