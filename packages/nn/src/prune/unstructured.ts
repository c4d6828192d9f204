import { randLike, type Tensor } from '@dl/tensor';
import type { Module } from '../module/module.js';
import { countKept, countToPrune, readAmount, type PruningAmount } from './amount.js';
import { applyPruning, checkShapeOf, type PruningTarget } from './pruned-parameter.js';

/** Options of `prune.l1Unstructured`. */
export interface L1UnstructuredOptions {
  /** How much to prune: a fraction in [0, 1] of the entries still kept, or an integer count. Required. */
  amount?: PruningAmount;
  /** Scores of the parameter's shape whose smallest |·| are pruned in place of the parameter's. Default the parameter (masked, when already pruned). */
  importanceScores?: Tensor;
}

/** Options of `prune.randomUnstructured`. */
export interface RandomUnstructuredOptions {
  /** How much to prune: a fraction in [0, 1] of the entries still kept, or an integer count. Required. */
  amount?: PruningAmount;
}

/**
 * `mask` with the `count` entries of smallest `scores` among those it keeps (entries equal to 1) set to
 * 0: torch's topk(|t[mask == 1]|, count, largest=False) of a PruningContainer, the others fenced off
 * with +∞ so the shapes stay fixed.
 */
export function pruneSmallestKept(scores: Tensor, mask: Tensor, count: number): Tensor {
  if (count === 0) return mask.clone();
  const eligible = scores.flatten().maskedFill(mask.flatten().ne(1), Infinity);
  const { indices } = eligible.topk(count, { largest: false });
  return mask
    .flatten()
    .indexFill(0, indices, 0)
    .reshape([...mask.shape]);
}

/** How many entries `amount` prunes among those `target`'s mask still keeps (all of them the first time). */
export function unstructuredCount(owner: string, target: PruningTarget, amount: PruningAmount): number {
  const kept = target.pruned ? countKept(owner, target.mask.eq(1)) : target.mask.numel();
  return countToPrune(owner, amount, kept);
}

/**
 * Prunes the `amount` entries of `name` with the smallest |value| (or |importanceScores|), as torch's
 * `prune.l1_unstructured`: `name` becomes `<name>_orig` (a parameter) times `<name>_mask` (a buffer),
 * recomputed before every forward, so gradients reach `<name>_orig` masked. Pruning again prunes
 * `amount` of the entries still kept. Returns the module.
 * @example
 * prune.l1Unstructured(layer, 'weight', 0.3);
 * Object.keys(layer.stateDict()); // ['bias', 'weight_orig', 'weight_mask']
 */
export function l1Unstructured<M extends Module>(
  module: M,
  name: string,
  amount?: PruningAmount | L1UnstructuredOptions,
  importanceScores?: Tensor | L1UnstructuredOptions,
  options?: L1UnstructuredOptions,
): M {
  const owner = 'prune.l1Unstructured';
  const read = readAmount<L1UnstructuredOptions>(owner, [amount, importanceScores, options], ['amount', 'importanceScores']);
  return applyPruning(owner, module, name, (target) => {
    const scores =
      read.importanceScores === undefined
        ? target.value
        : checkShapeOf(owner, 'importanceScores', read.importanceScores, target.value, name);
    return pruneSmallestKept(scores.abs(), target.mask, unstructuredCount(owner, target, read.amount!));
  });
}

/**
 * Prunes `amount` entries of `name` chosen uniformly at random among those still kept (torch's
 * `prune.random_unstructured`; reproducible with `manualSeed`). Returns the module.
 * @example
 * prune.randomUnstructured(layer, 'weight', 0.5); // exactly half of the 20 weights of a Linear(5, 4)
 */
export function randomUnstructured<M extends Module>(
  module: M,
  name: string,
  amount?: PruningAmount | RandomUnstructuredOptions,
  options?: RandomUnstructuredOptions,
): M {
  const owner = 'prune.randomUnstructured';
  const read = readAmount<RandomUnstructuredOptions>(owner, [amount, options], ['amount']);
  return applyPruning(owner, module, name, (target) =>
    pruneSmallestKept(randLike(target.value), target.mask, unstructuredCount(owner, target, read.amount!)),
  );
}

/**
 * Prunes nothing but reparametrises `name` as `<name>_orig` times a mask of ones (torch's
 * `prune.identity`), so later code can treat every layer alike. Returns the module.
 * @example
 * prune.identity(layer, 'bias');
 */
export function identity<M extends Module>(module: M, name: string): M {
  return applyPruning('prune.identity', module, name, (target) => target.mask);
}
