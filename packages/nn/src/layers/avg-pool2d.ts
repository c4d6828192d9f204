import { avgPool2d, readArguments, type Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { checkedPair, formatPair, type Pair } from './shared.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

export interface AvgPool2dOptions {
  /** Default: kernelSize. */
  stride?: Pair | null;
  /** Zero padding per side. Default 0. */
  padding?: Pair;
  /** Round the output size up. Default false. */
  ceilMode?: boolean;
  /** Count the zero padding in the divisor; default true. */
  countIncludePad?: boolean;
  /** Divide by this instead of the window size. Default: none (the window size). */
  divisorOverride?: number;
}

/**
 * Average pooling: input [N, C, H, W] → [N, C, H', W'], H' = ⌊(H + 2p − k)/s⌋ + 1. No parameters.
 * @example
 * new AvgPool2d(2, { stride: 2 }).call(zeros([1, 6, 28, 28])).shape; // [1, 6, 14, 14]
 */
export class AvgPool2d extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;
  readonly divisorOverride: number | undefined;

  constructor(kernelSize: Pair, options?: AvgPool2dOptions);
  /** PyTorch's order: `AvgPool2d(kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)`. */
  constructor(
    kernelSize: Pair,
    stride: Pair | null,
    padding?: Pair,
    ceilMode?: boolean,
    countIncludePad?: boolean,
    divisorOverride?: number,
  );
  constructor(kernelSize: Pair, ...rest: unknown[]) {
    super();
    const positionals = ['stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride'];
    const options = readArguments<AvgPool2dOptions>('AvgPool2d', rest, positionals, positionals);
    this.kernelSize = checkedPair('AvgPool2d', 'kernelSize', kernelSize, 1);
    this.stride = checkedPair('AvgPool2d', 'stride', options.stride ?? kernelSize, 1);
    this.padding = checkedPair('AvgPool2d', 'padding', options.padding ?? 0, 0);
    this.ceilMode = options.ceilMode ?? false;
    this.countIncludePad = options.countIncludePad ?? true;
    this.divisorOverride = options.divisorOverride;
  }

  forward(input: Tensor): Tensor {
    return avgPool2d(input, this.kernelSize, {
      stride: this.stride,
      padding: this.padding,
      ceilMode: this.ceilMode,
      countIncludePad: this.countIncludePad,
      divisorOverride: this.divisorOverride,
    });
  }

  override extraRepr(): string {
    return `kernelSize=${formatPair(this.kernelSize)}, stride=${formatPair(this.stride)}, padding=${formatPair(this.padding)}`;
  }
}
