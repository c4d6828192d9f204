import { checkNumber, checkOptions, composite, nllLossUnweighted, softplus, type Tensor, where, checkTensorArguments } from '@dl/tensor';
import { checkReduction, readLossOptions, refuseLossArguments } from '../losses/loss-arguments.js';

/** How per-element losses are combined: their mean (default), their sum, or not at all. */
export type Reduction = 'mean' | 'sum' | 'none';

export interface LossOptions {
  /** 'mean' (default), 'sum' or 'none'. */
  reduction?: Reduction;
}

/** The per-element losses combined by `reduction` (shared by every loss of @dl/nn). */
export function reduce(losses: Tensor, reduction: Reduction = 'mean'): Tensor {
  if (reduction === 'none') return losses;
  if (reduction === 'sum') return losses.sum();
  return losses.mean();
}

/**
 * Checks that input and target are tensors, the arguments after the options (`extra`: none is taken),
 * the options (unknown keys, the reduction's spelling) and that target and input have one shape: torch
 * raises for BCE and (from 2.x on) warns for the others, but a broadcast [4, 1] against [4] silently
 * gives a [4, 4] loss with a wrong value, so every elementwise loss throws here.
 */
function checkElementwise<Options extends LossOptions>(
  owner: string,
  input: Tensor,
  target: Tensor,
  options: Options,
  accepted: readonly string[],
  extra: readonly unknown[],
): Options & { reduction: Reduction } {
  checkTensorArguments(owner, { input, target });
  if (extra.length > 0) refuseLossArguments(owner, ['input', 'target'], accepted, extra);
  checkOptions(owner, options, accepted);
  const reduction = checkReduction(owner, options.reduction);
  if (input.shape.length !== target.shape.length || input.shape.some((extent, axis) => extent !== target.shape[axis]))
    throw new Error(
      `${owner}: target shape [${target.shape.join(', ')}] must be the same as input shape [${input.shape.join(', ')}] (reshape one of them; broadcasting would pair every prediction with every target)`,
    );
  return { ...options, reduction };
}

/**
 * Mean squared error: (x − y)².
 * @example
 * F.mseLoss(prediction, target); // scalar
 */
export function mseLoss(input: Tensor, target: Tensor, options: LossOptions = {}, ...extra: never[]): Tensor {
  const { reduction } = checkElementwise('mseLoss', input, target, options, ['reduction'], extra);
  return composite(() => reduce(input.sub(target).square(), reduction));
}

/** Mean absolute error: |x − y|. */
export function l1Loss(input: Tensor, target: Tensor, options: LossOptions = {}, ...extra: never[]): Tensor {
  const { reduction } = checkElementwise('l1Loss', input, target, options, ['reduction'], extra);
  return composite(() => reduce(input.sub(target).abs(), reduction));
}

/**
 * Smooth L1: with d = x − y, 0.5·d²/β if |d| < β, else |d| − 0.5·β (β = 1 by default; β = 0 is L1).
 * The quadratic part squares d, not |d|: |d|'s derivative at 0 is 0, which would zero the second
 * derivative at x = y, where torch's is 1/β.
 */
export function smoothL1Loss(input: Tensor, target: Tensor, options: LossOptions & { beta?: number } = {}, ...extra: never[]): Tensor {
  checkElementwise('smoothL1Loss', input, target, options, ['reduction', 'beta'], extra);
  const beta = checkNumber('smoothL1Loss', 'beta', options.beta ?? 1, true);
  if (beta < 0) throw new Error(`smoothL1Loss: beta must be ≥ 0, got ${beta}`);
  return composite(() => {
    const difference = input.sub(target);
    const distance = difference.abs();
    if (beta === 0) return reduce(distance, options.reduction);
    return reduce(where(distance.lt(beta), difference.square().mul(0.5 / beta), distance.sub(0.5 * beta)), options.reduction);
  });
}

