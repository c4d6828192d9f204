import {
  arange,
  cat,
  checkBoolean,
  checkInteger,
  composite,
  describeValue,
  full,
  isTensor,
  readArguments,
  stack,
  tensor,
  where,
  type Tensor,
  checkTensorArguments,
} from '@dl/tensor';
import { checkReduction } from '../losses/loss-arguments.js';
import type { Reduction } from './loss.js';
import { pad } from './padding.js';

export interface CtcLossOptions {
  /** The blank class. Default 0. */
  blank?: number;
  /** 'mean' (each loss divided by its target length, then the batch mean), 'sum' or 'none'. Default 'mean'. */
  reduction?: Reduction;
  /** Replace infinite losses (no alignment fits in the input) and their gradients by 0. Default false. */
  zeroInfinity?: boolean;
}

/** Lengths as torch takes them: a tensor, an array of numbers, or one number (unbatched). */
export type CtcLengths = Tensor | readonly number[] | number;

const operation = 'ctcLoss';
const optionKeys = ['blank', 'reduction', 'zeroInfinity'] as const;

/**
 * log(0) in the recursion: a finite stand-in for −∞, so that log-sum-exp and its gradient never meet
 * ∞ − ∞ (a sum of a few log-probabilities stays far above it). A loss this large means that no
 * alignment exists.
 */
const LOG_ZERO = -1e30;
const IMPOSSIBLE = 1e29;

function lengthsOf(name: string, lengths: unknown, count: number): number[] {
  let values: number[];
  if (isTensor(lengths)) {
    if (lengths.device !== 'cpu')
      throw new Error(
        `${operation}: ${name} on '${lengths.device}' cannot be read synchronously; pass them as an array of numbers or a CPU tensor`,
      );
    values = Array.from(lengths.dataSync(), Number);
  } else if (typeof lengths === 'number') values = [lengths];
  else if (Array.isArray(lengths)) values = [...(lengths as number[])];
  else throw new Error(`${operation}: ${name} must be a tensor, an array of numbers or a number, got ${describeValue(lengths)}`);
  if (values.length !== count)
    throw new Error(`${operation}: ${name} must have one length per batch element (${count}), got ${values.length}`);
  for (const value of values) checkInteger(operation, name, value, 0);
  return values;
}

/**
 * Targets as [N, S] with S the longest target: padded targets as they are, concatenated (1-D) ones
 * split by their lengths; positions past a target's length hold the blank. Every label in use must be a
 * class index below C.
 */
function paddedTargets(targets: Tensor, targetLengths: number[], blank: number, classes: number, batched: boolean): Tensor {
  const batch = targetLengths.length;
  const longest = Math.max(0, ...targetLengths);
  let padded: Tensor;
  if (batched && targets.ndim === 2) {
    if (targets.shape[0] !== batch)
      throw new Error(`${operation}: padded targets must be [${batch}, S], got [${targets.shape.join(', ')}]`);
    for (const length of targetLengths)
      if (length > targets.shape[1]!)
        throw new Error(`${operation}: a target length ${length} exceeds the targets' S = ${targets.shape[1]}`);
    padded = targets.narrow(1, 0, longest);
  } else if (targets.ndim === 1) {
    // torch reads a 1-D target as the concatenation of every target, also unbatched: exactly Σ lengths labels
    const total = targetLengths.reduce((sum, length) => sum + length, 0);
    if (targets.shape[0] !== total)
      throw new Error(
        batched
          ? `${operation}: concatenated targets must hold sum(targetLengths) = ${total} labels, got ${targets.shape[0]}`
          : `${operation}: an unbatched target must hold targetLength = ${total} labels, got ${targets.shape[0]}`,
      );
    let offset = 0;
    const rows = targetLengths.map((length) => {
      const row = pad(targets.narrow(0, offset, length), [0, longest - length], 'constant', blank);
      offset += length;
      return row;
    });
    padded = stack(rows);
  } else throw new Error(`${operation}: targets must be [N, S] or concatenated 1-D, got [${targets.shape.join(', ')}]`);
  // positions past each length: the blank (torch ignores them; they may hold any value, even out of range)
  const inside = arange(longest, undefined, 1, { device: targets.device })
    .unsqueeze(0)
    .lt(tensor(targetLengths, { dtype: 'int32', device: targets.device }).unsqueeze(1));
  const labels = where(inside, padded.int(), blank);
  checkLabels(labels, classes);
  return labels;
}

