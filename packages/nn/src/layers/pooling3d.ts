import { readArguments, refuseExtraArguments, type Tensor, type ValuesAndIndices } from '@dl/tensor';
import {
  adaptiveAvgPool3d,
  avgPool3d,
  checkedAdaptiveSize,
  maxPool3d,
  type AdaptiveSize3d,
  type AvgPool3dOptions,
  type MaxPool3dOptions,
} from '../functional/pooling3d.js';
import { checkedTriple, type Triple } from '../functional/volumetric-geometry.js';
import { Module } from '../module/module.js';
import { refuseReturnIndices } from './max-pool-return-indices.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

type Sizes = [number, number, number];

/** A triple as torch prints it: `(2, 2, 2)`. */
const tuple = (sizes: readonly number[]): string => `(${sizes.join(', ')})`;

/**
 * Max pooling of volumes (torch.nn.MaxPool3d): [N, C, D, H, W] → [N, C, D', H', W'],
 * D' = ⌊(D + 2p − d(k − 1) − 1)/s⌋ + 1 per dim (⌈⌉ with ceilMode). No parameters.
 * @example
 * new MaxPool3d(2).call(zeros([1, 8, 16, 32, 32])).shape; // [1, 8, 8, 16, 16]
 */
export class MaxPool3d extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly kernelSize: Sizes;
  readonly stride: Sizes;
  readonly padding: Sizes;
  readonly dilation: Sizes;
  readonly ceilMode: boolean;

  constructor(kernelSize: Triple, options?: Omit<MaxPool3dOptions, 'returnIndices'>);
  /** PyTorch's order: `MaxPool3d(kernel_size, stride, padding, dilation)` (then `return_indices`, which must be false, and `ceil_mode`). */
  constructor(kernelSize: Triple, stride: Triple | null, padding?: Triple, dilation?: Triple, options?: { ceilMode?: boolean });
  /** PyTorch's full order: `return_indices` (false: the layer's indices come from forwardWithIndices) then `ceil_mode`. */
  constructor(kernelSize: Triple, stride: Triple | null, padding: Triple, dilation: Triple, returnIndices: false, ceilMode?: boolean);
  constructor(kernelSize: Triple, ...rest: unknown[]) {
    super();
    // torch's order, return_indices before ceil_mode; the layer hands indices out through forwardWithIndices
    const positionals = ['stride', 'padding', 'dilation', 'returnIndices', 'ceilMode'];
    const options = readArguments<MaxPool3dOptions>('MaxPool3d', rest, positionals, positionals);
    refuseReturnIndices('MaxPool3d', options.returnIndices);
    this.kernelSize = checkedTriple('MaxPool3d', 'kernelSize', kernelSize, 1);
    this.stride = checkedTriple('MaxPool3d', 'stride', options.stride ?? kernelSize, 1);
    this.padding = checkedTriple('MaxPool3d', 'padding', options.padding ?? 0, 0);
    this.dilation = checkedTriple('MaxPool3d', 'dilation', options.dilation ?? 1, 1);
    this.ceilMode = options.ceilMode ?? false;
  }

  forward(input: Tensor): Tensor {
    return maxPool3d(input, this.kernelSize, {
      stride: this.stride,
      padding: this.padding,
      dilation: this.dilation,
      ceilMode: this.ceilMode,
    });
  }

  /** The maxima and their flat z·H·W + y·W + x positions in each input volume (for MaxUnpool). */
  forwardWithIndices(input: Tensor): ValuesAndIndices {
    const { stride, padding, dilation, ceilMode } = this;
    return maxPool3d(input, this.kernelSize, { stride, padding, dilation, ceilMode, returnIndices: true });
  }

  override extraRepr(): string {
    return `kernelSize=${tuple(this.kernelSize)}, stride=${tuple(this.stride)}, padding=${tuple(this.padding)}, dilation=${tuple(this.dilation)}, ceilMode=${this.ceilMode}`;
  }
}

/**
 * Average pooling of volumes (torch.nn.AvgPool3d): [N, C, D, H, W] → [N, C, D', H', W'],
 * D' = ⌊(D + 2p − k)/s⌋ + 1 per dim. No parameters.
 * @example
 * new AvgPool3d(3, { stride: 2, padding: 1 }).call(zeros([1, 8, 16, 32, 32])).shape; // [1, 8, 8, 16, 16]
 */
export class AvgPool3d extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly kernelSize: Sizes;
  readonly stride: Sizes;
  readonly padding: Sizes;
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;
  readonly divisorOverride: number | undefined;

  constructor(kernelSize: Triple, options?: AvgPool3dOptions);
  /** PyTorch's order: `AvgPool3d(kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)`. */
  constructor(
    kernelSize: Triple,
    stride: Triple | null,
    padding?: Triple,
    ceilMode?: boolean,
    countIncludePad?: boolean,
    divisorOverride?: number,
  );
  constructor(kernelSize: Triple, ...rest: unknown[]) {
    super();
    const positionals = ['stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride'];
    const options = readArguments<AvgPool3dOptions>('AvgPool3d', rest, positionals, positionals);
    this.kernelSize = checkedTriple('AvgPool3d', 'kernelSize', kernelSize, 1);
    this.stride = checkedTriple('AvgPool3d', 'stride', options.stride ?? kernelSize, 1);
    this.padding = checkedTriple('AvgPool3d', 'padding', options.padding ?? 0, 0);
    this.ceilMode = options.ceilMode ?? false;
    this.countIncludePad = options.countIncludePad ?? true;
    this.divisorOverride = options.divisorOverride;
  }

  forward(input: Tensor): Tensor {
    const { stride, padding, ceilMode, countIncludePad, divisorOverride } = this;
    return avgPool3d(input, this.kernelSize, { stride, padding, ceilMode, countIncludePad, divisorOverride });
  }

  override extraRepr(): string {
    return `kernelSize=${tuple(this.kernelSize)}, stride=${tuple(this.stride)}, padding=${tuple(this.padding)}`;
  }
}

/**
 * Adaptive average pooling of volumes to a fixed size (torch.nn.AdaptiveAvgPool3d):
 * [N, C, D, H, W] → [N, C, D', H', W'] whatever D, H, W; `null` keeps that input dim. No parameters.
 * @example
 * new AdaptiveAvgPool3d(1).call(zeros([2, 512, 4, 7, 7])).shape; // [2, 512, 1, 1, 1]
 */
export class AdaptiveAvgPool3d extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly outputSize: readonly [number | null, number | null, number | null];

  constructor(outputSize: AdaptiveSize3d, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('AdaptiveAvgPool3d', ['outputSize'], extra);
    this.outputSize = checkedAdaptiveSize('AdaptiveAvgPool3d', outputSize);
  }

  forward(input: Tensor): Tensor {
    return adaptiveAvgPool3d(input, this.outputSize);
  }

  override extraRepr(): string {
    return `outputSize=(${this.outputSize.map((size) => size ?? 'None').join(', ')})`;
  }
}