/** Huber: with d = x − y, 0.5·d² if |d| < δ, else δ·(|d| − 0.5·δ) (δ = 1 by default); d², not |d|², as smoothL1Loss. */
export function huberLoss(input: Tensor, target: Tensor, options: LossOptions & { delta?: number } = {}, ...extra: never[]): Tensor {
  checkElementwise('huberLoss', input, target, options, ['reduction', 'delta'], extra);
  const delta = options.delta ?? 1;
  if (!(delta > 0)) throw new Error(`huberLoss: delta must be > 0, got ${delta}`);
  return composite(() => {
    const difference = input.sub(target);
    const distance = difference.abs();
    return reduce(where(distance.lt(delta), difference.square().mul(0.5), distance.sub(0.5 * delta).mul(delta)), options.reduction);
  });
}

export interface NllLossOptions extends LossOptions {
  /** Per-class weights [C]. Default: none (every class weighs 1). */
  weight?: Tensor | null;
  /** Targets equal to this contribute nothing, to the sum or to the mean's denominator; default −100. */
  ignoreIndex?: number;
}

const nllLossKeys = ['weight', 'reduction', 'ignoreIndex'];

/** Targets that passed checkTargets, with what they were checked against. */
const checkedTargets = new WeakMap<
  Tensor,
  { storage: Tensor['storage']; version: number; classes: number; ignoreIndex: number; mayIgnore: boolean }
>();

/**
 * Throws torch's error for a class index outside [0, C) that is not ignoreIndex, and says whether any
 * target may be ignoreIndex. CPU targets only: elsewhere there is no sync read, so nothing is checked
 * and any target may be ignored.
 */
function checkTargets(target: Tensor, classes: number, ignoreIndex: number): { mayIgnore: boolean } {
  if (target.device !== 'cpu') return { mayIgnore: true };
  // a training loop passes the same targets every step: read them once per write (storage version)
  const checked = checkedTargets.get(target);
  if (
    checked?.storage === target.storage &&
    checked.version === target.storage.version &&
    checked.classes === classes &&
    checked.ignoreIndex === ignoreIndex
  )
    return checked;
  let mayIgnore = false;
  for (const value of target.dataSync()) {
    if (value === ignoreIndex) mayIgnore = true;
    else if (value < 0 || value >= classes)
      throw new Error(`nllLoss: target ${value} is out of bounds for ${classes} classes (ignoreIndex ${ignoreIndex})`);
  }
  checkedTargets.set(target, { storage: target.storage, version: target.storage.version, classes, ignoreIndex, mayIgnore });
  return { mayIgnore };
}

/**
 * Negative log likelihood of log-probabilities `input` [N, C, *] (or [C]) at int32 class `target`
 * [N, *] (or []): ℓᵢ = −w[yᵢ]·x[i, yᵢ]. The mean divides by Σ w[yᵢ] over non-ignored targets, as torch.
 */
export function nllLoss(input: Tensor, target: Tensor, options?: NllLossOptions): Tensor;
/** torch's positional class weight: `F.nllLoss(logProbabilities, labels, weights)`, options after it. */
export function nllLoss(input: Tensor, target: Tensor, weight: Tensor | null, options?: Omit<NllLossOptions, 'weight'>): Tensor;
export function nllLoss(input: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  checkTensorArguments('nllLoss', { input, target });
  const options = readLossOptions<NllLossOptions>('nllLoss', rest, nllLossKeys);
  const reduction = checkReduction('nllLoss', options.reduction);
  const ignoreIndex = options.ignoreIndex ?? -100;
  if (target.dtype !== 'int32') throw new Error(`nllLoss: expected integer class indices (int32), got ${target.dtype}`);
  return composite(() => negativeLogLikelihood(input, target, reduction, ignoreIndex, options.weight ?? null));
}

/**
 * nllLoss with its options checked, without a scope of its own: crossEntropy runs it inside its
 * composite(), which releases these intermediates too.
 */
