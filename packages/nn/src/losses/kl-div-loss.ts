import type { Tensor } from '@dl/tensor';
import { klDiv, type Reduction } from '../functional/loss.js';
import { Module } from '../module/module.js';
import { checkReduction, readLossArguments, refuseForwardArguments } from './loss-arguments.js';

/**
 * Kullback–Leibler divergence, `input` being log-probabilities: y·(log y − x) per element, or
 * e^{y}·(y − x) with `logTarget`. Use reduction 'batchmean' (sum / batch size) for the true KL;
 * 'mean' (the default, as PyTorch) averages over all elements.
 * @example
 * new KLDivLoss({ reduction: 'batchmean' }).call(logSoftmax(student, 1), softmax(teacher, 1));
 */
export class KLDivLoss extends Module {
  readonly reduction: Reduction | 'batchmean';
  readonly logTarget: boolean;

  constructor(options?: { reduction?: Reduction | 'batchmean'; logTarget?: boolean });
  /** PyTorch's order `(reduction, log_target)` without the deprecated booleans before them. */
  constructor(reduction?: Reduction | 'batchmean', options?: { logTarget?: boolean });
  constructor(...rest: unknown[]) {
    super();
    const options = readLossArguments<{ reduction?: string; logTarget?: boolean }>('KLDivLoss', rest, ['reduction', 'logTarget']);
    this.reduction = checkReduction('KLDivLoss', options.reduction, 'batchmean');
    this.logTarget = options.logTarget ?? false;
  }

  forward(input: Tensor, target: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('KLDivLoss', ['input', 'target'], extra);
    return klDiv(input, target, { reduction: this.reduction, logTarget: this.logTarget });
  }

  override extraRepr(): string {
    return `reduction=${this.reduction}, logTarget=${this.logTarget}`;
  }
}
