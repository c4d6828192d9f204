import { checkNumber, describeValue, rand, zeros, type Tensor } from '@dl/tensor';
import type { Module } from '../module/module.js';
import { countKept, countToPrune, readAmount, type PruningAmount } from './amount.js';
import { applyPruning, checkShapeOf, type PruningTarget } from './pruned-parameter.js';

/** Options of `prune.lnStructured`. */
export interface LnStructuredOptions {
  /** How much to prune: a fraction in [0, 1] of the channels still kept, or an integer count. Required. */
  amount?: PruningAmount;
  /** The order of the norm that ranks the channels: 1, 2, Infinity or any other p > 0. Required. */
  n?: number;
  /** The axis whose channels (indices) are pruned whole; negative counts from the end. Required. */
  dim?: number;
  /** Scores of the parameter's shape whose channel norms rank the channels. Default the parameter (masked, when already pruned). */
  importanceScores?: Tensor;
}

/** Options of `prune.randomStructured`. */
export interface RandomStructuredOptions {
  /** How much to prune: a fraction in [0, 1] of the channels still kept, or an integer count. Required. */
  amount?: PruningAmount;
  /** The axis whose channels (indices) are pruned whole; negative counts from the end. Required. */
  dim?: number;
}

/** `dim` checked against `value` (torch's `_validate_structured_pruning` and `_validate_pruning_dim`), made non-negative. */
function checkedDim(owner: string, dim: unknown, value: Tensor, name: string): number {
  if (value.ndim <= 1)
    throw new Error(
      `${owner}: structured pruning can only be applied to multidimensional tensors; '${name}' has shape [${value.shape.join(', ')}] with ${value.ndim} dims`,
    );
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < -value.ndim || dim >= value.ndim)
    throw new Error(
      `${owner}: dim ${describeValue(dim)} is out of range for '${name}' with shape [${value.shape.join(', ')}] (expected an integer in [${-value.ndim}, ${value.ndim - 1}])`,
    );
  return dim < 0 ? dim + value.ndim : dim;
}

/**
 * The mask that also prunes `amount` of the channels along `dim` that `target`'s mask still keeps (a
 * channel is kept while any of its entries is), those of lowest `channelScores` (one per channel), as
 * torch's structured methods inside a PruningContainer: keep the (kept − count) best kept channels
 * (the others fenced off with −∞), then multiply by the current mask; a count of 0 leaves the mask.
 */
function pruneChannels(owner: string, target: PruningTarget, dim: number, amount: PruningAmount, channelScores: Tensor): Tensor {
  const { mask } = target;
  const others = mask.shape.map((_, axis) => axis).filter((axis) => axis !== dim);
  const keptChannels = mask.sum(others).ne(0);
  const kept = target.pruned ? countKept(owner, keptChannels) : mask.shape[dim]!;
  const count = countToPrune(owner, amount, kept);
  if (count === 0) return mask.clone();
  const eligible = channelScores.maskedFill(keptChannels.logicalNot(), -Infinity);
  const { indices } = eligible.topk(kept - count, { largest: true });
  const channelMask = zeros([mask.shape[dim]!], { dtype: mask.dtype, device: mask.device }).indexFill(0, indices, 1);
  // [C] → [1, …, C, …, 1], broadcast along every other axis
  return mask.mul(channelMask.reshape(mask.shape.map((extent, axis) => (axis === dim ? extent : 1))));
}

/**
 * Prunes whole channels of `name` along `dim`: the `amount` of them with the smallest Lₙ norm (over
 * every other axis) of the parameter or of `importanceScores`, as torch's `prune.ln_structured`. Pruning
 * again prunes `amount` of the channels still kept, and keeps earlier zeros. Returns the module.
 * @example
 * prune.lnStructured(conv, 'weight', 0.5, 2, 0); // half of the output channels, by L2 norm
 */
export function lnStructured<M extends Module>(
  module: M,
  name: string,
  amount?: PruningAmount | LnStructuredOptions,
  n?: number | LnStructuredOptions,
  dim?: number | LnStructuredOptions,
  importanceScores?: Tensor | LnStructuredOptions,
  options?: LnStructuredOptions,
): M {
  const owner = 'prune.lnStructured';
  const read = readAmount<LnStructuredOptions>(
    owner,
    [amount, n, dim, importanceScores, options],
    ['amount', 'n', 'dim', 'importanceScores'],
  );
  if (read.n === undefined) throw new Error(`${owner}: n is required`);
  const order = checkNumber(owner, 'n', read.n, true);
  if (!(order > 0)) throw new Error(`${owner}: n must be a positive norm order (1, 2, Infinity, …), got ${order}`);
  if (read.dim === undefined) throw new Error(`${owner}: dim is required`);
  return applyPruning(owner, module, name, (target) => {
    const axis = checkedDim(owner, read.dim, target.value, name);
    const scores =
      read.importanceScores === undefined
        ? target.value
        : checkShapeOf(owner, 'importanceScores', read.importanceScores, target.value, name);
    const others = scores.shape.map((_, index) => index).filter((index) => index !== axis);
    return pruneChannels(owner, target, axis, read.amount!, scores.norm(order, others));
  });
}

/**
 * Prunes `amount` whole channels of `name` along `dim`, chosen uniformly at random among those still
 * kept (torch's `prune.random_structured`; reproducible with `manualSeed`). Returns the module.
 * @example
 * prune.randomStructured(conv, 'weight', 1, 0); // one output channel
 */
export function randomStructured<M extends Module>(
  module: M,
  name: string,
  amount?: PruningAmount | RandomStructuredOptions,
  dim?: number | RandomStructuredOptions,
  options?: RandomStructuredOptions,
): M {
  const owner = 'prune.randomStructured';
  const read = readAmount<RandomStructuredOptions>(owner, [amount, dim, options], ['amount', 'dim']);
  if (read.dim === undefined) throw new Error(`${owner}: dim is required`);
  return applyPruning(owner, module, name, (target) => {
    const axis = checkedDim(owner, read.dim, target.value, name);
    const scores = rand([target.value.shape[axis]!], { dtype: target.value.dtype, device: target.value.device });
    return pruneChannels(owner, target, axis, read.amount!, scores);
  });
}
