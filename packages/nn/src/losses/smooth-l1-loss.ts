import type { Tensor } from '@dl/tensor';
import { smoothL1Loss, type LossOptions, type Reduction } from '../functional/loss.js';
import { Module } from '../module/module.js';
import { checkReduction, readLossArguments, refuseForwardArguments } from './loss-arguments.js';

export interface SmoothL1LossOptions extends LossOptions {
  /** Where the loss turns from quadratic to linear. Default 1. */
  beta?: number;
}
/**
 * With z = |x − y|: 0.5·z²/β if z < β, else z − 0.5·β (β default 1); input and target [*] and [*]; reduced by `reduction` ('mean' default, 'sum', 'none').
 * @example
 * const criterion = new SmoothL1Loss();
 * criterion.call(prediction, target); // scalar
 */
export class SmoothL1Loss extends Module {
  readonly reduction: Reduction;
  readonly beta: number;

  constructor(options?: SmoothL1LossOptions);
  /** PyTorch's order (reduction, beta), by type (a tensor is the weight, a string the reduction). */
  constructor(reduction?: Reduction, beta?: number, options?: SmoothL1LossOptions);
  constructor(...rest: unknown[]) {
    super();
    const options = readLossArguments<SmoothL1LossOptions>('SmoothL1Loss', rest, ['reduction', 'beta'], 'beta');
    this.reduction = checkReduction('SmoothL1Loss', options.reduction);
    this.beta = options.beta ?? 1;
  }

  forward(input: Tensor, target: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('SmoothL1Loss', ['input', 'target'], extra);
    return smoothL1Loss(input, target, { reduction: this.reduction, beta: this.beta });
  }

  override extraRepr(): string {
    return `reduction=${this.reduction}`;
  }
}
