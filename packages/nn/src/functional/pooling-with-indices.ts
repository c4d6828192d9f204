import {
  checkOptions,
  composite,
  describeValue,
  maxPool2d,
  refuseExtraArguments,
  type Tensor,
  valuesAndIndices,
  type ValuesAndIndices,
} from '@dl/tensor';
import { adaptiveMaxPool3d } from './more-pooling.js';
import type { PoolOptions } from './pooling.js';
import { maxPool1d, type MaxPool1dOptions } from './pooling1d.js';
import { maxPool3d, type AdaptiveSize3d, type MaxPool3dOptions } from './pooling3d.js';

// torch.nn.functional's *_with_indices forms: the pooling with `returnIndices` always on, returning the
// `[values, indices]` pair (torch's named tuple). The adaptive 1-d and 2-d forms are the 3-d adaptive
// pooling on a volume of depth 1 (and height 1): its flat z·H·W + y·W + x positions are then y·W + x
// (and x), torch's indices for a plane (a line), and its ties go to the first cell in that order, as
// torch's. Each checks its options under its own name, so `returnIndices` is an unknown option there.

const poolKeys = ['stride', 'padding', 'dilation', 'ceilMode'];

/**
 * Max pooling along L with the positions of the maxima (torch.nn.functional.max_pool1d_with_indices).
 * @example
 * const { values, indices } = F.maxPool1dWithIndices(randn([2, 3, 10]), 2);
 */
export function maxPool1dWithIndices(
  input: Tensor,
  kernelSize: number,
  options: Omit<MaxPool1dOptions, 'returnIndices'> = {},
  ...extra: never[]
): ValuesAndIndices {
  if (extra.length > 0) refuseExtraArguments('maxPool1dWithIndices', ['input', 'kernelSize', 'options'], extra);
  checkOptions('maxPool1dWithIndices', options, poolKeys);
  return maxPool1d(input, kernelSize, { ...options, returnIndices: true });
}

/**
 * Max pooling over [N, C, H, W] with the flat h·W + w positions of the maxima (torch.nn.functional.max_pool2d_with_indices).
 * @example
 * const { values, indices } = F.maxPool2dWithIndices(randn([2, 3, 8, 8]), 2);
 */
export function maxPool2dWithIndices(
  input: Tensor,
  kernelSize: number | readonly [number, number],
  options: PoolOptions = {},
  ...extra: never[]
): ValuesAndIndices {
  if (extra.length > 0) refuseExtraArguments('maxPool2dWithIndices', ['input', 'kernelSize', 'options'], extra);
  checkOptions('maxPool2dWithIndices', options, poolKeys);
  return maxPool2d(input, kernelSize, { ...options, returnIndices: true });
}

/**
 * Max pooling over [N, C, D, H, W] with the flat z·H·W + y·W + x positions of the maxima
 * (torch.nn.functional.max_pool3d_with_indices).
 * @example
 * const { values, indices } = F.maxPool3dWithIndices(randn([1, 2, 4, 4, 4]), 2);
 */
export function maxPool3dWithIndices(
  input: Tensor,
  kernelSize: number | readonly [number, number, number],
  options: Omit<MaxPool3dOptions, 'returnIndices'> = {},
  ...extra: never[]
): ValuesAndIndices {
  if (extra.length > 0) refuseExtraArguments('maxPool3dWithIndices', ['input', 'kernelSize', 'options'], extra);
  checkOptions('maxPool3dWithIndices', options, poolKeys);
  return maxPool3d(input, kernelSize, { ...options, returnIndices: true });
}

/** Throws unless `input` has `dims + 1` or `dims + 2` dims and non-empty pooled dims (torch's adaptive pooling checks). */
function checkAdaptiveInput(operation: string, input: Tensor, dims: number): void {
  if (input.ndim !== dims + 1 && input.ndim !== dims + 2)
    throw new Error(`${operation}: expected a ${dims + 1}-D or ${dims + 2}-D input, got [${input.shape.join(', ')}]`);
  if (input.shape.slice(-dims).some((extent) => extent === 0))
    throw new Error(`${operation}: the pooled dims of [${input.shape.join(', ')}] must not be empty`);
}

