import type { Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';

/**
 * Flattens dims startDim..endDim into one: [N, C, H, W] → [N, C·H·W] with the defaults (1, −1).
 * @example
 * new Flatten().call(zeros([32, 16, 5, 5])).shape; // [32, 400]
 */
export class Flatten extends Module {
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
  }

  forward(input: Tensor): Tensor {
    return input.flatten(this.startDim, this.endDim);
  }

  override extraRepr(): string {
    return `startDim=${this.startDim}, endDim=${this.endDim}`;
  }
}
