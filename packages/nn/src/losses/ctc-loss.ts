import { readArguments, type Tensor } from '@dl/tensor';
import { ctcLoss, type CtcLengths, type CtcLossOptions } from '../functional/ctc-loss.js';
import { Module } from '../module/module.js';
import { checkReduction, refuseForwardArguments } from './loss-arguments.js';

const keys = ['blank', 'reduction', 'zeroInfinity'] as const;

/**
 * The connectionist temporal classification loss (torch.nn.CTCLoss) for unsegmented sequences
 * (speech, handwriting): `new CTCLoss()`, `new CTCLoss({ blank, reduction, zeroInfinity })` or torch's
 * positional `new CTCLoss(blank, reduction, zeroInfinity)`; see F.ctcLoss for the shapes and the maths.
 * @example
 * const criterion = new CTCLoss({ zeroInfinity: true });
 * const loss = criterion.call(logits.logSoftmax(2), targets, inputLengths, targetLengths);
 */
export class CTCLoss extends Module {
  readonly blank: number;
  readonly reduction: 'mean' | 'sum' | 'none';
  readonly zeroInfinity: boolean;

  constructor(options?: CtcLossOptions);
  constructor(blank?: number, reduction?: 'mean' | 'sum' | 'none', zeroInfinity?: boolean);
  constructor(...rest: unknown[]) {
    super();
    const options = readArguments<CtcLossOptions>('CTCLoss', rest, keys, keys);
    this.blank = options.blank ?? 0;
    this.reduction = checkReduction('CTCLoss', options.reduction);
    this.zeroInfinity = options.zeroInfinity ?? false;
  }

  forward(logProbs: Tensor, targets: Tensor, inputLengths: CtcLengths, targetLengths: CtcLengths, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('CTCLoss', ['logProbs', 'targets', 'inputLengths', 'targetLengths'], extra);
    return ctcLoss(logProbs, targets, inputLengths, targetLengths, {
      blank: this.blank,
      reduction: this.reduction,
      zeroInfinity: this.zeroInfinity,
    });
  }

  override extraRepr(): string {
    return `blank=${this.blank}, reduction=${this.reduction}, zeroInfinity=${this.zeroInfinity}`;
  }
}
