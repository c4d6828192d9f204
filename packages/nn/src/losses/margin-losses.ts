import { refuseExtraArguments } from '@dl/tensor';
import type { Tensor } from '@dl/tensor';
import { gaussianNllLoss, poissonNllLoss } from '../functional/likelihood-losses.js';
import type { LossOptions, Reduction } from '../functional/loss.js';
import {
  cosineEmbeddingLoss,
  hingeEmbeddingLoss,
  marginRankingLoss,
  multilabelSoftMarginLoss,
  multiMarginLoss,
  softMarginLoss,
  tripletMarginLoss,
} from '../functional/margin-losses.js';
import { Module } from '../module/module.js';
import { checkReduction, readLossArguments, refuseForwardArguments } from './loss-arguments.js';

// The ranking, embedding and likelihood losses of torch.nn: each module holds its options and calls
// its F function. A number given positionally is the margin (torch's first argument), a string the reduction.

/** A loss module's options, read as torch's constructor takes them. */
abstract class OptionsLoss<Options extends LossOptions> extends Module {
  readonly reduction: Reduction;
  readonly options: Options;

  constructor(owner: string, rest: readonly unknown[], accepted: readonly string[], numberName?: string) {
    super();
    const options = readLossArguments<Options>(owner, rest, ['reduction', ...accepted], numberName);
    this.reduction = checkReduction(owner, options.reduction);
    this.options = { ...options, reduction: this.reduction };
  }

  override extraRepr(): string {
    return `reduction=${this.reduction}`;
  }
}

/** max(0, −y·(x₁ − x₂) + margin) (torch.nn.MarginRankingLoss): `new MarginRankingLoss(0.5)` or `{ margin }`. */
export class MarginRankingLoss extends OptionsLoss<LossOptions & { margin?: number }> {
  constructor(...rest: (number | Reduction | (LossOptions & { margin?: number }))[]) {
    super('MarginRankingLoss', rest, ['margin'], 'margin');
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('MarginRankingLoss', ['input1', 'input2', 'target'], extra);
    return marginRankingLoss(input1, input2, target, this.options);
  }
}

/** x where y = 1, max(0, margin − x) where y = −1 (torch.nn.HingeEmbeddingLoss; margin 1). */
export class HingeEmbeddingLoss extends OptionsLoss<LossOptions & { margin?: number }> {
  constructor(...rest: (number | Reduction | (LossOptions & { margin?: number }))[]) {
    super('HingeEmbeddingLoss', rest, ['margin'], 'margin');
  }
  forward(input: Tensor, target: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('HingeEmbeddingLoss', ['input', 'target'], extra);
    return hingeEmbeddingLoss(input, target, this.options);
  }
}

/** 1 − cos where y = 1, max(0, cos − margin) where y = −1 (torch.nn.CosineEmbeddingLoss; margin 0). */
export class CosineEmbeddingLoss extends OptionsLoss<LossOptions & { margin?: number }> {
  constructor(...rest: (number | Reduction | (LossOptions & { margin?: number }))[]) {
    super('CosineEmbeddingLoss', rest, ['margin'], 'margin');
  }
  forward(input1: Tensor, input2: Tensor, target: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('CosineEmbeddingLoss', ['input1', 'input2', 'target'], extra);
    return cosineEmbeddingLoss(input1, input2, target, this.options);
  }
}

type TripletOptions = LossOptions & { margin?: number; p?: number; eps?: number; swap?: boolean };

/** max(0, margin + d(a, p) − d(a, n)) (torch.nn.TripletMarginLoss; margin 1, p 2, eps 1e-6, swap false). */
export class TripletMarginLoss extends OptionsLoss<TripletOptions> {
  constructor(...rest: (number | Reduction | TripletOptions)[]) {
    super('TripletMarginLoss', rest, ['margin', 'p', 'eps', 'swap'], 'margin');
  }
  forward(anchor: Tensor, positive: Tensor, negative: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('TripletMarginLoss', ['anchor', 'positive', 'negative'], extra);
    return tripletMarginLoss(anchor, positive, negative, this.options);
  }
}

/** log(1 + e^{−y·x}) (torch.nn.SoftMarginLoss). */
export class SoftMarginLoss extends OptionsLoss<LossOptions> {
  constructor(...rest: (Reduction | LossOptions)[]) {
    super('SoftMarginLoss', rest, []);
  }
  forward(input: Tensor, target: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('SoftMarginLoss', ['input', 'target'], extra);
    return softMarginLoss(input, target, this.options);
  }
}

/** Multi-label one-versus-all loss over [N, C], optionally weighted per class (torch.nn.MultiLabelSoftMarginLoss). */
export class MultiLabelSoftMarginLoss extends OptionsLoss<LossOptions & { weight?: Tensor | null }> {
  constructor(...rest: (Tensor | Reduction | (LossOptions & { weight?: Tensor | null }))[]) {
    super('MultiLabelSoftMarginLoss', rest, ['weight']);
  }
  forward(input: Tensor, target: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('MultiLabelSoftMarginLoss', ['input', 'target'], extra);
    return multilabelSoftMarginLoss(input, target, this.options);
  }
}

/**
 * The multi-class hinge loss (torch.nn.MultiMarginLoss): `{ p: 1 | 2, margin, weight }`, or a leading
 * `p` (`new MultiMarginLoss(2)`); see F.multiMarginLoss.
 */
export class MultiMarginLoss extends OptionsLoss<LossOptions & { p?: number; margin?: number; weight?: Tensor | null }> {
  constructor(...rest: (number | Tensor | Reduction | (LossOptions & { p?: number; margin?: number; weight?: Tensor | null }))[]) {
    super('MultiMarginLoss', rest, ['p', 'margin', 'weight'], 'p');
  }
  forward(input: Tensor, target: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('MultiMarginLoss', ['input', 'target'], extra);
    return multiMarginLoss(input, target, this.options);
  }
}

type PoissonOptions = LossOptions & { logInput?: boolean; full?: boolean; eps?: number };

/** Poisson negative log-likelihood (torch.nn.PoissonNLLLoss): `{ logInput: true, full: false, eps: 1e-8 }`. */
export class PoissonNLLLoss extends OptionsLoss<PoissonOptions> {
  constructor(options: PoissonOptions = {}, ...extra: never[]) {
    super('PoissonNLLLoss', [options], ['logInput', 'full', 'eps']);
    if (extra.length > 0) refuseExtraArguments('PoissonNLLLoss', ['options'], extra);
  }
  forward(input: Tensor, target: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('PoissonNLLLoss', ['input', 'target'], extra);
    return poissonNllLoss(input, target, this.options);
  }
}

type GaussianOptions = LossOptions & { full?: boolean; eps?: number };

/** Gaussian negative log-likelihood with a predicted variance (torch.nn.GaussianNLLLoss): `call(input, target, var)`. */
export class GaussianNLLLoss extends OptionsLoss<GaussianOptions> {
  constructor(options: GaussianOptions = {}, ...extra: never[]) {
    super('GaussianNLLLoss', [options], ['full', 'eps']);
    if (extra.length > 0) refuseExtraArguments('GaussianNLLLoss', ['options'], extra);
  }
  forward(input: Tensor, target: Tensor, variance: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('GaussianNLLLoss', ['input', 'target', 'variance'], extra);
    return gaussianNllLoss(input, target, variance, this.options);
  }
}