function negativeLogLikelihood(input: Tensor, target: Tensor, reduction: Reduction, ignoreIndex: number, weight: Tensor | null): Tensor {
  const unbatched = input.ndim === 1;
  const x = unbatched ? input.unsqueeze(0) : input;
  const y = unbatched ? target.reshape([1]) : target;
  if (x.shape[0] !== y.shape[0] || x.ndim !== y.ndim + 1)
    throw new Error(
      `nllLoss: expected input [N, C, *] and target [N, *], got input [${input.shape.join(', ')}] and target [${target.shape.join(', ')}]`,
    );
  const classes = x.shape[1]!;
  const { mayIgnore } = checkTargets(y, classes, ignoreIndex);
  if (!mayIgnore && !weight) return unweightedNllLoss(x, y, reduction, unbatched);
  const valid = y.ne(ignoreIndex);
  const safeTarget = where(valid, y, 0); // an in-range index where ignored; masked below
  const picked = x.gather(1, safeTarget.unsqueeze(1)).squeeze(1);
  const weights = weight
    ? where(valid, weight.indexSelect(0, safeTarget.reshape([-1])).reshape(y.shape as number[]), 0)
    : valid.to(x.dtype);
  // where, not a product: an ignored −inf log-probability must give 0, not NaN
  const losses = where(valid, picked.neg().mul(weights), 0);
  if (reduction === 'none') return unbatched ? losses.reshape([]) : losses;
  if (reduction === 'sum') return losses.sum();
  return losses.sum().div(weights.sum());
}

/**
 * nllLoss when no target is ignored and there are no class weights: ℓᵢ = −x[i, yᵢ], and the mean
 * divides by the number of targets. The general form's mask, unit weights and selects (six passes over
 * the N targets forward, three backward) give the same bits here: −p·1 = −p, Σ(−pᵢ) = −Σpᵢ (rounding is
 * symmetric) and Σ1 = N; the gradient is the same −g/N per picked entry.
 */
function unweightedNllLoss(x: Tensor, y: Tensor, reduction: Reduction, unbatched: boolean): Tensor {
  // [N, C]: @dl/tensor's op, one pass each way on the CPU with these bits
  if (reduction !== 'none' && x.ndim === 2) return nllLossUnweighted(x, y, reduction);
  // [N, 1, *]: the sums below read it as it is (same order as the squeezed [N, *]), without a reshape node
  const picked = x.gather(1, y.unsqueeze(1));
  if (reduction === 'none') {
    const losses = picked.squeeze(1).neg();
    return unbatched ? losses.reshape([]) : losses;
  }
  if (reduction === 'sum') return picked.sum().neg();
  // −(Σp)/N as (Σp)/(−N): the same bits (a sign flip is exact), one node and two kernels fewer
  return picked.sum().div(-picked.numel());
}

const crossEntropyKeys = ['weight', 'reduction', 'ignoreIndex', 'labelSmoothing'];

export interface CrossEntropyOptions extends NllLossOptions {
  /** ε: the target becomes (1 − ε)·target + ε/C (uniform smoothing); default 0. */
  labelSmoothing?: number;
}

/**
 * Cross-entropy between logits `input` [N, C, *] (or [C]) and a target of int32 class indices [N, *]
 * or of class probabilities (same shape as input). Equal to nllLoss(logSoftmax(input, 1), target)
 * for indices. With label smoothing ε, torch's formula:
 * (1 − ε)·nll + ε/C·Σ_c −w_c·log p_c (reduced as nll: the mean divides by Σ w[yᵢ]); with
 * probabilities the mean divides by the number of samples N·∏d.
 * @example
 * F.crossEntropy(logits, labels, { labelSmoothing: 0.1 });
 */
