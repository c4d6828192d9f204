import { refuseExtraArguments } from '@dl/tensor';
import type { Tensor } from '@dl/tensor';
import type { LossOptions, Reduction } from '../functional/loss.js';
import {
  multilabelMarginLoss,
  readTripletWithDistance,
  type TripletWithDistanceOptions,
  tripletMarginWithDistanceLoss,
} from '../functional/multilabel-triplet-losses.js';
import { PairwiseDistance } from '../layers/distance.js';
import { isModule, Module } from '../module/module.js';
import { checkReduction, readLossArguments, refuseForwardArguments } from './loss-arguments.js';

// Printed as torch prints its losses, with empty parentheses (torch's _Loss has no extra_repr).

/**
 * The multi-class multi-label hinge loss (torch.nn.MultiLabelMarginLoss): targets hold each sample's
 * class indices, ended by the first −1 (see F.multilabelMarginLoss). `new MultiLabelMarginLoss('sum')`
 * or `{ reduction }` (Default 'mean').
 * @example
 * const loss = new MultiLabelMarginLoss();
 * loss.call(tensor([[0.1, 0.2, 0.4, 0.8]]), tensor([[3, 0, -1, 1]], { dtype: 'int32' })); // 0.85
 */
export class MultiLabelMarginLoss extends Module {
  readonly reduction: Reduction;

  constructor(...rest: (Reduction | LossOptions)[]) {
    super();
    const options = readLossArguments<LossOptions>('MultiLabelMarginLoss', rest, ['reduction']);
    this.reduction = checkReduction('MultiLabelMarginLoss', options.reduction);
  }

  forward(input: Tensor, target: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('MultiLabelMarginLoss', ['input', 'target'], extra);
    return multilabelMarginLoss(input, target, { reduction: this.reduction });
  }
}

/**
 * A module distance a TripletMarginWithDistanceLoss takes (besides a plain function): forward(x1, x2).
 * @example
 * const distance: DistanceModule = new PairwiseDistance({ p: 1 });
 */
export type DistanceModule = Module & { forward(x1: Tensor, x2: Tensor): Tensor };

/**
 * max(0, margin + d(a, p) − d(a, n)) with a distance function of your choice
 * (torch.nn.TripletMarginWithDistanceLoss). Options, keyword-only as in torch: `distanceFunction`
 * (Default a PairwiseDistance module; a function, or a module, called with (x1, x2)), `margin`
 * (Default 1, > 0), `swap` (Default false), `reduction` (Default 'mean'). As torch, a module distance
 * (the default PairwiseDistance included) is a child named `distance_function`, so it prints and moves
 * with the loss.
 * @example
 * const loss = new TripletMarginWithDistanceLoss({ distanceFunction: (x1, x2) => x1.sub(x2).abs().sum(-1), margin: 0.5 });
 * loss.call(anchor, positive, negative).backward();
 */
export class TripletMarginWithDistanceLoss extends Module {
  readonly reduction: Reduction;
  readonly margin: number;
  readonly swap: boolean;
  /** The distance when it is a plain function (a module distance is the child `distance_function`). */
  private readonly distanceFunction: ((x1: Tensor, x2: Tensor) => Tensor) | null;

  constructor(
    options: Omit<TripletWithDistanceOptions, 'distanceFunction'> & {
      distanceFunction?: TripletWithDistanceOptions['distanceFunction'] | DistanceModule;
    } = {},
    ...extra: never[]
  ) {
    super();
    if (extra.length > 0) refuseExtraArguments('TripletMarginWithDistanceLoss', ['options'], extra);
    const owner = 'TripletMarginWithDistanceLoss';
    if (typeof options !== 'object' || options === null)
      throw new TypeError(`${owner}: expected an options object { distanceFunction, margin, swap, reduction }, got ${String(options)}`);
    const given = options.distanceFunction ?? null;
    const module = isModule(given) ? (given as DistanceModule) : given === null ? new PairwiseDistance() : null;
    const read = readTripletWithDistance(owner, {
      ...options,
      distanceFunction: module ? null : (given as TripletWithDistanceOptions['distanceFunction']),
    });
    this.reduction = read.reduction;
    this.margin = read.margin;
    this.swap = read.swap;
    this.distanceFunction = module ? null : read.distanceFunction;
    if (module) this.registerModule('distance_function', module);
  }

  forward(anchor: Tensor, positive: Tensor, negative: Tensor, ...extra: never[]): Tensor {
    if (extra.length > 0) refuseForwardArguments('TripletMarginWithDistanceLoss', ['anchor', 'positive', 'negative'], extra);
    const module = this.getField('distance_function') as DistanceModule | undefined;
    return tripletMarginWithDistanceLoss(anchor, positive, negative, {
      distanceFunction: module ? (x1, x2) => module.call(x1, x2) : this.distanceFunction,
      margin: this.margin,
      swap: this.swap,
      reduction: this.reduction,
    });
  }
}
