import { checkInteger, readArguments, refuseExtraArguments, type Tensor, type ValuesAndIndices } from '@dl/tensor';
import { adaptiveAvgPool1d, avgPool1d, maxPool1d, type AvgPool1dOptions, type MaxPool1dOptions } from '../functional/pooling1d.js';
import { Module } from '../module/module.js';
import { refuseReturnIndices } from './max-pool-return-indices.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * Max pooling along L (torch.nn.MaxPool1d): [N, C, L] → [N, C, L']. No parameters.
 * @example
 * new MaxPool1d(2).call(zeros([4, 16, 50])).shape; // [4, 16, 25]
 */
export class MaxPool1d extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly kernelSize: number;
  readonly options: Omit<MaxPool1dOptions, 'returnIndices'>;

  constructor(kernelSize: number, options?: Omit<MaxPool1dOptions, 'returnIndices'>);
  /** PyTorch's order: `MaxPool1d(kernel_size, stride, padding, dilation)` (then `return_indices`, which must be false, and `ceil_mode`). */
  constructor(kernelSize: number, stride: number | null, padding?: number, dilation?: number, options?: { ceilMode?: boolean });
  /** PyTorch's full order: `return_indices` (false: the layer's indices come from forwardWithIndices) then `ceil_mode`. */
  constructor(kernelSize: number, stride: number | null, padding: number, dilation: number, returnIndices: false, ceilMode?: boolean);
  constructor(kernelSize: number, ...rest: unknown[]) {
    super();
    this.kernelSize = checkInteger('MaxPool1d', 'kernelSize', kernelSize, 1);
    // torch's order, return_indices before ceil_mode; the layer hands indices out through forwardWithIndices
    const positionals = ['stride', 'padding', 'dilation', 'returnIndices', 'ceilMode'];
    const { returnIndices, ...options } = readArguments<MaxPool1dOptions>('MaxPool1d', rest, positionals, positionals);
    refuseReturnIndices('MaxPool1d', returnIndices);
    this.options = options;
  }

  forward(input: Tensor): Tensor {
    return maxPool1d(input, this.kernelSize, this.options);
  }

  /** The maxima and their positions along L (for MaxUnpool). */
  forwardWithIndices(input: Tensor): ValuesAndIndices {
    return maxPool1d(input, this.kernelSize, { ...this.options, returnIndices: true });
  }

  override extraRepr(): string {
    const { stride, padding = 0, dilation = 1, ceilMode = false } = this.options;
    return `kernelSize=${this.kernelSize}, stride=${stride ?? this.kernelSize}, padding=${padding}, dilation=${dilation}, ceilMode=${ceilMode}`;
  }
}

/** Average pooling along L (torch.nn.AvgPool1d): [N, C, L] → [N, C, L']. No parameters. */
export class AvgPool1d extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly kernelSize: number;
  readonly options: AvgPool1dOptions;

  constructor(kernelSize: number, options?: AvgPool1dOptions);
  /** PyTorch's order: `AvgPool1d(kernel_size, stride, padding, ceil_mode, count_include_pad)`. */
  constructor(kernelSize: number, stride: number | null, padding?: number, ceilMode?: boolean, countIncludePad?: boolean);
  constructor(kernelSize: number, ...rest: unknown[]) {
    super();
    this.kernelSize = checkInteger('AvgPool1d', 'kernelSize', kernelSize, 1);
    const names = ['stride', 'padding', 'ceilMode', 'countIncludePad'];
    this.options = readArguments<AvgPool1dOptions>('AvgPool1d', rest, names, names);
  }

  forward(input: Tensor): Tensor {
    return avgPool1d(input, this.kernelSize, this.options);
  }

  override extraRepr(): string {
    const { stride, padding = 0 } = this.options;
    return `kernelSize=${this.kernelSize}, stride=${stride ?? this.kernelSize}, padding=${padding}`;
  }
}

/** Average pooling to a fixed length (torch.nn.AdaptiveAvgPool1d): [N, C, L] → [N, C, outputSize]. */
export class AdaptiveAvgPool1d extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(
    readonly outputSize: number,
    ...extra: never[]
  ) {
    super();
    if (extra.length > 0) refuseExtraArguments('AdaptiveAvgPool1d', ['outputSize'], extra);
    checkInteger('AdaptiveAvgPool1d', 'outputSize', outputSize, 1);
  }

  forward(input: Tensor): Tensor {
    return adaptiveAvgPool1d(input, this.outputSize);
  }

  override extraRepr(): string {
    return `outputSize=${this.outputSize}`;
  }
}
