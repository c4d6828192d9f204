import { checkBoolean, checkNumber, composite, readArguments, uniform, where, type Tensor } from '@dl/tensor';
import { readActivationArguments } from './activation-arguments.js';

function readLambda(operation: string, rest: readonly unknown[]): number {
  const { lambd = 0.5 } = readArguments<{ lambd?: number }>(operation, rest, ['lambd'], ['lambd']);
  checkNumber(operation, 'lambd', lambd);
  if (lambd < 0) throw new Error(`${operation}: lambd must be ≥ 0, got ${lambd}`);
  return lambd;
}

/**
 * x − λ above λ, x + λ below −λ, 0 between (torch.nn.functional.softshrink; λ default 0.5):
 * `F.softshrink(x, 0.3)` or `{ lambd }`.
 */
export function softshrink(input: Tensor, ...rest: [lambd?: number] | [options: { lambd?: number }]): Tensor {
  const lambd = readLambda('softshrink', rest);
  return composite(() => where(input.gt(lambd), input.sub(lambd), where(input.lt(-lambd), input.add(lambd), 0)));
}

/** 0 where |x| ≤ λ, else x (torch.nn.functional.hardshrink; λ default 0.5): a NaN stays NaN, as torch's. */
export function hardshrink(input: Tensor, ...rest: [lambd?: number] | [options: { lambd?: number }]): Tensor {
  const lambd = readLambda('hardshrink', rest);
  return composite(() => where(input.abs().le(lambd), 0, input));
}

export interface RReLUOptions {
  /** The smallest random slope. Default 1/8. */
  lower?: number;
  /** The largest random slope. Default 1/3. */
  upper?: number;
  /** Draw a slope a ~ U(lower, upper) per element (training); else use (lower + upper)/2. Default false. */
  training?: boolean;
}

/**
 * The randomized leaky ReLU (torch.nn.functional.rrelu): x for x ≥ 0, a·x below, with a ~ U(lower,
 * upper) per element in training and the mean slope (lower + upper)/2 otherwise. Positionally
 * (lower, upper, training) as torch.
 */
export function rrelu(
  input: Tensor,
  ...rest: [lower?: number, upper?: number, training?: boolean, inplace?: boolean] | [options: RReLUOptions & { inplace?: boolean }]
): Tensor {
  // torch's order ends with inplace, read and checked; the result is computed out of place
  const {
    lower = 1 / 8,
    upper = 1 / 3,
    training = false,
  } = readActivationArguments<RReLUOptions>('rrelu', rest, ['lower', 'upper', 'training']);
  checkNumber('rrelu', 'lower', lower);
  checkNumber('rrelu', 'upper', upper);
  if (lower > upper) throw new Error(`rrelu: lower (${lower}) must not exceed upper (${upper})`);
  checkBoolean('rrelu', 'training', training);
  return composite(() => {
    const slope = training ? uniform(input.shape, lower, upper, { dtype: input.dtype, device: input.device }) : (lower + upper) / 2;
    return where(input.ge(0), input, input.mul(slope));
  });
}
