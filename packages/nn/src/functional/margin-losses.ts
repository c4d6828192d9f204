import {
  checkBoolean,
  isTensor,
  checkIndexBounds,
  checkNumber,
  readArguments,
  composite,
  describeValue,
  oneHot,
  type Tensor,
  checkTensorArguments,
} from '@dl/tensor';
import { checkReduction } from '../losses/loss-arguments.js';
import { logSigmoid } from './composed-activations.js';
import { pairwiseDistance } from './distance.js';
import { reduce, type LossOptions, type Reduction } from './loss.js';

// torch.nn.functional's margin and ranking losses, composed of @dl/tensor ops; each reduces its
// per-sample losses by `reduction` ('mean' default, 'sum', 'none').

type MarginOptions = LossOptions & { margin?: number };
type TripletMarginOptions = LossOptions & { margin?: number; p?: number; eps?: number; swap?: boolean };

/**
 * The options and the reduction from the arguments after the inputs: torch's positional order
 * (`positional`, the keywords before its deprecated size_average), an options object, or both.
 */
function read<Options extends LossOptions>(
  owner: string,
  rest: readonly unknown[],
  positional: readonly string[],
): Options & { reduction: Reduction } {
  const options = readArguments<Options>(owner, rest, positional, ['reduction', ...positional]);
  return { ...options, reduction: checkReduction(owner, options.reduction) };
}

/**
 * Targets of ±1 losses must hold only 1 and −1. Checked on the CPU only, as @dl/tensor's index bounds
 * are: reading a GPU tensor back here would need an await (torch itself does not check these).
 */
function checkSigns(owner: string, target: Tensor): void {
  if (target.device !== 'cpu') return;
  const values = target.dataSync();
  for (const value of values)
    if (value !== 1 && value !== -1) throw new Error(`${owner}: target must hold 1 or -1 only, got ${describeValue(value)}`);
}

/** max(0, −y·(x₁ − x₂) + margin): y = 1 asks x₁ to rank above x₂ (torch.nn.functional.margin_ranking_loss). */
export function marginRankingLoss(input1: Tensor, input2: Tensor, target: Tensor, options?: MarginOptions): Tensor;
/** torch's positional margin: `F.marginRankingLoss(a, b, y, 0.5)`. */
export function marginRankingLoss(input1: Tensor, input2: Tensor, target: Tensor, margin: number, options?: LossOptions): Tensor;
export function marginRankingLoss(input1: Tensor, input2: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  checkTensorArguments('marginRankingLoss', { input1, input2, target });
  const { reduction, margin = 0 } = read<MarginOptions>('marginRankingLoss', rest, ['margin']);
  checkNumber('marginRankingLoss', 'margin', margin);
  return composite(() => reduce(target.neg().mul(input1.sub(input2)).add(margin).clamp(0), reduction));
}

/** x where y = 1, max(0, margin − x) where y = −1 (torch.nn.functional.hinge_embedding_loss; margin 1). */
export function hingeEmbeddingLoss(input: Tensor, target: Tensor, options?: MarginOptions): Tensor;
/** torch's positional margin: `F.hingeEmbeddingLoss(x, y, 0.5)`. */
export function hingeEmbeddingLoss(input: Tensor, target: Tensor, margin: number, options?: LossOptions): Tensor;
export function hingeEmbeddingLoss(input: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  checkTensorArguments('hingeEmbeddingLoss', { input, target });
  const { reduction, margin = 1 } = read<MarginOptions>('hingeEmbeddingLoss', rest, ['margin']);
  checkNumber('hingeEmbeddingLoss', 'margin', margin);
  checkSigns('hingeEmbeddingLoss', target);
  return composite(() => {
    const pushed = input.neg().add(margin).clamp(0).where(target.ne(1), 0);
    return reduce(pushed.add(input.where(target.ne(-1), 0)), reduction);
  });
}

/**
 * 1 − cos(x₁, x₂) where y = 1, max(0, cos − margin) where y = −1, cos taken over dim 1 of [N, D] (or
 * dim 0 of [D]) as torch computes it: Σx₁x₂ / √((Σx₁² + 10⁻¹²)(Σx₂² + 10⁻¹²)). Margin default 0.
 */
