import { maxPool2d, readArguments, type Tensor, type ValuesAndIndices } from '@dl/tensor';
import { Module } from '../module/module.js';
import { checkedPair, formatPair, type Pair } from './shared.js';
import { refuseReturnIndices } from './max-pool-return-indices.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

export interface MaxPool2dOptions {
  /** Default: kernelSize. */
  stride?: Pair | null;
  /** −∞ padding per side, at most half the kernel. Default 0. */
  padding?: Pair;
  /** Spacing between window cells. Default 1. */
  dilation?: Pair;
  /** Round the output size up (windows may start in the right padding). Default false. */
  ceilMode?: boolean;
}

/**
 * Max pooling: input [N, C, H, W] → [N, C, H', W'], H' = ⌊(H + 2p − d(k − 1) − 1)/s⌋ + 1. No parameters.
 * @example
 * new MaxPool2d(2).call(zeros([1, 6, 28, 28])).shape; // [1, 6, 14, 14]
 */
export class MaxPool2d extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly dilation: [number, number];
  readonly ceilMode: boolean;

  constructor(kernelSize: Pair, options?: MaxPool2dOptions);
  /** PyTorch's order: `MaxPool2d(kernel_size, stride, padding, dilation)` (then `return_indices`, which must be false, and `ceil_mode`). */
  constructor(kernelSize: Pair, stride: Pair | null, padding?: Pair, dilation?: Pair, options?: { ceilMode?: boolean });
  /** PyTorch's full order: `return_indices` (false: the layer's indices come from forwardWithIndices) then `ceil_mode`. */
  constructor(kernelSize: Pair, stride: Pair | null, padding: Pair, dilation: Pair, returnIndices: false, ceilMode?: boolean);
  constructor(kernelSize: Pair, ...rest: unknown[]) {
    super();
    // torch's order, return_indices before ceil_mode; the layer hands indices out through forwardWithIndices
    const positionals = ['stride', 'padding', 'dilation', 'returnIndices', 'ceilMode'];
    const options = readArguments<MaxPool2dOptions & { returnIndices?: boolean }>('MaxPool2d', rest, positionals, positionals);
    refuseReturnIndices('MaxPool2d', options.returnIndices);
    this.kernelSize = checkedPair('MaxPool2d', 'kernelSize', kernelSize, 1);
    this.stride = checkedPair('MaxPool2d', 'stride', options.stride ?? kernelSize, 1);
    this.padding = checkedPair('MaxPool2d', 'padding', options.padding ?? 0, 0);
    this.dilation = checkedPair('MaxPool2d', 'dilation', options.dilation ?? 1, 1);
    this.ceilMode = options.ceilMode ?? false;
  }

  forward(input: Tensor): Tensor {
    return maxPool2d(input, this.kernelSize, {
      stride: this.stride,
      padding: this.padding,
      dilation: this.dilation,
      ceilMode: this.ceilMode,
    });
  }

  /** The maxima and their flat h·W + w positions in each input plane (for MaxUnpool). */
  forwardWithIndices(input: Tensor): ValuesAndIndices {
    return maxPool2d(input, this.kernelSize, {
      stride: this.stride,
      padding: this.padding,
      dilation: this.dilation,
      ceilMode: this.ceilMode,
      returnIndices: true,
    });
  }

  override extraRepr(): string {
    return `kernelSize=${formatPair(this.kernelSize)}, stride=${formatPair(this.stride)}, padding=${formatPair(this.padding)}, dilation=${formatPair(this.dilation)}, ceilMode=${this.ceilMode}`;
  }
}
