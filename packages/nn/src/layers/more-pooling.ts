import { checkInteger, readArguments, type Tensor, type ValuesAndIndices } from '@dl/tensor';
import {
  adaptiveMaxPool3d,
  lpPool1d,
  lpPool2d,
  maxUnpool1d,
  maxUnpool2d,
  maxUnpool3d,
  type LpPoolOptions,
  type MaxUnpoolOptions,
} from '../functional/more-pooling.js';
import { checkedAdaptiveSize, type AdaptiveSize3d } from '../functional/pooling3d.js';
import { Module } from '../module/module.js';
import { readAdaptiveReturnIndices } from './max-pool-return-indices.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

type Pair = number | readonly [number, number];
type Triple = number | readonly [number, number, number];

/** A size as torch prints it: `3`, `(2, 3)`, `(2,)`, or `None`. */
function formatSize(size: number | readonly number[] | null | undefined): string {
  if (size == null) return 'None';
  if (typeof size === 'number') return String(size);
  return size.length === 1 ? `(${size[0]},)` : `(${size.join(', ')})`;
}

/**
 * Power-average pooling along L (torch.nn.LPPool1d): (Σ x^p over each window)^(1/p), computed as torch
 * does (see F.lpPool1d). p = ∞ is not supported (torch's formula gives no max pooling either). No parameters.
 * @example
 * new LPPool1d(2, 3, 2).call(randn([4, 16, 50])).shape; // [4, 16, 24]
 */
export class LPPool1d extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly normType: number;
  readonly kernelSize: number;
  readonly stride: number | null;
  readonly ceilMode: boolean;

  constructor(normType: number, kernelSize: number, options?: LpPoolOptions<number>);
  /** PyTorch's order: `LPPool1d(norm_type, kernel_size, stride, ceil_mode)`. */
  constructor(normType: number, kernelSize: number, stride: number | null, ceilMode?: boolean);
  constructor(normType: number, kernelSize: number, ...rest: unknown[]) {
    super();
    const options = readArguments<LpPoolOptions<number>>('LPPool1d', rest, ['stride', 'ceilMode'], ['stride', 'ceilMode']);
    if (typeof normType !== 'number' || normType === 0 || !Number.isFinite(normType))
      throw new Error(`LPPool1d: normType must be a finite nonzero number, got ${String(normType)}`);
    checkInteger('LPPool1d', 'kernelSize', kernelSize, 1);
    if (options.stride != null) checkInteger('LPPool1d', 'stride', options.stride, 1);
    this.normType = normType;
    this.kernelSize = kernelSize;
    this.stride = options.stride ?? null;
    this.ceilMode = options.ceilMode ?? false;
  }

  forward(input: Tensor): Tensor {
    return lpPool1d(input, this.normType, this.kernelSize, { stride: this.stride, ceilMode: this.ceilMode });
  }

  override extraRepr(): string {
    return `normType=${this.normType}, kernelSize=${formatSize(this.kernelSize)}, stride=${formatSize(this.stride)}, ceilMode=${this.ceilMode}`;
  }
}

/** Throws unless `value` is an integer ≥ 1 or a pair of them. */
function checkPair(owner: string, name: string, value: unknown): void {
  const entries = typeof value === 'number' ? [value] : Array.isArray(value) && value.length === 2 ? value : null;
  if (!entries?.every((entry) => Number.isInteger(entry) && entry >= 1))
    throw new Error(`${owner}: ${name} must be an integer ≥ 1 or a pair of them, got ${JSON.stringify(value)}`);
}

/**
 * Power-average pooling over [N, C, H, W] (torch.nn.LPPool2d): (Σ x^p over each window)^(1/p), computed
 * as torch does (see F.lpPool2d). No parameters.
 * @example
 * new LPPool2d(2, 3, 2).call(randn([1, 8, 9, 9])).shape; // [1, 8, 4, 4]
 */
