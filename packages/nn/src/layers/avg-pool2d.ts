import { avgPool2d, type Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { formatPair, pairOf, type Pair } from './shared.js';

export interface AvgPool2dOptions {
  /** Default: kernelSize. */
  stride?: Pair | null;
  padding?: Pair;
  ceilMode?: boolean;
  /** Count the zero padding in the divisor; default true. */
  countIncludePad?: boolean;
  /** Divide by this instead of the window size. */
  divisorOverride?: number;
}

/**
 * Average pooling: input [N, C, H, W] → [N, C, H', W'], H' = ⌊(H + 2p − k)/s⌋ + 1. No parameters.
 * @example
 * new AvgPool2d(2, { stride: 2 }).call(zeros([1, 6, 28, 28])).shape; // [1, 6, 14, 14]
 */
export class AvgPool2d extends Module {
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;
  readonly divisorOverride: number | undefined;

  constructor(kernelSize: Pair, options: AvgPool2dOptions = {}) {
    super();
    this.kernelSize = pairOf(kernelSize);
    this.stride = pairOf(options.stride ?? kernelSize);
    this.padding = pairOf(options.padding ?? 0);
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
