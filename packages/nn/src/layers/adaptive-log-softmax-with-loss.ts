import {
  argmax,
  cast,
  cat,
  checkInteger,
  checkNumber,
  composite,
  describeValue,
  gather,
  logSoftmax,
  readArguments,
  refuseExtraArguments,
  where,
  type Tensor,
  checkTensorArguments,
} from '@dl/tensor';
import { ModuleList } from '../containers/module-list.js';
import { Sequential } from '../containers/sequential.js';
import { Module } from '../module/module.js';
import { Linear } from './linear.js';
import type { FactoryOptions } from './shared.js';

/**
 * torch's `_ASMoutput(output, loss)` named tuple: read it by name (`result.loss`) or by position
 * (`const [output, loss] = asm.call(x, target)`), as torch's.
 */
export type OutputAndLoss = readonly [output: Tensor, loss: Tensor] & { readonly output: Tensor; readonly loss: Tensor };

/** The pair as an array (so destructuring and scopes see both tensors) that also has the names. */
function outputAndLoss(output: Tensor, loss: Tensor): OutputAndLoss {
  return Object.assign([output, loss] as const, { output, loss });
}

/** The options of AdaptiveLogSoftmaxWithLoss beside its three required arguments. */
export interface AdaptiveLogSoftmaxWithLossOptions extends FactoryOptions {
  /** Cluster i's hidden size is ⌊inFeatures / divValue^(i + 1)⌋. Default 4. */
  divValue?: number;
  /** Give the head a bias. Default false. */
  headBias?: boolean;
}

const cutoffsMessage =
  'cutoffs should be a sequence of unique, positive integers sorted in an increasing order, where each value is between 1 and nClasses - 1';

/**
 * Adaptive softmax (torch.nn.AdaptiveLogSoftmaxWithLoss, Grave et al. 2016) for large vocabularies: the
 * classes below cutoffs[0] (the shortlist) and one entry per cluster [cutoffs[i], cutoffs[i + 1]) share
 * the `head` Linear(inFeatures, shortlist + clusters); each cluster has a `tail` of two bias-free
 * Linears inFeatures → ⌊inFeatures / divValue^(i + 1)⌋ → cluster size, so log p(c) = head's log-softmax
 * at c (shortlist) or at c's cluster plus the tail's log-softmax at c within it. State-dict names as
 * torch's (`head.weight`, `tail.0.0.weight`, `tail.0.1.weight`, …), Linear's initialisation.
 * `call(input, target)` ([N, inFeatures] and int32 [N], or [inFeatures] and a 0-d target) returns
 * `{ output, loss }`: each target's log-probability and the mean of their negatives. Every tail runs on
 * every row and a mask keeps each row's own cluster (no data-dependent row selection, so it runs on
 * every device; torch runs a tail only on its rows): the values and gradients are torch's, and a tail
 * no target fell in gets a zero gradient where torch leaves none.
 * @example
 * const asm = new AdaptiveLogSoftmaxWithLoss(512, 10000, [1000, 4000]);
 * const { loss } = asm.call(hidden, targets); // hidden [N, 512], targets int32 [N]
 */
export class AdaptiveLogSoftmaxWithLoss extends Module {
  readonly inFeatures: number;
  readonly nClasses: number;
  /** The cutoffs given, then nClasses (torch's `cutoffs` attribute). */
  readonly cutoffs: readonly number[];
  readonly divValue: number;
  readonly headBias: boolean;
  /** Classes predicted by the head directly: cutoffs[0]. */
  readonly shortlistSize: number;
  readonly nClusters: number;
  /** shortlistSize + nClusters. */
  readonly headSize: number;
  readonly head: Linear;
  readonly tail: ModuleList<Sequential>;

  constructor(inFeatures: number, nClasses: number, cutoffs: readonly number[], options?: AdaptiveLogSoftmaxWithLossOptions);
  /** PyTorch's order: `AdaptiveLogSoftmaxWithLoss(in_features, n_classes, cutoffs, div_value, head_bias)` (then options: device, dtype). */
  constructor(
    inFeatures: number,
    nClasses: number,
    cutoffs: readonly number[],
    divValue: number,
    headBias?: boolean,
    options?: FactoryOptions,
  );
  constructor(inFeatures: number, nClasses: number, cutoffs: readonly number[], ...rest: unknown[]) {
    super();
    const owner = 'AdaptiveLogSoftmaxWithLoss';
    const options = readArguments<AdaptiveLogSoftmaxWithLossOptions>(
      owner,
      rest,
      ['divValue', 'headBias'],
      ['divValue', 'headBias', 'device', 'dtype'],
    );
    checkInteger(owner, 'inFeatures', inFeatures);
    checkInteger(owner, 'nClasses', nClasses, 2);
    if (
      !Array.isArray(cutoffs) ||
      cutoffs.length === 0 ||
      !cutoffs.every(
        (cutoff, index) =>
          Number.isInteger(cutoff) && cutoff >= 1 && cutoff <= nClasses - 1 && (index === 0 || cutoff > cutoffs[index - 1]!),
      )
    )
      throw new Error(`${owner}: ${cutoffsMessage}, got ${describeValue(cutoffs)} for nClasses ${nClasses}`);
    this.divValue = checkNumber(owner, 'divValue', options.divValue ?? 4);
    this.headBias = options.headBias ?? false;
    this.inFeatures = inFeatures;
    this.nClasses = nClasses;
    this.cutoffs = [...cutoffs, nClasses];
    this.shortlistSize = cutoffs[0]!;
    this.nClusters = cutoffs.length;
    this.headSize = this.shortlistSize + this.nClusters;
    const factory = { device: options.device, dtype: options.dtype };
    this.head = new Linear(inFeatures, this.headSize, { bias: this.headBias, ...factory });
    this.tail = new ModuleList(
      Array.from({ length: this.nClusters }, (_, index) => {
        // torch's int(in_features // div_value ** (i + 1)): a floored float division
        const hidden = Math.floor(inFeatures / this.divValue ** (index + 1));
        const size = this.cutoffs[index + 1]! - this.cutoffs[index]!;
        return new Sequential(
          new Linear(inFeatures, hidden, { bias: false, ...factory }),
          new Linear(hidden, size, { bias: false, ...factory }),
        );
      }),
    );
  }

