import type { Tensor } from '@dl/tensor';
import { mseLoss, type LossOptions, type Reduction } from '../functional/loss.js';
import { Module } from '../module/module.js';

/**
 * (x − y)² per element; input and target [*] and [*] (same shape); reduced by `reduction` ('mean' default, 'sum', 'none').
 * @example
 * const criterion = new MSELoss();
 * criterion.call(prediction, target); // scalar
 */
export class MSELoss extends Module {
  readonly reduction: Reduction;

  constructor(options: LossOptions = {}) {
    super();
    this.reduction = options.reduction ?? 'mean';
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, { reduction: this.reduction });
  }

  override extraRepr(): string {
    return `reduction=${this.reduction}`;
  }
}
