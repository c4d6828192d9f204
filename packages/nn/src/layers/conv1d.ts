import { checkInteger, conv1d, type Tensor } from '@dl/tensor';
import { ConvolutionBase, type ConvolutionLayout, type ConvolutionOptions, type ConvolutionPaddingMode } from './convolution-base.js';
import type { FactoryOptions } from './shared.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

export interface Conv1dOptions extends ConvolutionOptions {
  /** Step of the window. Default 1. */
  stride?: number;
  /** Zero padding per side, or 'valid' (none) / 'same'. Default 0. */
  padding?: number | 'valid' | 'same';
  /** Spacing between kernel cells. Default 1. */
  dilation?: number;
}

const layout: ConvolutionLayout<number> = { name: 'Conv1d', readSize: checkInteger, transposed: false };

/**
 * 1-D convolution: input [N, Cin, L] → output [N, Cout, L'] with L' = ⌊(L + 2p − d(k − 1) − 1)/s⌋ + 1.
 * weight [Cout, Cin/groups, k] ~ kaiming_uniform(a = √5) = U(±1/√fanIn), fanIn = Cin/groups·k;
 * bias [Cout] ~ U(±1/√fanIn).
 * @example
 * new Conv1d(16, 32, 3, { padding: 1 }).call(zeros([8, 16, 100])).shape; // [8, 32, 100]
 */
export class Conv1d extends ConvolutionBase<number, number | 'valid' | 'same'> {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(inChannels: number, outChannels: number, kernelSize: number, options?: Conv1dOptions);
  /** PyTorch's order: `Conv1d(in, out, kernel_size, stride, padding, dilation, groups, bias)`. */
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: number,
    stride: number,
    padding?: number | 'valid' | 'same',
    dilation?: number,
    groups?: number,
    bias?: boolean,
    options?: FactoryOptions,
  );
  /** PyTorch's order with `padding_mode` after bias. */
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: number,
    stride: number,
    padding: number | 'valid' | 'same',
    dilation: number,
    groups: number,
    bias: boolean,
    paddingMode: ConvolutionPaddingMode,
    options?: FactoryOptions,
  );
  constructor(inChannels: number, outChannels: number, kernelSize: number, ...rest: unknown[]) {
    super(layout, inChannels, outChannels, kernelSize, rest);
  }

  forward(input: Tensor): Tensor {
    const [padded, padding] = this.paddedInput(input);
    return conv1d(padded, this.weight, this.bias, {
      stride: this.stride,
      padding,
      dilation: this.dilation,
      groups: this.groups,
    });
  }
}
