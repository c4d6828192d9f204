import type { Tensor } from '@dl/tensor';
import { convTranspose3d } from '../functional/conv-transpose3d.js';
import { checkedTriple, type Triple } from '../functional/volumetric-geometry.js';
import { ConvolutionBase, type ConvolutionLayout, type ConvolutionOptions } from './convolution-base.js';
import type { FactoryOptions } from './shared.js';
import { transposedOutputPadding } from './transposed-output-size.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

export interface ConvTranspose3dOptions extends ConvolutionOptions {
  /** Step of the window, one number or [depth, height, width]. Default 1. */
  stride?: Triple;
  /** Size removed from each side of the output, per dim. Default 0. */
  padding?: Triple;
  /** Extra size added to one side of the output (smaller than stride or dilation). Default 0. */
  outputPadding?: Triple;
  /** Spacing between kernel cells. Default 1. */
  dilation?: Triple;
}

type Sizes = [number, number, number];

const layout: ConvolutionLayout<Sizes> = { name: 'ConvTranspose3d', readSize: checkedTriple, transposed: true };

/**
 * Transposed 3-D convolution (the gradient of Conv3d; upsampling volumes, as 3-D GAN generators use
 * it): input [N, Cin, D, H, W] → output [N, Cout, D', H', W'] with
 * D' = (D − 1)·s − 2p + d(k − 1) + outputPadding + 1 per dim. weight [Cin, Cout/groups, kd, kh, kw] ~
 * kaiming_uniform(a = √5) and bias [Cout] ~ U(±1/√fanIn), PyTorch's fanIn being Cout/groups·kd·kh·kw.
 * State-dict names `weight` and `bias`, as torch.nn.ConvTranspose3d.
 * @example
 * new ConvTranspose3d(16, 8, 4, { stride: 2, padding: 1 }).call(zeros([1, 16, 4, 7, 7])).shape; // [1, 8, 8, 14, 14]
 */
export class ConvTranspose3d extends ConvolutionBase<Sizes> {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  declare readonly outputPadding: Sizes;

  constructor(inChannels: number, outChannels: number, kernelSize: Triple, options?: ConvTranspose3dOptions);
  /** PyTorch's order: `ConvTranspose3d(in, out, kernel_size, stride, padding, output_padding, groups, bias, dilation)`. */
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: Triple,
    stride: Triple,
    padding?: Triple,
    outputPadding?: Triple,
    groups?: number,
    bias?: boolean,
    dilation?: Triple,
    options?: FactoryOptions,
  );
  constructor(inChannels: number, outChannels: number, kernelSize: Triple, ...rest: unknown[]) {
    super(layout, inChannels, outChannels, kernelSize, rest);
  }

  /**
   * `outputSize` ([D', H', W'], or the whole output shape) picks one of the sizes a stride above 1 can give,
   * as torch's `forward(input, output_size)`: it sets the output padding in place of `outputPadding`.
   */
  forward(input: Tensor, outputSize?: readonly number[] | null): Tensor {
    const outputPadding =
      outputSize == null ? this.outputPadding : (transposedOutputPadding(this.constructor.name, input, outputSize, this) as Sizes);
    return convTranspose3d(input, this.weight, this.bias, {
      stride: this.stride,
      padding: this.padding,
      outputPadding,
      dilation: this.dilation,
      groups: this.groups,
    });
  }
}