/**
 * Throws for a label outside the C classes (torch's CPU kernel reads past its buffer there, its CUDA one
 * asserts). `labels` [N, S] holds the blank past each target's length, so only labels in use are seen.
 * CPU targets only: elsewhere reading them back would need an await.
 */
function checkLabels(labels: Tensor, classes: number): void {
  if (labels.device !== 'cpu') return;
  const values = labels.dataSync();
  const width = labels.shape[1]!;
  const index = values.findIndex((label) => label < 0 || label >= classes);
  if (index >= 0)
    throw new Error(
      `${operation}: target ${Math.floor(index / width)} holds label ${values[index]} at position ${index % width}, outside the C = ${classes} classes 0…${classes - 1}`,
    );
}

/**
 * The connectionist temporal classification loss (torch.nn.functional.ctc_loss): −log of the total
 * probability of every alignment of the target to the input, blanks between and around the labels,
 * computed by the forward recursion over the extended target l′ = (blank, l₁, blank, l₂, …, blank):
 *   α₀(0) = y₀(blank), α₀(1) = y₀(l₁);
 *   αₜ(s) = yₜ(l′ₛ) · (αₜ₋₁(s) + αₜ₋₁(s − 1) + [s odd, l′ₛ ≠ l′ₛ₋₂] αₜ₋₁(s − 2)),
 *   loss = −log(α_{T−1}(2S) + α_{T−1}(2S − 1)), in log space.
 * logProbs [T, N, C] (log_softmax outputs; unbatched [T, C]), targets [N, S] padded or concatenated 1-D
 * (unbatched [S]), one input and one target length per batch element (arrays, numbers or CPU tensors).
 * Built from tensor ops, so autograd gives the gradient and any device runs it. The gradient with
 * respect to logProbs is the true one; torch's adds exp(logProbs), which log_softmax's backward cancels,
 * so gradients with respect to the logits agree. A sample no alignment fits (an input too short for its
 * target) has loss +∞ and a zero gradient (torch's is NaN); `zeroInfinity` makes its loss 0.
 * @example
 * const loss = F.ctcLoss(logits.logSoftmax(2), targets, inputLengths, targetLengths);
 */
