import { cat, checkInteger, checkNumber, composite, readArguments, zeros, type Tensor } from '@dl/tensor';

export interface LocalResponseNormOptions {
  /** α, the scale of the squares' mean. Default 1e-4. */
  alpha?: number;
  /** β, the exponent. Default 0.75. */
  beta?: number;
  /** k, the additive constant. Default 1. */
  k?: number;
}

const keys = ['alpha', 'beta', 'k'] as const;

/**
 * Local response normalisation across channels (torch.nn.functional.local_response_norm, AlexNet's):
 *   b_c = a_c / (k + α/n · Σ_{c′} a_{c′}²)^β
 * over the n = `size` channels c − ⌊n/2⌋ … c + ⌊(n − 1)/2⌋, channels past either end counting as 0.
 * input [N, C, *] with at least 3 dims; options by keyword or torch's positional (alpha, beta, k).
 * @example
 * F.localResponseNorm(x, 5, { alpha: 1e-4, beta: 0.75, k: 2 });
 */
export function localResponseNorm(
  input: Tensor,
  size: number,
  ...rest: [options?: LocalResponseNormOptions] | [alpha?: number, beta?: number, k?: number]
): Tensor {
  const owner = 'localResponseNorm';
  const { alpha = 1e-4, beta = 0.75, k = 1 } = readArguments<LocalResponseNormOptions>(owner, rest, keys, keys);
  checkInteger(owner, 'size', size);
  for (const [name, value] of Object.entries({ alpha, beta, k })) checkNumber(owner, name, value);
  if (input.ndim < 3) throw new Error(`${owner}: expected an input of 3 or more dims [N, C, *], got [${input.shape.join(', ')}]`);
  if (input.numel() === 0) return input;
  return composite(() => {
    const squares = input.square();
    const edge = (count: number) => zeros([input.shape[0]!, count, ...input.shape.slice(2)], { dtype: input.dtype, device: input.device });
    const before = Math.floor(size / 2);
    const after = Math.floor((size - 1) / 2);
    const padded = cat([edge(before), squares, edge(after)], 1);
    const channels = input.shape[1]!;
    let windows = padded.narrow(1, 0, channels);
    for (let offset = 1; offset < size; offset++) windows = windows.add(padded.narrow(1, offset, channels));
    return input.div(windows.div(size).mul(alpha).add(k).pow(beta));
  });
}
