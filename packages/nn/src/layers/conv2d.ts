import { conv2d, type Tensor } from '@dl/tensor';
import { ConvolutionBase, type ConvolutionLayout, type ConvolutionOptions, type ConvolutionPaddingMode } from './convolution-base.js';
import { checkedPair, type FactoryOptions, type Pair } from './shared.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

export interface Conv2dOptions extends ConvolutionOptions {
  /** Step of the window, one number or [height, width]. Default 1. */
  stride?: Pair;
  /** Zero padding per side, or 'valid' (none) / 'same' (output size = input size, stride 1). Default 0. */
  padding?: Pair | 'valid' | 'same';
  /** Spacing between kernel cells. Default 1. */
  dilation?: Pair;
}

const layout: ConvolutionLayout<[number, number]> = {
  name: 'Conv2d',
  readSize: (owner, option, value, minimum) => checkedPair(owner, option, value as Pair, minimum),
  transposed: false,
};

/**
 * 2-D convolution (cross-correlation): input [N, Cin, H, W] → output [N, Cout, H', W'] with
 * H' = ⌊(H + 2p − d(k − 1) − 1)/s⌋ + 1. weight [Cout, Cin/groups, kh, kw] ~ kaiming_uniform(a = √5),
 * i.e. U(−1/√fanIn, 1/√fanIn) with fanIn = Cin/groups·kh·kw; bias [Cout] ~ the same bound.
 * @example
 * const conv = new Conv2d(1, 6, 5, { padding: 2 });
 * conv.call(zeros([1, 1, 28, 28])).shape; // [1, 6, 28, 28]
 * new Conv2d(1, 8, 3, 2, 1); // PyTorch's order: stride 2, padding 1
 */
export class Conv2d extends ConvolutionBase<[number, number], [number, number] | 'valid' | 'same'> {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(inChannels: number, outChannels: number, kernelSize: Pair, options?: Conv2dOptions);
  /** PyTorch's order: `Conv2d(in, out, kernel_size, stride, padding, dilation, groups, bias)`. */
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: Pair,
    stride: Pair,
    padding?: Pair | 'valid' | 'same',
    dilation?: Pair,
    groups?: number,
    bias?: boolean,
    options?: FactoryOptions,
  );
  /** PyTorch's order with `padding_mode` after bias. */
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: Pair,
    stride: Pair,
    padding: Pair | 'valid' | 'same',
    dilation: Pair,
    groups: number,
    bias: boolean,
    paddingMode: ConvolutionPaddingMode,
    options?: FactoryOptions,
  );
  constructor(inChannels: number, outChannels: number, kernelSize: Pair, ...rest: unknown[]) {
    super(layout, inChannels, outChannels, kernelSize, rest);
  }

  forward(input: Tensor): Tensor {
    const [padded, padding] = this.paddedInput(input);
    return conv2d(padded, this.weight, this.bias, {
      stride: this.stride,
      padding,
      dilation: this.dilation,
      groups: this.groups,
    });
  }
}
