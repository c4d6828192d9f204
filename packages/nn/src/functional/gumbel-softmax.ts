import {
  checkBoolean,
  checkNumber,
  composite,
  noGrad,
  randLike,
  readArguments,
  scatter,
  softmax,
  zerosLike,
  type Tensor,
} from '@dl/tensor';

/**
 * torch's keywords of gumbel_softmax (its deprecated `eps` aside).
 * @example
 * F.gumbelSoftmax(logits, { tau: 0.5, hard: true, dim: 1 });
 */
export interface GumbelSoftmaxOptions {
  /** The temperature τ > 0: the sample is softmax((logits + g)/τ), nearer one-hot as τ → 0. Default 1. */
  tau?: number;
  /** Return the one-hot of the sample's largest entry, with the soft sample's gradient (straight-through). Default false. */
  hard?: boolean;
  /** The dim of the categories. Default -1. */
  dim?: number;
}

/**
 * A differentiable sample from the categorical distribution softmax(logits) along `dim`
 * (torch.nn.functional.gumbel_softmax): softmax((logits + g)/τ) with g_k = −log(−log u_k), u_k ~ U[0, 1)
 * independent Gumbel(0, 1) noise from the package's generator (so `manualSeed` repeats it). The
 * argmax of the sample is distributed as softmax(logits) whatever τ. With `hard`, the forward value is
 * exactly the one-hot of that argmax and the gradient is the soft sample's, as torch's
 * y_hard − stop(y_soft) + y_soft (written here as y_hard + (y_soft − stop(y_soft)), whose value is the
 * one-hot exactly). `tau` and `hard` may come positionally, as torch's; torch's deprecated `eps` is
 * not taken.
 * @example
 * const sample = F.gumbelSoftmax(logits, { tau: 0.5, hard: true }); // one-hot rows, differentiable
 */
export function gumbelSoftmax(
  logits: Tensor,
  ...rest: [options?: GumbelSoftmaxOptions] | [tau: number, hard?: boolean, options?: { dim?: number }]
): Tensor {
  const {
    tau = 1,
    hard = false,
    dim = -1,
  } = readArguments<GumbelSoftmaxOptions>('gumbelSoftmax', rest, ['tau', 'hard'], ['tau', 'hard', 'dim']);
  checkNumber('gumbelSoftmax', 'tau', tau);
  if (tau <= 0) throw new Error(`gumbelSoftmax: tau must be > 0, got ${tau}`);
  checkBoolean('gumbelSoftmax', 'hard', hard);
  const rank = Math.max(logits.ndim, 1);
  if (!Number.isInteger(dim) || dim < -rank || dim >= rank)
    throw new Error(`gumbelSoftmax: dim ${dim} is out of range for logits of shape [${logits.shape.join(', ')}]`);
  if (logits.dtype === 'int32' || logits.dtype === 'bool')
    throw new Error(`gumbelSoftmax: expects floating-point logits, got ${logits.dtype}`);
  return composite(() => {
    // u = 0 (the one grid value of U[0, 1) with −log u = ∞) gives g = −∞: that category is left out of this draw
    const gumbels = noGrad(() => randLike(logits).log().neg().log().neg());
    const soft = softmax(logits.add(gumbels).div(tau), dim);
    if (!hard) return soft;
    const oneHot = scatter(zerosLike(logits), dim, soft.argmax(dim, true), 1);
    return oneHot.add(soft.sub(soft.detach()));
  });
}
