import type { Tensor } from '@dl/tensor';
import { l1Loss, type LossOptions, type Reduction } from '../functional/loss.js';
import { Module } from '../module/module.js';
import { checkReduction, readLossArguments, refuseForwardArguments } from './loss-arguments.js';

/**
 * |x − y| per element; input and target [*] and [*] (same shape); reduced by `reduction` ('mean' default, 'sum', 'none').
 * @example
 * const criterion = new L1Loss();
 * criterion.call(prediction, target); // scalar
 */
export class L1Loss extends Module {
  readonly reduction: Reduction;

  constructor(options?: LossOptions);
  /** PyTorch's order (reduction), by type (a tensor is the weight, a string the reduction). */
  constructor(reduction?: Reduction, options?: LossOptions);
  constructor(...rest: unknown[]) {
    super();
    const options = readLossArguments<LossOptions>('L1Loss', rest, ['reduction']);
    this.reduction = checkReduction('L1Loss', options.reduction);
  }

  forward(input: Tensor, target: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('L1Loss', ['input', 'target'], extra);
    return l1Loss(input, target, { reduction: this.reduction });
  }

  override extraRepr(): string {
    return `reduction=${this.reduction}`;
  }
}
