import type { Tensor } from '@dl/tensor';
import { huberLoss, type LossOptions, type Reduction } from '../functional/loss.js';
import { Module } from '../module/module.js';
import { checkReduction, readLossArguments, refuseForwardArguments } from './loss-arguments.js';

export interface HuberLossOptions extends LossOptions {
  /** Where the loss turns from quadratic to linear. Default 1. */
  delta?: number;
}
/**
 * With z = |x − y|: 0.5·z² if z < δ, else δ·(z − 0.5·δ) (δ default 1); input and target [*] and [*]; reduced by `reduction` ('mean' default, 'sum', 'none').
 * @example
 * const criterion = new HuberLoss();
 * criterion.call(prediction, target); // scalar
 */
export class HuberLoss extends Module {
  readonly reduction: Reduction;
  readonly delta: number;

  constructor(options?: HuberLossOptions);
  /** PyTorch's order (reduction, delta), by type (a tensor is the weight, a string the reduction). */
  constructor(reduction?: Reduction, delta?: number, options?: HuberLossOptions);
  constructor(...rest: unknown[]) {
    super();
    const options = readLossArguments<HuberLossOptions>('HuberLoss', rest, ['reduction', 'delta'], 'delta');
    this.reduction = checkReduction('HuberLoss', options.reduction);
    this.delta = options.delta ?? 1;
  }

  forward(input: Tensor, target: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('HuberLoss', ['input', 'target'], extra);
    return huberLoss(input, target, { reduction: this.reduction, delta: this.delta });
  }

  override extraRepr(): string {
    return `reduction=${this.reduction}`;
  }
}