export function ctcLoss(
  logProbs: Tensor,
  targets: Tensor,
  inputLengths: CtcLengths,
  targetLengths: CtcLengths,
  ...rest: [options?: CtcLossOptions] | [blank?: number, reduction?: Reduction, zeroInfinity?: boolean]
): Tensor {
  checkTensorArguments('ctcLoss', { logProbs, targets });
  const { blank = 0, reduction = 'mean', zeroInfinity = false } = readArguments<CtcLossOptions>(operation, rest, optionKeys, optionKeys);
  checkReduction(operation, reduction);
  checkBoolean(operation, 'zeroInfinity', zeroInfinity);
  const batched = logProbs.ndim === 3;
  if (!batched && logProbs.ndim !== 2)
    throw new Error(`${operation}: logProbs must be [T, N, C] or unbatched [T, C], got [${logProbs.shape.join(', ')}]`);
  if (logProbs.dtype !== 'float32' && logProbs.dtype !== 'float64')
    throw new Error(`${operation}: logProbs must be float32 or float64, got ${logProbs.dtype}`);
  const steps = logProbs.shape[0]!;
  const batch = batched ? logProbs.shape[1]! : 1;
  const classes = logProbs.shape[logProbs.ndim - 1]!;
  checkInteger(operation, 'blank', blank, 0);
  if (blank >= classes) throw new Error(`${operation}: blank ${blank} must be a class index below C = ${classes}`);
  if (targets.dtype === 'float32' || targets.dtype === 'float64')
    throw new Error(`${operation}: targets must hold integer class indices (int32), got ${targets.dtype}`);
  const inputs = lengthsOf('inputLengths', inputLengths, batch);
  const labels = lengthsOf('targetLengths', targetLengths, batch);
  for (const length of inputs)
    if (length < 1 || length > steps) throw new Error(`${operation}: every input length must be in 1…T = ${steps}, got ${length}`);
  return composite(() => {
    const probabilities = batched ? logProbs : logProbs.unsqueeze(1);
    const target = paddedTargets(targets, labels, blank, classes, batched);
    const longest = target.shape[1]!;
    const width = 2 * longest + 1;
    // l′ [N, 2S + 1]: blank, l₁, blank, l₂, …, blank
    const blanks = full([batch, longest], blank, { dtype: 'int32', device: logProbs.device });
    const extended = cat(
      [stack([blanks, target], 2).reshape([batch, 2 * longest]), full([batch, 1], blank, { dtype: 'int32', device: logProbs.device })],
      1,
    );
    // the skip from s − 2 is allowed onto a label position (s odd) whose label differs from the label
    // before it; by position, not by value, as torch: a blank used as a label in a target is a label there
    const twoBefore = pad(extended, [2, 0], 'constant', blank).narrow(1, 0, width);
    const labelPosition = tensor(
      Array.from({ length: width }, (_, position) => position % 2 === 1),
      { dtype: 'bool', device: logProbs.device, shape: [1, width] },
    );
    const mayskip = labelPosition.logicalAnd(extended.ne(twoBefore));
    // yₜ(l′ₛ) for every t: [T, N, 2S + 1]
    const emissions = probabilities.gather(2, extended.unsqueeze(0).expand(steps, batch, width));
    const lengthsTensor = tensor(inputs, { dtype: 'int32', device: logProbs.device }).unsqueeze(1);
    const firstTwo = arange(width, undefined, 1, { device: logProbs.device }).lt(2).unsqueeze(0);
    let alpha = where(firstTwo, emissions.select(0, 0), LOG_ZERO);
    for (let step = 1; step < steps; step++) {
      const oneBefore = pad(alpha, [1, 0], 'constant', LOG_ZERO).narrow(1, 0, width);
      const skip = where(mayskip, pad(alpha, [2, 0], 'constant', LOG_ZERO).narrow(1, 0, width), LOG_ZERO);
      const next = stack([alpha, oneBefore, skip]).logsumexp(0).add(emissions.select(0, step));
      // a sequence that has ended keeps its α
      alpha = where(lengthsTensor.gt(step), next, alpha);
    }
    // end on the last blank (2S) or the last label (2S − 1, when there is one)
    const ends = tensor(
      labels.flatMap((length) => [2 * length, Math.max(2 * length - 1, 0)]),
      { dtype: 'int32', device: logProbs.device, shape: [batch, 2] },
    );
    const hasLabel = tensor(
      labels.flatMap((length) => [true, length > 0]),
      { dtype: 'bool', device: logProbs.device, shape: [batch, 2] },
    );
    const negativeLog = where(hasLabel, alpha.gather(1, ends), LOG_ZERO).logsumexp(1).neg();
    const impossible = negativeLog.gt(IMPOSSIBLE);
    // no alignment: +∞ (0 with zeroInfinity), with no gradient either way; torch's gradient there is NaN,
    // which would spread into every weight at the next step
    const losses = where(impossible, zeroInfinity ? 0 : Number.POSITIVE_INFINITY, negativeLog);
    if (reduction === 'none') return batched ? losses : losses.squeeze(0);
    if (reduction === 'sum') return losses.sum();
    const perLabel = tensor(
      labels.map((length) => Math.max(length, 1)),
      { dtype: logProbs.dtype, device: logProbs.device },
    );
    return losses.div(perLabel).mean();
  });
}