export function cosineEmbeddingLoss(input1: Tensor, input2: Tensor, target: Tensor, options?: MarginOptions): Tensor;
/** torch's positional margin: `F.cosineEmbeddingLoss(a, b, y, 0.2)`. */
export function cosineEmbeddingLoss(input1: Tensor, input2: Tensor, target: Tensor, margin: number, options?: LossOptions): Tensor;
export function cosineEmbeddingLoss(input1: Tensor, input2: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  checkTensorArguments('cosineEmbeddingLoss', { input1, input2, target });
  const { reduction, margin = 0 } = read<MarginOptions>('cosineEmbeddingLoss', rest, ['margin']);
  checkNumber('cosineEmbeddingLoss', 'margin', margin);
  if (input1.ndim !== 1 && input1.ndim !== 2)
    throw new Error(`cosineEmbeddingLoss: expected [N, D] or [D] inputs, got [${input1.shape.join(', ')}]`);
  checkSigns('cosineEmbeddingLoss', target);
  const dim = input1.ndim - 1;
  return composite(() => {
    const products = input1.mul(input2).sum(dim);
    const norms = input1.square().sum(dim).add(1e-12).mul(input2.square().sum(dim).add(1e-12)).sqrt();
    const cosine = products.div(norms);
    const similar = cosine.neg().add(1).where(target.eq(1), 0);
    const dissimilar = cosine.sub(margin).clamp(0).where(target.eq(-1), 0);
    return reduce(similar.add(dissimilar), reduction);
  });
}

/**
 * max(0, margin + d(a, p) − d(a, n)) with d the pairwise p-distance (torch.nn.functional.triplet_margin_loss;
 * margin 1, p 2, eps 1e-6); with `swap`, d(a, n) is replaced by d(p, n) where that is smaller.
 */
export function tripletMarginLoss(anchor: Tensor, positive: Tensor, negative: Tensor, options?: TripletMarginOptions): Tensor;
/** torch's positional order: `F.tripletMarginLoss(a, p, n, 1.0, 2, 1e-6, true)`, margin, p, eps, swap. */
export function tripletMarginLoss(
  anchor: Tensor,
  positive: Tensor,
  negative: Tensor,
  margin?: number,
  p?: number,
  eps?: number,
  swap?: boolean,
  options?: LossOptions,
): Tensor;
export function tripletMarginLoss(anchor: Tensor, positive: Tensor, negative: Tensor, ...rest: unknown[]): Tensor {
  const {
    reduction,
    margin = 1,
    p = 2,
    eps = 1e-6,
    swap = false,
  } = read<TripletMarginOptions>('tripletMarginLoss', rest, ['margin', 'p', 'eps', 'swap']);
  checkTensorArguments('tripletMarginLoss', { anchor, positive, negative });
  checkNumber('tripletMarginLoss', 'margin', margin);
  // given positionally, torch's order puts p, eps and swap where a stray reduction string could land
  checkNumber('tripletMarginLoss', 'p', p, true);
  checkNumber('tripletMarginLoss', 'eps', eps);
  checkBoolean('tripletMarginLoss', 'swap', swap);
  return composite(() => {
    const toPositive = pairwiseDistance(anchor, positive, { p, eps });
    let toNegative = pairwiseDistance(anchor, negative, { p, eps });
    if (swap) toNegative = toNegative.minimum(pairwiseDistance(positive, negative, { p, eps }));
    return reduce(toPositive.sub(toNegative).add(margin).clamp(0), reduction);
  });
}

/** log(1 + e^{−y·x}) per element, y = ±1 (torch.nn.functional.soft_margin_loss). */
export function softMarginLoss(input: Tensor, target: Tensor, ...rest: [options?: LossOptions]): Tensor {
  checkTensorArguments('softMarginLoss', { input, target });
  const { reduction } = read('softMarginLoss', rest, []);
  return composite(() => reduce(logSigmoid(target.mul(input)).neg(), reduction));
}