/** `outputSize` as `count` sizes (an integer ≥ 1, or null to keep that dim), or an error naming the operation. */
function adaptiveSizes(operation: string, outputSize: unknown, count: number, allowNull: boolean): (number | null)[] {
  const sizes =
    typeof outputSize === 'number'
      ? Array<number>(count).fill(outputSize)
      : Array.isArray(outputSize)
        ? [...(outputSize as unknown[])]
        : null;
  const valid = (size: unknown) => (allowNull && size === null) || (Number.isInteger(size) && (size as number) >= 1);
  if (!sizes || sizes.length !== count || !sizes.every(valid)) {
    const kept = allowNull ? ' (null keeps a dim)' : '';
    throw new Error(
      `${operation}: outputSize must be an integer ≥ 1${count > 1 ? ` or ${count} of them${kept}` : ''}, got ${describeValue(outputSize)}`,
    );
  }
  return sizes as (number | null)[];
}

/**
 * Adaptive max pooling along L with the positions of the maxima (torch.nn.functional.adaptive_max_pool1d_with_indices):
 * [N, C, L] or [C, L] → [·, outputSize], window i spanning ⌊i·L/n⌋ … ⌈(i + 1)·L/n⌉ − 1.
 * @example
 * const { values, indices } = F.adaptiveMaxPool1dWithIndices(randn([2, 3, 10]), 4);
 */
export function adaptiveMaxPool1dWithIndices(input: Tensor, outputSize: number, ...extra: never[]): ValuesAndIndices {
  if (extra.length > 0) refuseExtraArguments('adaptiveMaxPool1dWithIndices', ['input', 'outputSize'], extra);
  const operation = 'adaptiveMaxPool1dWithIndices';
  checkAdaptiveInput(operation, input, 1);
  const [length] = adaptiveSizes(operation, outputSize, 1, false);
  return composite(() => {
    const { values, indices } = adaptiveMaxPool3d(input.unsqueeze(-2).unsqueeze(-2), [1, 1, length!], { returnIndices: true });
    return valuesAndIndices(values.squeeze(-2).squeeze(-2), indices.squeeze(-2).squeeze(-2));
  });
}

/**
 * Adaptive max pooling to [H', W'] with the flat h·W + w positions of the maxima
 * (torch.nn.functional.adaptive_max_pool2d_with_indices); a null size keeps that dim.
 * @example
 * const { values, indices } = F.adaptiveMaxPool2dWithIndices(randn([2, 3, 7, 9]), [3, null]);
 */
export function adaptiveMaxPool2dWithIndices(
  input: Tensor,
  outputSize: number | readonly [number | null, number | null],
  ...extra: never[]
): ValuesAndIndices {
  if (extra.length > 0) refuseExtraArguments('adaptiveMaxPool2dWithIndices', ['input', 'outputSize'], extra);
  const operation = 'adaptiveMaxPool2dWithIndices';
  checkAdaptiveInput(operation, input, 2);
  const [height, width] = adaptiveSizes(operation, outputSize, 2, true);
  return composite(() => {
    const { values, indices } = adaptiveMaxPool3d(input.unsqueeze(-3), [1, height!, width!], { returnIndices: true });
    return valuesAndIndices(values.squeeze(-3), indices.squeeze(-3));
  });
}

/**
 * Adaptive max pooling to [D', H', W'] with the flat z·H·W + y·W + x positions of the maxima
 * (torch.nn.functional.adaptive_max_pool3d_with_indices); a null size keeps that dim.
 * @example
 * const { values, indices } = F.adaptiveMaxPool3dWithIndices(randn([1, 2, 5, 6, 7]), [2, 3, 3]);
 */
export function adaptiveMaxPool3dWithIndices(input: Tensor, outputSize: AdaptiveSize3d, ...extra: never[]): ValuesAndIndices {
  if (extra.length > 0) refuseExtraArguments('adaptiveMaxPool3dWithIndices', ['input', 'outputSize'], extra);
  checkAdaptiveInput('adaptiveMaxPool3dWithIndices', input, 3);
  return adaptiveMaxPool3d(input, outputSize, { returnIndices: true });
}