export function crossEntropy(input: Tensor, target: Tensor, options?: CrossEntropyOptions): Tensor;
/** torch's positional class weight: `F.crossEntropy(logits, labels, weights)`, options after it. */
export function crossEntropy(input: Tensor, target: Tensor, weight: Tensor | null, options?: Omit<CrossEntropyOptions, 'weight'>): Tensor;
export function crossEntropy(input: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  checkTensorArguments('crossEntropy', { input, target });
  const options = readLossOptions<CrossEntropyOptions>('crossEntropy', rest, crossEntropyKeys);
  const reduction = checkReduction('crossEntropy', options.reduction);
  const smoothing = options.labelSmoothing ?? 0;
  if (!(smoothing >= 0 && smoothing <= 1)) throw new Error(`labelSmoothing must be between 0.0 and 1.0. Got: ${smoothing}`);
  return composite(() => {
    const classDim = input.ndim === 1 ? 0 : 1;
    const classes = input.shape[classDim]!;
    const logProbabilities = input.logSoftmax(classDim);
    const weightShape = input.shape.map((extent, axis) => (axis === classDim ? extent : 1));
    const weight = options.weight ? options.weight.reshape(weightShape) : null;

    if (target.dtype !== 'int32') {
      // class probabilities; a float target of the class-index shape is a forgotten cast, as torch says
      if (target.shape.length !== input.shape.length || target.shape.some((extent, axis) => extent !== input.shape[axis])) {
        if (target.ndim === input.ndim - 1)
          throw new Error(
            `crossEntropy: expected integer class indices (int32), got ${target.dtype} (a target of class probabilities has the input's shape [${input.shape.join(', ')}])`,
          );
        throw new Error(`crossEntropy: probability target [${target.shape.join(', ')}] must match input [${input.shape.join(', ')}]`);
      }
      const smoothed = smoothing > 0 ? target.mul(1 - smoothing).add(smoothing / classes) : target;
      let terms = logProbabilities.mul(smoothed);
      if (weight) terms = terms.mul(weight);
      if (reduction === 'none') return terms.sum(classDim).neg();
      if (reduction === 'sum') return terms.sum().neg();
      return terms
        .sum()
        .neg()
        .div(input.numel() / classes);
    }

    const ignoreIndex = options.ignoreIndex ?? -100;
    const nll = negativeLogLikelihood(logProbabilities, target, reduction, ignoreIndex, options.weight ?? null);
    if (smoothing === 0) return nll;
    const valid = target.ne(ignoreIndex);
    const smoothLoss = where(valid, (weight ? logProbabilities.mul(weight) : logProbabilities).sum(classDim).neg(), 0);
    let smoothReduced: Tensor;
    if (reduction === 'none') smoothReduced = smoothLoss;
    else if (reduction === 'sum') smoothReduced = smoothLoss.sum();
    else if (options.weight) {
      const safeTarget = where(valid, target, 0).reshape([-1]);
      smoothReduced = smoothLoss.sum().div(where(valid.reshape([-1]), options.weight.indexSelect(0, safeTarget), 0).sum());
    } else smoothReduced = smoothLoss.sum().div(valid.to(input.dtype).sum());
    return nll.mul(1 - smoothing).add(smoothReduced.mul(smoothing / classes));
  });
}

export interface WeightedLossOptions extends LossOptions {
  /** Rescales each element's loss (broadcast against the input). Default: none. */
  weight?: Tensor | null;
}

/**
 * Binary cross-entropy of probabilities x against targets y:
 * −w·(y·log x + (1 − y)·log(1 − x)), each log clamped at −100 as torch (so x = 0 or 1 stays finite).
 * The input gradient is torch's closed form w·(x − y) / max(x(1 − x), 10⁻¹²), which stays finite at
 * x ∈ {0, 1} where the chain rule through the clamped logs would give 0·∞ (it is attached as a
 * first-order term, so a second derivative of this loss with respect to x is 0, not torch's).
 * An input outside [0, 1] throws on the CPU, as torch; on webgpu, whose values cannot be read inside
 * the call, its loss is NaN (where torch's CUDA raises a device-side assert).
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, options?: WeightedLossOptions): Tensor;
/** torch's positional weight: `F.binaryCrossEntropy(probabilities, targets, weights)`, options after it. */
export function binaryCrossEntropy(input: Tensor, target: Tensor, weight: Tensor | null, options?: LossOptions): Tensor;
export function binaryCrossEntropy(input: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  const accepted = ['weight', 'reduction'];
  const options = readLossOptions<WeightedLossOptions>('binaryCrossEntropy', rest, accepted);
  const { reduction } = checkElementwise('binaryCrossEntropy', input, target, options, accepted, []);
  checkProbabilities(input);
  return composite(() => {
    const x = input.detach();
    const logX = x.log().clamp(-100);
    const logOneMinusX = x.neg().log1p().clamp(-100);
    // value, with the gradients for target (through the detached logs) and weight
    let losses = target.sub(1).mul(logOneMinusX).sub(target.mul(logX));
    let slope = x.sub(target.detach()).div(x.mul(x.neg().add(1)).clamp(1e-12));
    if (options.weight) {
      losses = losses.mul(options.weight);
      slope = slope.mul(options.weight.detach());
    }
    // + (x − x̄)·slope: zero in value, d/dx = slope
    losses = losses.add(input.sub(x).mul(slope));
    return reduce(losses, reduction);
  });
}