/**
 * −(y·log σ(x) + (1 − y)·log σ(−x)), optionally weighted per class, averaged over the C classes of each
 * sample [N, C] (torch.nn.functional.multilabel_soft_margin_loss).
 */
export function multilabelSoftMarginLoss(input: Tensor, target: Tensor, options?: LossOptions & { weight?: Tensor | null }): Tensor;
/** torch's positional weight: `F.multilabelSoftMarginLoss(x, y, weights)`. */
export function multilabelSoftMarginLoss(input: Tensor, target: Tensor, weight: Tensor | null, options?: LossOptions): Tensor;
export function multilabelSoftMarginLoss(input: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  checkTensorArguments('multilabelSoftMarginLoss', { input, target });
  const { reduction, weight = null } = read<LossOptions & { weight?: Tensor | null }>('multilabelSoftMarginLoss', rest, ['weight']);
  const classes = input.shape[input.ndim - 1]!;
  return composite(() => {
    let losses = target
      .mul(logSigmoid(input))
      .add(target.neg().add(1).mul(logSigmoid(input.neg())))
      .neg();
    if (weight) losses = losses.mul(weight);
    return reduce(losses.sum(-1).div(classes), reduction);
  });
}

type MultiMarginOptions = LossOptions & { p?: number; margin?: number; weight?: Tensor | null };

/**
 * The multi-class hinge loss (torch.nn.functional.multi_margin_loss): for scores x [N, C] (or [C]) and
 * the class y of each row, Σ_{i ≠ y} w_y · max(0, margin − x_y + x_i)ᵖ / C, with p 1 or 2 (default 1),
 * margin 1 and optional class weights w [C].
 */
export function multiMarginLoss(input: Tensor, target: Tensor, options?: MultiMarginOptions): Tensor;
/** torch's positional order: `F.multiMarginLoss(x, y, 2, 0.5, weights)`, p, margin, weight. */
export function multiMarginLoss(
  input: Tensor,
  target: Tensor,
  p?: number,
  margin?: number,
  weight?: Tensor | null,
  options?: LossOptions,
): Tensor;
export function multiMarginLoss(input: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  checkTensorArguments('multiMarginLoss', { input, target });
  const owner = 'multiMarginLoss';
  const { reduction, p = 1, margin = 1, weight = null } = read<MultiMarginOptions>(owner, rest, ['p', 'margin', 'weight']);
  if (p !== 1 && p !== 2) throw new Error(`${owner}: only p = 1 and p = 2 are supported, got ${describeValue(p)}`);
  if (weight !== null && !isTensor(weight)) throw new Error(`${owner}: weight must be a tensor or null, got ${describeValue(weight)}`);
  checkNumber(owner, 'margin', margin);
  const batched = input.ndim === 2;
  if ((!batched && input.ndim !== 1) || target.ndim !== input.ndim - 1 || (batched && target.shape[0] !== input.shape[0]))
    throw new Error(
      `${owner}: expected input [N, C] and target [N] (or [C] and a scalar), got [${input.shape.join(', ')}] and [${target.shape.join(', ')}]`,
    );
  const classes = input.shape[input.ndim - 1]!;
  if (weight && (weight.ndim !== 1 || weight.shape[0] !== classes))
    throw new Error(`${owner}: weight must be [${classes}], got [${weight.shape.join(', ')}]`);
  checkIndexBounds(owner, target, classes);
  return composite(() => {
    const rows = batched ? input : input.unsqueeze(0);
    const labels = (batched ? target : target.unsqueeze(0)).int();
    const truth = rows.gather(1, labels.unsqueeze(1)); // x_y, [N, 1]
    let hinge = rows.sub(truth).add(margin).clamp(0);
    if (p === 2) hinge = hinge.square();
    // the true class's own term is the margin, which the sum leaves out
    hinge = hinge.mul(oneHot(labels, classes).logicalNot());
    if (weight) hinge = hinge.mul(weight.gather(0, labels).unsqueeze(1));
    const losses = hinge.sum(1).div(classes);
    return reduce(batched ? losses : losses.squeeze(0), reduction);
  });
}
