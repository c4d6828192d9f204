import {
  checkBoolean,
  checkNumber,
  checkOptions,
  checkIntegerList,
  checkTensorArguments,
  composite,
  describeValue,
  isTensor,
  noGrad,
  readArguments,
  refuseExtraArguments,
  type Tensor,
} from '@dl/tensor';

/** Throws unless `value` is a tensor, null or undefined (an affine weight or bias, a running statistic). */
function checkOptionalTensor(owner: string, name: string, value: unknown): void {
  if (value !== null && value !== undefined && !isTensor(value))
    throw new Error(`${owner}: ${name} must be a tensor or null, got ${describeValue(value)}`);
}

/** Shape [1, C, 1, …] that broadcasts a per-channel vector against [N, C, *]. */
function channelShape(input: Tensor): number[] {
  return input.shape.map((extent, axis) => (axis === 1 ? extent : 1));
}

/** The affine γ and β of a normalisation, by keyword: `F.layerNorm(x, shape, { weight, bias })`. */
export interface AffineOptions {
  /** γ, multiplied in after normalising; default none (1). */
  weight?: Tensor | null;
  /** β, added after; default none (0). */
  bias?: Tensor | null;
}

export interface BatchNormOptions {
  /** Use batch statistics (and update the running ones) instead of the running ones; default false. */
  training?: boolean;
  /** running ← (1 − momentum)·running + momentum·batch; default 0.1. */
  momentum?: number;
  /** Added to the variance; default 1e-5. */
  eps?: number;
}

/**
 * Batch normalisation over [N, C, *] (torch.nn.functional.batch_norm):
 * y = (x − μ) / √(σ² + ε)·γ + β, per channel. In training μ and σ² (biased) come from the batch and
 * the running statistics are updated in place, the running variance with the unbiased estimate
 * σ²·n/(n − 1), as torch; otherwise the running statistics are used.
 * (weight, bias, training, momentum, eps) come positionally, by keyword in an options object, or both.
 * @example
 * F.batchNorm(x, runningMean, runningVar, weight, bias, { training: true });
 * F.batchNorm(x, null, null, { weight, bias, training: true }); // torch's keywords
 */
export function batchNorm(
  input: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  ...rest:
    | [weight?: Tensor | null, bias?: Tensor | null, training?: boolean, momentum?: number, eps?: number]
    | [weight: Tensor | null, bias: Tensor | null, options: BatchNormOptions]
    | [options: BatchNormOptions & AffineOptions]
): Tensor {
  // torch's (weight, bias, training, momentum, eps) positionally, or any of them by keyword in an options object
  const names = ['weight', 'bias', 'training', 'momentum', 'eps'];
  const options = readArguments<BatchNormOptions & AffineOptions>('batchNorm', rest, names, names);
  const { weight = null, bias = null } = options;
  checkTensorArguments('batchNorm', { input });
  checkOptionalTensor('batchNorm', 'runningMean', runningMean);
  checkOptionalTensor('batchNorm', 'runningVar', runningVar);
  checkOptionalTensor('batchNorm', 'weight', weight);
  checkOptionalTensor('batchNorm', 'bias', bias);
  if (options.training !== undefined) checkBoolean('batchNorm', 'training', options.training);
  if (options.momentum !== undefined) checkNumber('batchNorm', 'momentum', options.momentum);
  if (options.eps !== undefined) checkNumber('batchNorm', 'eps', options.eps);
  if (input.ndim < 2) throw new Error(`batchNorm: expected at least 2-D input, got [${input.shape.join(', ')}]`);
  const eps = options.eps ?? 1e-5;
  const shape = channelShape(input);
  const axes = input.shape.map((_, axis) => axis).filter((axis) => axis !== 1);
  return composite(() => {
    let mean: Tensor;
    let variance: Tensor;
    if (options.training || !runningMean || !runningVar) {
      const count = input.numel() / input.shape[1]!;
      if (options.training && count <= 1)
        throw new Error(`Expected more than 1 value per channel when training, got input size [${input.shape.join(', ')}]`);
      mean = input.mean(axes, true);
      variance = input.sub(mean).square().mean(axes, true);
      if (options.training && runningMean && runningVar) {
        const momentum = options.momentum ?? 0.1;
        noGrad(() => {
          runningMean.mul_(1 - momentum).add_(mean.reshape([-1]).mul(momentum));
          runningVar.mul_(1 - momentum).add_(variance.reshape([-1]).mul((momentum * count) / (count - 1)));
        });
      }
    } else {
      mean = runningMean.reshape(shape);
      variance = runningVar.reshape(shape);
    }
    let output = input.sub(mean).mul(variance.add(eps).rsqrt());
    if (weight) output = output.mul(weight.reshape(shape));
    if (bias) output = output.add(bias.reshape(shape));
    return output;
  });
}

