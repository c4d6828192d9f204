import type { Tensor } from '@dl/tensor';
import { crossEntropy, type CrossEntropyOptions, type Reduction } from '../functional/loss.js';
import { Module } from '../module/module.js';
import { checkReduction, readLossArguments, refuseForwardArguments } from './loss-arguments.js';
import { buffer } from '../module/parameter.js';

/**
 * Cross-entropy of logits [N, C, *] (or [C]) against int32 class indices [N, *] or class
 * probabilities [N, C, *]: logSoftmax then NLL, with optional class `weight` (a buffer, state-dict
 * key `weight`), `ignoreIndex` (−100) and `labelSmoothing` ε, using PyTorch's exact formulas
 * (see `F.crossEntropy`).
 * @example
 * const criterion = new CrossEntropyLoss({ labelSmoothing: 0.1 });
 * const loss = criterion.call(model.call(images), labels);
 */
export class CrossEntropyLoss extends Module {
  readonly reduction: Reduction;
  /** Per-class (or per-element) weights: a buffer, state-dict key `weight`. */
  readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;

  constructor(options?: CrossEntropyOptions);
  /** PyTorch's order (weight, reduction), by type (a tensor is the weight, a string the reduction). */
  constructor(weight?: Tensor | null, reduction?: Reduction, options?: CrossEntropyOptions);
  constructor(...rest: unknown[]) {
    super();
    const options = readLossArguments<CrossEntropyOptions>('CrossEntropyLoss', rest, [
      'weight',
      'reduction',
      'ignoreIndex',
      'labelSmoothing',
    ]);
    this.reduction = checkReduction('CrossEntropyLoss', options.reduction);
    this.ignoreIndex = options.ignoreIndex ?? -100;
    this.labelSmoothing = options.labelSmoothing ?? 0;
    this.weight = options.weight ? buffer(options.weight) : null;
  }

  forward(input: Tensor, target: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('CrossEntropyLoss', ['input', 'target'], extra);
    return crossEntropy(input, target, {
      weight: this.weight,
      ignoreIndex: this.ignoreIndex,
      reduction: this.reduction,
      labelSmoothing: this.labelSmoothing,
    });
  }

  override extraRepr(): string {
    return `reduction=${this.reduction}${this.labelSmoothing ? `, labelSmoothing=${this.labelSmoothing}` : ''}`;
  }
}