export class LPPool2d extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly normType: number;
  readonly kernelSize: Pair;
  readonly stride: Pair | null;
  readonly ceilMode: boolean;

  constructor(normType: number, kernelSize: Pair, options?: LpPoolOptions<Pair>);
  /** PyTorch's order: `LPPool2d(norm_type, kernel_size, stride, ceil_mode)`. */
  constructor(normType: number, kernelSize: Pair, stride: Pair | null, ceilMode?: boolean);
  constructor(normType: number, kernelSize: Pair, ...rest: unknown[]) {
    super();
    const options = readArguments<LpPoolOptions<Pair>>('LPPool2d', rest, ['stride', 'ceilMode'], ['stride', 'ceilMode']);
    if (typeof normType !== 'number' || normType === 0 || !Number.isFinite(normType))
      throw new Error(`LPPool2d: normType must be a finite nonzero number, got ${String(normType)}`);
    checkPair('LPPool2d', 'kernelSize', kernelSize);
    if (options.stride != null) checkPair('LPPool2d', 'stride', options.stride);
    this.normType = normType;
    this.kernelSize = kernelSize;
    this.stride = options.stride ?? null;
    this.ceilMode = options.ceilMode ?? false;
  }

  forward(input: Tensor): Tensor {
    return lpPool2d(input, this.normType, this.kernelSize, { stride: this.stride, ceilMode: this.ceilMode });
  }

  override extraRepr(): string {
    return `normType=${this.normType}, kernelSize=${formatSize(this.kernelSize)}, stride=${formatSize(this.stride)}, ceilMode=${this.ceilMode}`;
  }
}

/** What the three MaxUnpool layers share: the pooling's kernel, stride and padding, and torch's repr. */
abstract class MaxUnpoolBase<Size extends number | readonly number[]> extends Module {
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly padding: number[];

  constructor(owner: string, dims: number, kernelSize: Size, rest: unknown[]) {
    super();
    const names = ['stride', 'padding'];
    const options = readArguments<Omit<MaxUnpoolOptions<Size>, 'outputSize'>>(owner, rest, names, names);
    const check = (name: string, value: unknown, minimum: number): number[] => {
      const sizes = typeof value === 'number' ? Array<number>(dims).fill(value) : Array.isArray(value) ? [...(value as unknown[])] : null;
      if (!sizes || sizes.length !== dims || !sizes.every((entry) => Number.isInteger(entry) && (entry as number) >= minimum))
        throw new Error(`${owner}: ${name} must be an integer ≥ ${minimum} or ${dims} of them, got ${JSON.stringify(value)}`);
      return sizes as number[];
    };
    this.kernelSize = check('kernelSize', kernelSize, 1);
    this.stride = check('stride', options.stride ?? kernelSize, 1);
    this.padding = check('padding', options.padding ?? 0, 0);
  }

  override extraRepr(): string {
    return `kernelSize=${formatSize(this.kernelSize)}, stride=${formatSize(this.stride)}, padding=${formatSize(this.padding)}`;
  }
}

/**
 * Partial inverse of MaxPool1d (torch.nn.MaxUnpool1d): `call(values, indices, outputSize?)` puts the
 * pooled values at their positions (MaxPool1d's `forwardWithIndices`) in zeros of length
 * (L' − 1)·s + k − 2p, or `outputSize`. No parameters.
 * @example
 * const pool = new MaxPool1d(2);
 * const { values, indices } = pool.forwardWithIndices(x);
 * new MaxUnpool1d(2).call(values, indices).shape; // x's shape (for even L)
 */
export class MaxUnpool1d extends MaxUnpoolBase<number> {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(kernelSize: number, options?: Omit<MaxUnpoolOptions<number>, 'outputSize'>);
  /** PyTorch's order: `MaxUnpool1d(kernel_size, stride, padding)`. */
  constructor(kernelSize: number, stride: number | null, padding?: number);
  constructor(kernelSize: number, ...rest: unknown[]) {
    super('MaxUnpool1d', 1, kernelSize, rest);
  }

  forward(input: Tensor, indices: Tensor, outputSize?: readonly number[] | null): Tensor {
    return maxUnpool1d(input, indices, this.kernelSize[0]!, { stride: this.stride[0]!, padding: this.padding[0]!, outputSize });
  }
}

