import type { Tensor } from '@dl/tensor';
import { nllLoss, type NllLossOptions, type Reduction } from '../functional/loss.js';
import { Module } from '../module/module.js';
import { checkReduction, readLossArguments, refuseForwardArguments } from './loss-arguments.js';
import { buffer } from '../module/parameter.js';

/**
 * Negative log likelihood of log-probabilities [N, C, *] at int32 class targets [N, *]:
 * ℓᵢ = −w[yᵢ]·x[i, yᵢ]; 'mean' divides by Σ w[yᵢ] over targets ≠ ignoreIndex (−100 by default).
 * A `weight` is a buffer (state-dict key `weight`), as PyTorch.
 * @example
 * new NLLLoss().call(logSoftmax(logits, 1), labels);
 */
export class NLLLoss extends Module {
  readonly reduction: Reduction;
  /** Per-class (or per-element) weights: a buffer, state-dict key `weight`. */
  readonly weight: Tensor | null;
  readonly ignoreIndex: number;

  constructor(options?: NllLossOptions);
  /** PyTorch's order (weight, reduction), by type (a tensor is the weight, a string the reduction). */
  constructor(weight?: Tensor | null, reduction?: Reduction, options?: NllLossOptions);
  constructor(...rest: unknown[]) {
    super();
    const options = readLossArguments<NllLossOptions>('NLLLoss', rest, ['weight', 'reduction', 'ignoreIndex']);
    this.reduction = checkReduction('NLLLoss', options.reduction);
    this.ignoreIndex = options.ignoreIndex ?? -100;
    this.weight = options.weight ? buffer(options.weight) : null;
  }

  forward(input: Tensor, target: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('NLLLoss', ['input', 'target'], extra);
    return nllLoss(input, target, { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction });
  }

  override extraRepr(): string {
    return `reduction=${this.reduction}`;
  }
}