/** torch.nn.functional.instance_norm's keywords, in camelCase. */
export interface InstanceNormOptions {
  /** Running mean per channel, updated in place when `useInputStats`. Default none. */
  runningMean?: Tensor | null;
  /** Running (unbiased) variance per channel. Default none. */
  runningVar?: Tensor | null;
  /** γ per channel. Default none (1). */
  weight?: Tensor | null;
  /** β per channel. Default none (0). */
  bias?: Tensor | null;
  /** Normalise by each instance's own statistics (true) or by the running ones. Default true. */
  useInputStats?: boolean;
  /** running ← (1 − m)·running + m·(the instances' mean statistic). Default 0.1. */
  momentum?: number;
  /** Added to the variance. Default 1e-5. */
  eps?: number;
}

/**
 * Instance normalisation of [N, C, *] (torch.nn.functional.instance_norm): each channel of each sample
 * normalised over its own positions, y = (x − μ)/√(σ² + ε)·γ + β. Computed as torch computes it:
 * batch normalisation of the input seen as [1, N·C, *], with the running statistics repeated per sample
 * and averaged back over the samples afterwards.
 */
export function instanceNorm(input: Tensor, options: InstanceNormOptions = {}, ...extra: never[]): Tensor {
  if (extra.length > 0) refuseExtraArguments('instanceNorm', ['input', 'options'], extra);
  checkOptions('instanceNorm', options, ['runningMean', 'runningVar', 'weight', 'bias', 'useInputStats', 'momentum', 'eps']);
  const { runningMean = null, runningVar = null, weight = null, bias = null, useInputStats = true, momentum = 0.1, eps = 1e-5 } = options;
  if (input.ndim < 3)
    throw new Error(`instanceNorm: expected [N, C, *] input with at least one position dim, got [${input.shape.join(', ')}]`);
  if ((runningMean === null) !== (runningVar === null)) throw new Error('instanceNorm: give both runningMean and runningVar, or neither');
  if (!useInputStats && runningMean === null) throw new Error('instanceNorm: useInputStats false needs runningMean and runningVar');
  const [samples, channels] = input.shape as [number, number];
  return composite(() => {
    const perSample = (values: Tensor | null) => (values ? values.repeat(samples) : null);
    const [folded, mean, variance] = [
      input.reshape([1, samples * channels, ...input.shape.slice(2)]),
      perSample(runningMean),
      perSample(runningVar),
    ];
    const output = batchNorm(folded, mean, variance, perSample(weight), perSample(bias), { training: useInputStats, momentum, eps });
    if (useInputStats && runningMean && runningVar)
      noGrad(() => {
        runningMean.copy_(mean!.reshape([samples, channels]).mean(0));
        runningVar.copy_(variance!.reshape([samples, channels]).mean(0));
      });
    return output.reshape(input.shape as number[]);
  });
}