/**
 * Partial inverse of MaxPool2d (torch.nn.MaxUnpool2d): `call(values, indices, outputSize?)` puts the
 * pooled values at their flat h·W + w positions (MaxPool2d's `forwardWithIndices`) in zeros. No parameters.
 * @example
 * const { values, indices } = new MaxPool2d(2).forwardWithIndices(x);
 * new MaxUnpool2d(2).call(values, indices, x.shape).shape; // x's shape
 */
export class MaxUnpool2d extends MaxUnpoolBase<Pair> {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(kernelSize: Pair, options?: Omit<MaxUnpoolOptions<Pair>, 'outputSize'>);
  /** PyTorch's order: `MaxUnpool2d(kernel_size, stride, padding)`. */
  constructor(kernelSize: Pair, stride: Pair | null, padding?: Pair);
  constructor(kernelSize: Pair, ...rest: unknown[]) {
    super('MaxUnpool2d', 2, kernelSize, rest);
  }

  forward(input: Tensor, indices: Tensor, outputSize?: readonly number[] | null): Tensor {
    const [kernel, stride, padding] = [this.kernelSize, this.stride, this.padding].map((sizes) => sizes as unknown as [number, number]);
    return maxUnpool2d(input, indices, kernel!, { stride, padding, outputSize });
  }
}

/**
 * Partial inverse of MaxPool3d (torch.nn.MaxUnpool3d): `call(values, indices, outputSize?)` puts the
 * pooled values at their flat z·H·W + y·W + x positions (MaxPool3d's `forwardWithIndices`) in zeros.
 * No parameters.
 * @example
 * const { values, indices } = new MaxPool3d(2).forwardWithIndices(x);
 * new MaxUnpool3d(2).call(values, indices).shape; // x's shape (for even sizes)
 */
export class MaxUnpool3d extends MaxUnpoolBase<Triple> {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(kernelSize: Triple, options?: Omit<MaxUnpoolOptions<Triple>, 'outputSize'>);
  /** PyTorch's order: `MaxUnpool3d(kernel_size, stride, padding)`. */
  constructor(kernelSize: Triple, stride: Triple | null, padding?: Triple);
  constructor(kernelSize: Triple, ...rest: unknown[]) {
    super('MaxUnpool3d', 3, kernelSize, rest);
  }

  forward(input: Tensor, indices: Tensor, outputSize?: readonly number[] | null): Tensor {
    const [kernel, stride, padding] = [this.kernelSize, this.stride, this.padding].map(
      (sizes) => sizes as unknown as [number, number, number],
    );
    return maxUnpool3d(input, indices, kernel!, { stride, padding, outputSize });
  }
}

/**
 * Max pooling of volumes to a fixed size (torch.nn.AdaptiveMaxPool3d): [N, C, D, H, W] → [N, C, D', H', W']
 * whatever D, H, W; `null` keeps that input dim. `forwardWithIndices` also returns the flat positions of
 * the maxima (torch's `return_indices=True`, for MaxUnpool3d). No parameters.
 * @example
 * new AdaptiveMaxPool3d([1, 2, 2]).call(randn([2, 8, 5, 7, 7])).shape; // [2, 8, 1, 2, 2]
 */
export class AdaptiveMaxPool3d extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly outputSize: readonly [number | null, number | null, number | null];

  constructor(outputSize: AdaptiveSize3d, ...rest: [returnIndices?: false] | [options?: { returnIndices?: false }]) {
    super();
    readAdaptiveReturnIndices('AdaptiveMaxPool3d', rest);
    this.outputSize = checkedAdaptiveSize('AdaptiveMaxPool3d', outputSize);
  }

  forward(input: Tensor): Tensor {
    return adaptiveMaxPool3d(input, this.outputSize);
  }

  /** The maxima and their flat z·H·W + y·W + x positions in each input volume. */
  forwardWithIndices(input: Tensor): ValuesAndIndices {
    return adaptiveMaxPool3d(input, this.outputSize, { returnIndices: true });
  }

  override extraRepr(): string {
    return `outputSize=(${this.outputSize.map((size) => size ?? 'None').join(', ')})`;
  }
}
