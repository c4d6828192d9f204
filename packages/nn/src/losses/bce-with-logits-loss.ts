import type { Tensor } from '@dl/tensor';
import { binaryCrossEntropyWithLogits, type Reduction, type WeightedLossOptions } from '../functional/loss.js';
import { Module } from '../module/module.js';
import { checkReduction, readLossArguments, refuseForwardArguments } from './loss-arguments.js';
import { buffer } from '../module/parameter.js';

export interface BCEWithLogitsLossOptions extends WeightedLossOptions {
  /** Weight of the positive term per class (broadcast over the last dim): > 1 raises recall. Default: none (1). */
  posWeight?: Tensor | null;
}

/**
 * Sigmoid + binary cross-entropy on logits [*], in the stable form
 * (1 − y)·x + (1 + (posWeight − 1)·y)·(log(1 + e^{−|x|}) + max(−x, 0)).
 * `weight` and `posWeight` are buffers (state-dict keys `weight`, `pos_weight`), as PyTorch.
 * @example
 * new BCEWithLogitsLoss({ posWeight: tensor([2]) }).call(logits, labels);
 */
export class BCEWithLogitsLoss extends Module {
  readonly reduction: Reduction;
  /** Per-class (or per-element) weights: a buffer, state-dict key `weight`. */
  readonly weight: Tensor | null;

  constructor(options?: BCEWithLogitsLossOptions);
  /** PyTorch's order (weight, reduction), by type (a tensor is the weight, a string the reduction). */
  constructor(weight?: Tensor | null, reduction?: Reduction, options?: BCEWithLogitsLossOptions);
  constructor(...rest: unknown[]) {
    super();
    const options = readLossArguments<BCEWithLogitsLossOptions>('BCEWithLogitsLoss', rest, ['weight', 'reduction', 'posWeight']);
    this.reduction = checkReduction('BCEWithLogitsLoss', options.reduction);
    this.weight = options.weight ? buffer(options.weight) : null;
    if (options.posWeight) this.registerBuffer('pos_weight', options.posWeight);
  }

  get posWeight(): Tensor | null {
    return (this.getField('pos_weight') as Tensor | undefined) ?? null;
  }

  forward(input: Tensor, target: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('BCEWithLogitsLoss', ['input', 'target'], extra);
    return binaryCrossEntropyWithLogits(input, target, { weight: this.weight, posWeight: this.posWeight, reduction: this.reduction });
  }

  override extraRepr(): string {
    return `reduction=${this.reduction}`;
  }
}