/** layerNorm's and groupNorm's (weight, bias, eps): positional as torch's, or by keyword in an options object. */
type AffineArguments =
  | [weight?: Tensor | null, bias?: Tensor | null, eps?: number]
  | [weight: Tensor | null, bias: Tensor | null, options: { eps?: number }]
  | [options: AffineOptions & { eps?: number }];

function readAffine(owner: string, rest: readonly unknown[]): AffineOptions & { eps?: number } {
  const names = ['weight', 'bias', 'eps'];
  return readArguments<AffineOptions & { eps?: number }>(owner, rest, names, names);
}

/**
 * Layer normalisation over the trailing `normalizedShape` dims (torch.nn.functional.layer_norm):
 * y = (x − μ) / √(σ² + ε)·γ + β with the biased variance. torch's (weight, bias, eps) come positionally
 * or by keyword in an options object.
 * @example
 * F.layerNorm(x, [64], weight, bias);
 * F.layerNorm(x, [64], { weight, bias, eps: 1e-6 }); // torch's F.layer_norm(x, (64,), weight=w, bias=b, eps=1e-6)
 */
export function layerNorm(input: Tensor, normalizedShape: readonly number[], ...rest: AffineArguments): Tensor {
  const { weight = null, bias = null, eps = 1e-5 } = readAffine('layerNorm', rest);
  checkTensorArguments('layerNorm', { input });
  checkIntegerList('layerNorm', 'normalizedShape', normalizedShape);
  checkOptionalTensor('layerNorm', 'weight', weight);
  checkOptionalTensor('layerNorm', 'bias', bias);
  checkNumber('layerNorm', 'eps', eps);
  // torch's check; over no dims the mean would read as a mean over every dim (torch's dim=[] rule)
  if (normalizedShape.length === 0)
    throw new Error('layerNorm: normalizedShape must have at least one element (the trailing dims to normalise), got []');
  const lead = input.ndim - normalizedShape.length;
  if (lead < 0 || normalizedShape.some((extent, index) => input.shape[lead + index] !== extent))
    throw new Error(
      `layerNorm: given normalizedShape=[${normalizedShape.join(', ')}], expected input with shape [*, ${normalizedShape.join(', ')}], but got input of size [${input.shape.join(', ')}]`,
    );
  return composite(() => {
    const axes = normalizedShape.map((_, index) => lead + index);
    const mean = input.mean(axes, true);
    const centered = input.sub(mean);
    let output = centered.mul(centered.square().mean(axes, true).add(eps).rsqrt());
    if (weight) output = output.mul(weight);
    if (bias) output = output.add(bias);
    return output;
  });
}

/**
 * Group normalisation (torch.nn.functional.group_norm): the C channels of [N, C, *] are split in
 * `numGroups` groups, each normalised over its channels and positions; then a per-channel affine.
 * (weight, bias, eps) positionally or by keyword, as layerNorm's.
 * @example
 * F.groupNorm(x, 8, { weight, bias });
 */
export function groupNorm(input: Tensor, numGroups: number, ...rest: AffineArguments): Tensor {
  const { weight = null, bias = null, eps = 1e-5 } = readAffine('groupNorm', rest);
  checkTensorArguments('groupNorm', { input });
  checkOptionalTensor('groupNorm', 'weight', weight);
  checkOptionalTensor('groupNorm', 'bias', bias);
  checkNumber('groupNorm', 'eps', eps);
  const [batch, channels] = input.shape as [number, number];
  if (channels % numGroups !== 0)
    throw new Error(`groupNorm: expected number of channels in input (${channels}) to be divisible by numGroups (${numGroups})`);
  return composite(() => {
    const grouped = input.reshape([batch, numGroups, -1]);
    const mean = grouped.mean(2, true);
    const centered = grouped.sub(mean);
    let output = centered.mul(centered.square().mean(2, true).add(eps).rsqrt()).reshape(input.shape as number[]);
    const shape = channelShape(input);
    if (weight) output = output.mul(weight.reshape(shape));
    if (bias) output = output.add(bias.reshape(shape));
    return output;
  });
}
