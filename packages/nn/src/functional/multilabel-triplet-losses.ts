import { checkNumber, checkOptions, composite, describeValue, oneHot, type Tensor, checkTensorArguments } from '@dl/tensor';
import { checkReduction, refuseLossArguments } from '../losses/loss-arguments.js';
import { pairwiseDistance } from './distance.js';
import { reduce, type LossOptions } from './loss.js';

// torch.nn.functional.multilabel_margin_loss and triplet_margin_with_distance_loss, composed of
// tensor ops; each reduces its per-sample losses by `reduction` ('mean' default, 'sum', 'none').

/**
 * Targets of multilabelMarginLoss must hold class indices in [0, C) or −1. Checked on the CPU only, as
 * the tensor package's index bounds are (reading a GPU tensor back here would need an await).
 */
function checkTargets(owner: string, target: Tensor, classes: number): void {
  if (target.device !== 'cpu') return;
  for (const value of target.dataSync())
    if (!Number.isInteger(value) || value < -1 || value >= classes)
      throw new Error(`${owner}: target must hold class indices in [0, ${classes}) or -1, got ${describeValue(value)}`);
}

/**
 * The multi-class multi-label hinge loss (torch.nn.functional.multilabel_margin_loss): for scores x
 * [N, C] (or [C]) and targets y of the same shape holding each sample's class indices, ended by the
 * first −1 (what follows it is ignored), Σ_j Σ_{i ∉ y} max(0, 1 − (x[y_j] − x[i])) / C over the
 * targets y_j before the first −1. Options: `reduction` (Default 'mean').
 * @example
 * const scores = tensor([[0.1, 0.2, 0.4, 0.8]]);
 * F.multilabelMarginLoss(scores, tensor([[3, 0, -1, 1]], { dtype: 'int32' })); // 0.85
 */
export function multilabelMarginLoss(input: Tensor, target: Tensor, options: LossOptions = {}, ...extra: never[]): Tensor {
  checkTensorArguments('multilabelMarginLoss', { input, target });
  const owner = 'multilabelMarginLoss';
  if (extra.length > 0) refuseLossArguments(owner, ['input', 'target'], ['reduction'], extra);
  checkOptions(owner, options, ['reduction']);
  const reduction = checkReduction(owner, options.reduction);
  const batched = input.ndim === 2;
  if ((!batched && input.ndim !== 1) || target.ndim !== input.ndim || target.shape.some((size, dim) => size !== input.shape[dim]))
    throw new Error(
      `${owner}: expected input [N, C] (or [C]) and a target of the same shape, got [${input.shape.join(', ')}] and [${target.shape.join(', ')}]`,
    );
  const classes = input.shape[input.ndim - 1]!;
  checkTargets(owner, target, classes);
  return composite(() => {
    const rows = batched ? input : input.unsqueeze(0); // [N, C]
    const labels = (batched ? target : target.unsqueeze(0)).int(); // [N, C]
    // the targets before the first −1 count: where no −1 has been seen yet
    const valid = labels.eq(-1).int().cumsum(1).eq(0); // [N, C] over target positions j
    const indices = labels.clamp(0); // −1 → 0, masked out by `valid`
    const isTarget = oneHot(indices, classes).mul(valid.unsqueeze(2)).sum(1).gt(0); // [N, C] over classes i
    const truth = rows.gather(1, indices); // x[y_j], [N, C]
    const hinge = rows.unsqueeze(1).sub(truth.unsqueeze(2)).add(1).clamp(0); // [N, j, i]
    const counted = hinge.mul(valid.unsqueeze(2)).mul(isTarget.logicalNot().unsqueeze(1));
    const losses = counted.sum([1, 2]).div(classes);
    return reduce(batched ? losses : losses.squeeze(0), reduction);
  });
}

const tripletKeys = ['reduction', 'distanceFunction', 'margin', 'swap'];

/**
 * Options of tripletMarginWithDistanceLoss and TripletMarginWithDistanceLoss.
 * @example
 * const options: TripletWithDistanceOptions = { margin: 0.5, swap: true };
 */
export interface TripletWithDistanceOptions extends LossOptions {
  /** d(x₁, x₂) of two batches, one distance per sample. Default F.pairwiseDistance (p 2, eps 1e-6). */
  distanceFunction?: ((x1: Tensor, x2: Tensor) => Tensor) | null;
  /** The margin between d(a, p) and d(a, n); must be > 0. Default 1. */
  margin?: number;
  /** Replace d(a, n) by d(p, n) where that is smaller (the distance swap). Default false. */
  swap?: boolean;
}

/**
 * The options after the unknown-key, margin and distanceFunction checks (shared by the module).
 * @example
 * readTripletWithDistance('TripletMarginWithDistanceLoss', { margin: 2 }); // { reduction: 'mean', distanceFunction: null, margin: 2, swap: false }
 */
export function readTripletWithDistance(owner: string, options: TripletWithDistanceOptions) {
  checkOptions(owner, options, tripletKeys);
  const { distanceFunction = null, margin = 1, swap = false } = options;
  checkNumber(owner, 'margin', margin);
  if (!(margin > 0)) throw new Error(`${owner}: expected margin to be greater than 0, got ${describeValue(margin)}`);
  if (distanceFunction !== null && typeof distanceFunction !== 'function')
    throw new TypeError(`${owner}: distanceFunction must be a function (x1, x2) => Tensor, got ${describeValue(distanceFunction)}`);
  if (typeof swap !== 'boolean') throw new TypeError(`${owner}: swap must be a boolean, got ${describeValue(swap)}`);
  return { reduction: checkReduction(owner, options.reduction), distanceFunction, margin, swap };
}

/**
 * max(0, margin + d(a, p) − d(a, n)) with a distance function of your choice
 * (torch.nn.functional.triplet_margin_with_distance_loss): `distanceFunction` (Default pairwise
 * distance), `margin` (Default 1, > 0), `swap` (Default false: with it d(a, n) becomes
 * min(d(a, n), d(p, n))), `reduction` (Default 'mean').
 * @example
 * const cosineDistance = (x1: Tensor, x2: Tensor) => F.cosineSimilarity(x1, x2).neg().add(1);
 * F.tripletMarginWithDistanceLoss(anchor, positive, negative, { distanceFunction: cosineDistance, margin: 0.5 });
 */
export function tripletMarginWithDistanceLoss(
  anchor: Tensor,
  positive: Tensor,
  negative: Tensor,
  options: TripletWithDistanceOptions = {},
  ...extra: never[]
): Tensor {
  checkTensorArguments('tripletMarginWithDistanceLoss', { anchor, positive, negative });
  const owner = 'tripletMarginWithDistanceLoss';
  if (extra.length > 0) refuseLossArguments(owner, ['anchor', 'positive', 'negative'], tripletKeys, extra);
  const { reduction, distanceFunction, margin, swap } = readTripletWithDistance(owner, options);
  if (anchor.ndim !== positive.ndim || positive.ndim !== negative.ndim)
    throw new Error(
      `${owner}: expected anchor, positive and negative of the same number of dims, got [${anchor.shape.join(', ')}], [${positive.shape.join(', ')}] and [${negative.shape.join(', ')}]`,
    );
  const distance = distanceFunction ?? ((x1: Tensor, x2: Tensor) => pairwiseDistance(x1, x2));
  return composite(() => {
    const toPositive = distance(anchor, positive);
    let toNegative = distance(anchor, negative);
    if (swap) toNegative = toNegative.minimum(distance(positive, negative));
    return reduce(toPositive.sub(toNegative).add(margin).clamp(0), reduction);
  });
}
