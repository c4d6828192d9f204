import { describeValue, isTensor, readArguments, type Tensor, type ValuesAndIndices } from '@dl/tensor';
import {
  fractionalMaxPool2d,
  fractionalMaxPool3d,
  perDim,
  type FractionalMaxPool2dOptions,
  type FractionalMaxPool3dOptions,
  type FractionalMaxPoolOptions,
} from '../functional/fractional-max-pool.js';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/** The sizes of a pooling module: one number for every pooled dim, or one each. */
type Sizes = number | readonly number[];

/** What the two modules share: torch's construction checks, the `_random_samples` buffer and the empty repr. */
abstract class FractionalMaxPoolBase<Size extends Sizes> extends Module {
  readonly kernelSize: Size;
  readonly outputSize: Size | null;
  readonly outputRatio: Size | null;

  constructor(owner: string, dims: number, kernelSize: Size, rest: unknown[]) {
    super();
    const last = rest[rest.length - 1];
    if (last !== null && typeof last === 'object' && !Array.isArray(last) && !isTensor(last) && 'returnIndices' in last)
      throw new Error(`${owner}: returnIndices is not an option of the module; call forwardWithIndices(input) for [values, indices]`);
    const names = ['outputSize', 'outputRatio', 'randomSamples'];
    const options = readArguments<FractionalMaxPoolOptions<Size>>(owner, rest, names, names);
    const { outputSize = null, outputRatio = null, randomSamples = null } = options;
    if (outputSize === null && outputRatio === null)
      throw new Error(`${owner}: requires specifying either an outputSize or an outputRatio (a pooling ratio)`);
    if (outputSize !== null && outputRatio !== null) throw new Error(`${owner}: only one of outputSize and outputRatio may be specified`);
    perDim(owner, 'kernelSize', kernelSize, dims, (entry) => Number.isInteger(entry) && entry >= 1, 'an integer ≥ 1');
    if (outputSize !== null)
      perDim(owner, 'outputSize', outputSize, dims, (entry) => Number.isInteger(entry) && entry >= 0, 'an integer ≥ 0');
    if (outputRatio !== null) perDim(owner, 'outputRatio', outputRatio, dims, (ratio) => ratio > 0 && ratio < 1, 'between 0 and 1');
    if (randomSamples !== null && !isTensor(randomSamples))
      throw new Error(`${owner}: randomSamples must be a tensor, got ${describeValue(randomSamples)}`);
    this.kernelSize = kernelSize;
    this.outputSize = outputSize;
    this.outputRatio = outputRatio;
    // torch's register_buffer('_random_samples', ...): in the state dict only when given
    this.registerBuffer('_random_samples', randomSamples);
  }

  /** The fixed samples (torch's `_random_samples` buffer), or null to draw new ones on every call. */
  get randomSamples(): Tensor | null {
    return (this.getField('_random_samples') as Tensor | null | undefined) ?? null;
  }

  /** The options of the functional form. */
  protected poolingOptions(): Omit<FractionalMaxPoolOptions<Size>, 'returnIndices'> {
    return { outputSize: this.outputSize, outputRatio: this.outputRatio, randomSamples: this.randomSamples };
  }

  /** torch's FractionalMaxPool2d/3d define no extra_repr: they print as `FractionalMaxPool2d()`. */
  override extraRepr(): string {
    return '';
  }
}

/**
 * Fractional max pooling (torch.nn.FractionalMaxPool2d): [N, C, H, W] or [C, H, W] → [·, H', W'] with
 * H', W' = `outputSize`, or ⌊H · outputRatio⌋ (a ratio in (0, 1)); windows of kernelSize at
 * pseudo-random places drawn per plane on every call (see F.fractionalMaxPool2d), or at the places
 * fixed by `randomSamples` (torch's `_random_samples`, then a buffer of that name). `forwardWithIndices`
 * also returns the flat h·W + w positions (torch's `return_indices=True`). No parameters.
 * @example
 * new FractionalMaxPool2d(3, { outputRatio: 0.5 }).call(randn([2, 16, 50, 32])).shape; // [2, 16, 25, 16]
 */
export class FractionalMaxPool2d extends FractionalMaxPoolBase<number | readonly [number, number]> {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(kernelSize: number | readonly [number, number], options: Omit<FractionalMaxPool2dOptions, 'returnIndices'>);
  /** PyTorch's order: `FractionalMaxPool2d(kernel_size, output_size, output_ratio)` (then options: `randomSamples`). */
  constructor(
    kernelSize: number | readonly [number, number],
    outputSize: number | readonly [number, number] | null,
    outputRatio?: number | readonly [number, number] | null,
    options?: { randomSamples?: Tensor | null },
  );
  constructor(kernelSize: number | readonly [number, number], ...rest: unknown[]) {
    super('FractionalMaxPool2d', 2, kernelSize, rest);
  }

  forward(input: Tensor): Tensor {
    return fractionalMaxPool2d(input, this.kernelSize, this.poolingOptions());
  }

  /** The maxima and their flat h·W + w positions in each input plane. */
  forwardWithIndices(input: Tensor): ValuesAndIndices {
    return fractionalMaxPool2d(input, this.kernelSize, { ...this.poolingOptions(), returnIndices: true });
  }
}

/**
 * Fractional max pooling of volumes (torch.nn.FractionalMaxPool3d): [N, C, T, H, W] or [C, T, H, W] →
 * [·, T', H', W'], as FractionalMaxPool2d per dim (see F.fractionalMaxPool3d); `forwardWithIndices`
 * also returns the flat t·H·W + h·W + w positions. No parameters.
 * @example
 * new FractionalMaxPool3d(2, { outputSize: [4, 5, 6] }).call(randn([1, 2, 9, 9, 9])).shape; // [1, 2, 4, 5, 6]
 */
export class FractionalMaxPool3d extends FractionalMaxPoolBase<number | readonly [number, number, number]> {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(kernelSize: number | readonly [number, number, number], options: Omit<FractionalMaxPool3dOptions, 'returnIndices'>);
  /** PyTorch's order: `FractionalMaxPool3d(kernel_size, output_size, output_ratio)` (then options: `randomSamples`). */
  constructor(
    kernelSize: number | readonly [number, number, number],
    outputSize: number | readonly [number, number, number] | null,
    outputRatio?: number | readonly [number, number, number] | null,
    options?: { randomSamples?: Tensor | null },
  );
  constructor(kernelSize: number | readonly [number, number, number], ...rest: unknown[]) {
    super('FractionalMaxPool3d', 3, kernelSize, rest);
  }

  forward(input: Tensor): Tensor {
    return fractionalMaxPool3d(input, this.kernelSize, this.poolingOptions());
  }

  /** The maxima and their flat t·H·W + h·W + w positions in each input volume. */
  forwardWithIndices(input: Tensor): ValuesAndIndices {
    return fractionalMaxPool3d(input, this.kernelSize, { ...this.poolingOptions(), returnIndices: true });
  }
}
