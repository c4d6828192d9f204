import {
  checkBoolean,
  checkNumber,
  isTensor,
  noGrad,
  readArguments,
  scope,
  stack,
  tensor,
  type Tensor,
  describeValue,
  checkTensorList,
} from '@dl/tensor';

type ParameterList = Tensor | Iterable<Tensor>;

/** torch's keywords of clip_grad_norm_ after max_norm, in its positional order. */
export interface ClipGradNormOptions {
  /** p of the norm, 2 by default; Infinity (or torch's 'inf') for the largest magnitude. */
  normType?: number | 'inf';
  /**
   * Throw when the total norm is NaN or ±∞. It reads the norm back synchronously: CPU only (on webgpu
   * it throws; check `await total.item()` of the returned norm instead). Default false.
   */
  errorIfNonfinite?: boolean;
  /** torch's `foreach` (a choice of its kernels): accepted, without effect; true, false or null. */
  foreach?: boolean | null;
}

function checkForeach(owner: string, foreach: unknown): void {
  if (foreach !== undefined && foreach !== null) checkBoolean(owner, 'foreach', foreach);
}

/** The gradients of a tensor or an iterable of tensors (model.parameters()), each checked to be a tensor. */
function gradientsOf(operation: string, parameters: ParameterList): Tensor[] {
  const list = isTensor(parameters) ? [parameters] : isIterableObject(parameters) ? [...parameters] : null;
  if (list === null)
    throw new Error(
      `${operation}: parameters must be a tensor or an iterable of tensors (model.parameters()), got ${describeValue(parameters)}`,
    );
  checkTensorList(operation, list, 'parameters');
  return list.flatMap((parameter) => parameter.borrowGrad() ?? []);
}

/** An object that can be spread: an array, a Set, a generator (not a string). */
function isIterableObject(value: unknown): value is Iterable<Tensor> {
  return typeof value === 'object' && value !== null && Symbol.iterator in value;
}

/**
 * Rescales the gradients in place so their joint `normType`-norm is at most `maxNorm` (PyTorch's
 * `clip_grad_norm_`), and returns the norm before clipping as a 0-d tensor:
 *
 *   total = ‖(‖g₁‖_p, …, ‖g_n‖_p)‖_p   (max of |g| for p = ∞)
 *   g ← g · min(1, maxNorm / (total + 1e-6))
 *
 * The rest follows torch's order, `(normType, errorIfNonfinite, foreach)`, positionally or as options.
 * @example
 * loss.backward();
 * const norm = clipGradNorm(model.parameters(), 1.0);
 * optimizer.step();
 */
export function clipGradNorm(
  parameters: ParameterList,
  maxNorm: number,
  ...rest:
    | [normType?: number | 'inf', errorIfNonfinite?: boolean, foreach?: boolean | null]
    | [normType: number | 'inf', options?: Omit<ClipGradNormOptions, 'normType'>]
    | [options?: ClipGradNormOptions]
): Tensor {
  const names = ['normType', 'errorIfNonfinite', 'foreach'];
  const options = readArguments<ClipGradNormOptions>('clipGradNorm', rest, names, names);
  checkNumber('clipGradNorm', 'maxNorm', maxNorm, true);
  const normType = options.normType === 'inf' ? Infinity : checkNumber('clipGradNorm', 'normType', options.normType ?? 2, true);
  if (options.errorIfNonfinite !== undefined) checkBoolean('clipGradNorm', 'errorIfNonfinite', options.errorIfNonfinite);
  checkForeach('clipGradNorm', options.foreach);
  const gradients = gradientsOf('clipGradNorm', parameters);
  if (gradients.length === 0) return tensor(0);
  if (options.errorIfNonfinite) checkSynchronousRead(gradients);
  return noGrad(() =>
    scope(() => {
      const norms = gradients.map((gradient) => (normType === Infinity ? gradient.abs().amax() : gradient.norm(normType)));
      const total = normType === Infinity ? stack(norms).amax() : stack(norms).norm(normType);
      // the check reads the norm back, which only a synchronous device (the CPU) can do inside this
      // call (checkSynchronousRead refused the others); without it nothing is read, so the GPU's
      // gradients are clipped without leaving the GPU
      if (options.errorIfNonfinite && !Number.isFinite(total.itemSync()))
        throw new Error(`The total norm of order ${normType} for gradients from \`parameters\` is non-finite, so it cannot be clipped.`);
      // the coefficient is computed in the gradients' dtype, as PyTorch's tensor arithmetic does
      const coefficient = total.add(1e-6).reciprocal().mul(maxNorm).clamp(undefined, 1);
      for (const gradient of gradients) gradient.mul_(coefficient);
      return total; // escapes the scope as its result
    }),
  );
}

/**
 * errorIfNonfinite reads the total norm back before clipping, inside the call: a synchronous read,
 * which a device that reads asynchronously (webgpu) does not allow. Refused before any gradient
 * changes, with the asynchronous check to use instead.
 */
function checkSynchronousRead(gradients: readonly Tensor[]): void {
  const asynchronous = gradients.find((gradient) => !gradient.storage.backend.readSync);
  if (asynchronous)
    throw new Error(
      `clipGradNorm: errorIfNonfinite reads the total norm back inside the call, a synchronous read that device '${asynchronous.device}' does not allow (it reads asynchronously); ` +
        'pass errorIfNonfinite false and check the norm it returns: `const total = clipGradNorm(parameters, maxNorm); if (!Number.isFinite(await total.item())) ...` (before optimizer.step())',
    );
}

/**
 * Clamps every gradient elementwise into [−clipValue, clipValue], in place (PyTorch's
 * `clip_grad_value_`; its `foreach` is accepted, without effect). As torch's, any number but NaN is
 * taken: +∞ leaves the gradients as they are, and a negative value makes the lower bound exceed the
 * upper, where clamp gives the upper bound, so every entry becomes clipValue (−∞ for −∞).
 * @example
 * clipGradValue(model.parameters(), 0.5);
 */
export function clipGradValue(
  parameters: ParameterList,
  clipValue: number,
  ...rest: [foreach?: boolean | null] | [options?: { foreach?: boolean | null }]
): void {
  const { foreach } = readArguments<{ foreach?: unknown }>('clipGradValue', rest, ['foreach'], ['foreach']);
  checkForeach('clipGradValue', foreach);
  checkNumber('clipGradValue', 'clipValue', clipValue, true);
  const gradients = gradientsOf('clipGradValue', parameters);
  noGrad(() => scope(() => gradients.forEach((gradient) => gradient.clamp_(-clipValue, clipValue))));
}
