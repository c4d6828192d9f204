import type { Tensor } from '@dl/tensor';
import { conv3d } from '../functional/convolution3d.js';
import { checkedTriple, type Triple } from '../functional/volumetric-geometry.js';
import { ConvolutionBase, type ConvolutionLayout, type ConvolutionOptions, type ConvolutionPaddingMode } from './convolution-base.js';
import type { FactoryOptions } from './shared.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

export interface Conv3dOptions extends ConvolutionOptions {
  /** Step of the window, one number or [depth, height, width]. Default 1. */
  stride?: Triple;
  /** Zero padding per side, or 'valid' (none) / 'same' (output size = input size, stride 1). Default 0. */
  padding?: Triple | 'valid' | 'same';
  /** Spacing between kernel cells. Default 1. */
  dilation?: Triple;
}

type Sizes = [number, number, number];

const layout: ConvolutionLayout<Sizes> = { name: 'Conv3d', readSize: checkedTriple, transposed: false };

/**
 * 3-D convolution (volumes, video clips): input [N, Cin, D, H, W] → output [N, Cout, D', H', W'] with
 * D' = ⌊(D + 2p − d(k − 1) − 1)/s⌋ + 1 per dim. weight [Cout, Cin/groups, kd, kh, kw] ~
 * kaiming_uniform(a = √5), i.e. U(±1/√fanIn) with fanIn = Cin/groups·kd·kh·kw; bias [Cout] ~ the same
 * bound. State-dict names `weight` and `bias`, as torch.nn.Conv3d.
 * @example
 * const conv = new Conv3d(3, 8, 3, { padding: 1 });
 * conv.call(zeros([2, 3, 8, 16, 16])).shape; // [2, 8, 8, 16, 16]
 * new Conv3d(3, 8, [3, 5, 5], 2, [1, 2, 2]); // PyTorch's order: stride 2, padding (1, 2, 2)
 */
export class Conv3d extends ConvolutionBase<Sizes, Sizes | 'valid' | 'same'> {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(inChannels: number, outChannels: number, kernelSize: Triple, options?: Conv3dOptions);
  /** PyTorch's order: `Conv3d(in, out, kernel_size, stride, padding, dilation, groups, bias)`. */
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: Triple,
    stride: Triple,
    padding?: Triple | 'valid' | 'same',
    dilation?: Triple,
    groups?: number,
    bias?: boolean,
    options?: FactoryOptions,
  );
  /** PyTorch's order with `padding_mode` after bias. */
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: Triple,
    stride: Triple,
    padding: Triple | 'valid' | 'same',
    dilation: Triple,
    groups: number,
    bias: boolean,
    paddingMode: ConvolutionPaddingMode,
    options?: FactoryOptions,
  );
  constructor(inChannels: number, outChannels: number, kernelSize: Triple, ...rest: unknown[]) {
    super(layout, inChannels, outChannels, kernelSize, rest);
  }

  forward(input: Tensor): Tensor {
    const [padded, padding] = this.paddedInput(input);
    return conv3d(padded, this.weight, this.bias, {
      stride: this.stride,
      padding,
      dilation: this.dilation,
      groups: this.groups,
    });
  }
}