  /** Draws the head's and every tail's weights again (Linear's initialisation). */
  resetParameters(): void {
    this.head.resetParameters();
    for (const projection of this.tail) for (const linear of projection) (linear as Linear).resetParameters();
  }

  forward(input: Tensor, target: Tensor, ...extra: never[]): OutputAndLoss {
    if (extra.length > 0) refuseExtraArguments('AdaptiveLogSoftmaxWithLoss.forward', ['input', 'target'], extra);
    checkTensorArguments('AdaptiveLogSoftmaxWithLoss.forward', { input, target });
    this.checkTarget(input, target);
    const batched = target.ndim === 1;
    const rows = batched ? input : input.unsqueeze(0);
    const targets = batched ? target : target.unsqueeze(0);
    return composite(() => {
      const headLogProb = logSoftmax(this.head.call(rows), 1);
      // cluster k ≥ 1 for a target in [cutoffs[k − 1], cutoffs[k]), 0 in the shortlist
      const cluster = this.cutoffs
        .slice(0, this.nClusters)
        .map((cutoff) => cast(targets.ge(cutoff), 'int32'))
        .reduce((sum, step) => sum.add(step));
      const inShortlist = cluster.eq(0);
      const headIndex = where(inShortlist, targets, cluster.add(this.shortlistSize - 1));
      let output = gather(headLogProb, 1, headIndex.unsqueeze(1)).squeeze(1);
      [...this.tail].forEach((projection, index) => {
        const size = this.cutoffs[index + 1]! - this.cutoffs[index]!;
        const relative = targets.sub(this.cutoffs[index]!).clamp(0, size - 1);
        const local = gather(logSoftmax(projection.call(rows), 1), 1, relative.unsqueeze(1)).squeeze(1);
        // x + 0 is x exactly: the other rows keep their value, and their gradient here is zero
        output = output.add(where(cluster.eq(index + 1), local, 0));
      });
      const loss = output.neg().mean();
      return outputAndLoss(batched ? output : output.squeeze(0), loss);
    });
  }

  /**
   * The log-probabilities of all nClasses classes (torch's log_prob): [N, inFeatures] → [N, nClasses],
   * the shortlist's from the head, each cluster's as its tail's log-softmax plus the head's cluster entry.
   */
  logProb(input: Tensor): Tensor {
    this.checkBatch('logProb', input);
    return composite(() => this.fullLogProb(input, this.head.call(input)));
  }

  /**
   * The most probable class of every row (torch's predict, logProb(input).argmax(1)): the head's argmax
   * where it is a shortlist class, the argmax over all classes elsewhere. [N, inFeatures] → int32 [N].
   */
  predict(input: Tensor): Tensor {
    this.checkBatch('predict', input);
    return composite(() => {
      const headOutput = this.head.call(input);
      const fromHead = argmax(headOutput, 1);
      return where(fromHead.ge(this.shortlistSize), argmax(this.fullLogProb(input, headOutput), 1), fromHead);
    });
  }

  private fullLogProb(input: Tensor, headOutput: Tensor): Tensor {
    const headLogProb = logSoftmax(headOutput, 1);
    const clusters = [...this.tail].map((projection, index) =>
      logSoftmax(projection.call(input), 1).add(headLogProb.narrow(1, this.shortlistSize + index, 1)),
    );
    return cat([headLogProb.narrow(1, 0, this.shortlistSize), ...clusters], 1);
  }

  /** torch's checks of forward's shapes, with the target dtype and, where readable (the CPU), its range. */
  private checkTarget(input: Tensor, target: Tensor): void {
    const owner = 'AdaptiveLogSoftmaxWithLoss';
    const shape = `[${input.shape.join(', ')}]`;
    if (target.ndim === 1) {
      if (input.shape[0] !== target.shape[0])
        throw new Error(
          `${owner}: input and target should have the same size in the batch dimension, got ${shape} and [${target.shape.join(', ')}]`,
        );
      if (input.ndim !== 2) throw new Error(`${owner}: a 1-D target expects a 2-D input [N, inFeatures], got ${shape}`);
    } else if (target.ndim === 0) {
      if (input.ndim !== 1) throw new Error(`${owner}: a 0-D target expects a 1-D input [inFeatures], got ${shape}`);
    } else throw new Error(`${owner}: expected a 0-D or 1-D target (multi-target not supported), got [${target.shape.join(', ')}]`);
    if (target.dtype !== 'int32') throw new Error(`${owner}: expected an int32 target, got ${target.dtype}`);
    if (target.device !== 'cpu' || target.numel() === 0) return;
    let [low, high] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const value of target.dataSync()) [low, high] = [Math.min(low, value), Math.max(high, value)];
    if (low < 0 || high > this.nClasses - 1)
      throw new Error(`${owner}: target values should be in [0, ${this.nClasses - 1}], but values in range [${low}, ${high}] were found`);
  }

  private checkBatch(operation: string, input: Tensor): void {
    if (input.ndim !== 2 || input.shape[1] !== this.inFeatures)
      throw new Error(
        `AdaptiveLogSoftmaxWithLoss.${operation}: expected an input [N, ${this.inFeatures}], got [${input.shape.join(', ')}]`,
      );
  }
}
