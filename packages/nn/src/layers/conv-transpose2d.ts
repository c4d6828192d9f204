import { convTranspose2d, type Tensor } from '@dl/tensor';
import { ConvolutionBase, type ConvolutionLayout, type ConvolutionOptions } from './convolution-base.js';
import { checkedPair, type FactoryOptions, type Pair } from './shared.js';
import { transposedOutputPadding } from './transposed-output-size.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

export interface ConvTranspose2dOptions extends ConvolutionOptions {
  /** Step of the window, one number or [height, width]. Default 1. */
  stride?: Pair;
  /** Padding removed from each side of the output. Default 0. */
  padding?: Pair;
  /** Extra size added to one side of the output (smaller than stride or dilation). Default 0. */
  outputPadding?: Pair;
  /** Spacing between kernel cells. Default 1. */
  dilation?: Pair;
}

const layout: ConvolutionLayout<[number, number]> = {
  name: 'ConvTranspose2d',
  readSize: (owner, option, value, minimum) => checkedPair(owner, option, value as Pair, minimum),
  transposed: true,
};

/**
 * Transposed 2-D convolution (the gradient of Conv2d; upsampling): input [N, Cin, H, W] → output
 * [N, Cout, H', W'] with H' = (H − 1)·s − 2p + d(k − 1) + outputPadding + 1.
 * weight [Cin, Cout/groups, kh, kw] ~ kaiming_uniform(a = √5) and bias [Cout] ~ U(±1/√fanIn), where
 * PyTorch's fanIn is computed from the weight's dim 1: Cout/groups·kh·kw.
 * @example
 * new ConvTranspose2d(16, 8, 4, { stride: 2, padding: 1 }).call(zeros([1, 16, 7, 7])).shape; // [1, 8, 14, 14]
 */
export class ConvTranspose2d extends ConvolutionBase<[number, number]> {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  declare readonly outputPadding: [number, number];

  constructor(inChannels: number, outChannels: number, kernelSize: Pair, options?: ConvTranspose2dOptions);
  /** PyTorch's order: `ConvTranspose2d(in, out, kernel_size, stride, padding, output_padding, groups, bias, dilation)`. */
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: Pair,
    stride: Pair,
    padding?: Pair,
    outputPadding?: Pair,
    groups?: number,
    bias?: boolean,
    dilation?: Pair,
    options?: FactoryOptions,
  );
  constructor(inChannels: number, outChannels: number, kernelSize: Pair, ...rest: unknown[]) {
    super(layout, inChannels, outChannels, kernelSize, rest);
  }

  /**
   * `outputSize` ([H', W'], or the whole output shape) picks one of the sizes a stride above 1 can give,
   * as torch's `forward(input, output_size)`: it sets the output padding in place of `outputPadding`.
   */
  forward(input: Tensor, outputSize?: readonly number[] | null): Tensor {
    const outputPadding =
      outputSize == null
        ? this.outputPadding
        : (transposedOutputPadding(this.constructor.name, input, outputSize, this) as [number, number]);
    return convTranspose2d(input, this.weight, this.bias, {
      stride: this.stride,
      padding: this.padding,
      outputPadding,
      dilation: this.dilation,
      groups: this.groups,
    });
  }
}
