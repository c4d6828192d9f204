import type { Tensor } from '@dl/tensor';
import { binaryCrossEntropy, type Reduction, type WeightedLossOptions } from '../functional/loss.js';
import { Module } from '../module/module.js';
import { checkReduction, readLossArguments, refuseForwardArguments } from './loss-arguments.js';
import { buffer } from '../module/parameter.js';

/**
 * Binary cross-entropy of probabilities x ∈ [0, 1] against targets y (same shape [*]):
 * −w·(y·log x + (1 − y)·log(1 − x)), each log clamped at −100 as PyTorch. `weight` is a buffer.
 * @example
 * new BCELoss().call(sigmoid(logits), labels);
 */
export class BCELoss extends Module {
  readonly reduction: Reduction;
  /** Per-class (or per-element) weights: a buffer, state-dict key `weight`. */
  readonly weight: Tensor | null;

  constructor(options?: WeightedLossOptions);
  /** PyTorch's order (weight, reduction), by type (a tensor is the weight, a string the reduction). */
  constructor(weight?: Tensor | null, reduction?: Reduction, options?: WeightedLossOptions);
  constructor(...rest: unknown[]) {
    super();
    const options = readLossArguments<WeightedLossOptions>('BCELoss', rest, ['weight', 'reduction']);
    this.reduction = checkReduction('BCELoss', options.reduction);
    this.weight = options.weight ? buffer(options.weight) : null;
  }

  forward(input: Tensor, target: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('BCELoss', ['input', 'target'], extra);
    return binaryCrossEntropy(input, target, { weight: this.weight, reduction: this.reduction });
  }

  override extraRepr(): string {
    return `reduction=${this.reduction}`;
  }
}