/**
 * torch's check that BCE's input is a probability (a logit passed by mistake gives log of a negative
 * number, NaN). CPU inputs only: elsewhere there is no sync read, and the NaN is the only sign
 * (docs/webgpu.md › Reads are asynchronous).
 */
function checkProbabilities(input: Tensor): void {
  if (input.device !== 'cpu') return;
  for (const value of input.dataSync())
    if (!(value >= 0 && value <= 1))
      throw new Error(
        `binaryCrossEntropy: all elements of input should be between 0 and 1, got ${value} (for logits use binaryCrossEntropyWithLogits)`,
      );
}

/**
 * Binary cross-entropy on logits, in the stable form
 * ℓ = (1 − y)·x + l·(log(1 + e^{−|x|}) + max(−x, 0)) with l = 1 + (posWeight − 1)·y,
 * which equals −w·[posWeight·y·log σ(x) + (1 − y)·log(1 − σ(x))] without overflowing.
 * @example
 * F.binaryCrossEntropyWithLogits(logits, labels, { posWeight: tensor([3]) });
 */
export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  options?: WeightedLossOptions & { posWeight?: Tensor | null },
): Tensor;
/** torch's positional weight: `F.binaryCrossEntropyWithLogits(logits, targets, weights)`, options (posWeight) after it. */
export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  weight: Tensor | null,
  options?: LossOptions & { posWeight?: Tensor | null },
): Tensor;
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, ...rest: unknown[]): Tensor {
  const accepted = ['weight', 'reduction', 'posWeight'];
  const options = readLossOptions<WeightedLossOptions & { posWeight?: Tensor | null }>('binaryCrossEntropyWithLogits', rest, accepted);
  // log(1 + e^{−x}) as softplus(−x) without a threshold: its two pieces both take the branch of −x ≥ 0
  // at x = 0, so d/dx there is −σ(0) = −½ and the loss's gradient σ(0) − y. The former
  // log1p(e^{−|x|}) + relu(−x) took abs' and relu' at 0, both 0, and gave 1 − y (issue #14).
  const { reduction } = checkElementwise('binaryCrossEntropyWithLogits', input, target, options, accepted, []);
  return composite(() => {
    const softplusOfNegative = softplus(input.neg(), 1, Infinity);
    const logWeight = options.posWeight ? options.posWeight.sub(1).mul(target).add(1) : null;
    let losses = target
      .neg()
      .add(1)
      .mul(input)
      .add(logWeight ? logWeight.mul(softplusOfNegative) : softplusOfNegative);
    if (options.weight) losses = losses.mul(options.weight);
    return reduce(losses, reduction);
  });
}

/**
 * Kullback–Leibler divergence with `input` as log-probabilities: y·(log y − x) (0 where y = 0, NaN where y < 0), or
 * e^{y}·(y − x) with `logTarget`. 'batchmean' divides the sum by the batch size (the true KL);
 * 'mean' (the default, as torch) averages over every element.
 */
export function klDiv(
  input: Tensor,
  target: Tensor,
  options: { reduction?: Reduction | 'batchmean'; logTarget?: boolean } = {},
  ...extra: never[]
): Tensor {
  checkTensorArguments('klDiv', { input, target });
  if (extra.length > 0) refuseLossArguments('klDiv', ['input', 'target'], ['reduction', 'logTarget'], extra);
  checkOptions('klDiv', options, ['reduction', 'logTarget']);
  const reduction = checkReduction('klDiv', options.reduction, 'batchmean');
  return composite(() => {
    // y·log y is 0 at y = 0 (torch's xlogy) and NaN for y < 0, as in torch: a negative target is no probability
    const losses = options.logTarget ? target.exp().mul(target.sub(input)) : where(target.eq(0), 0, target.mul(target.log().sub(input)));
    if (reduction === 'batchmean') return input.ndim === 0 ? losses.sum() : losses.sum().div(input.shape[0]!);
    return reduce(losses, reduction);
  });
}
