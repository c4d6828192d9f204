import { checkInteger, convTranspose1d, type Tensor } from '@dl/tensor';
import { ConvolutionBase, type ConvolutionLayout, type ConvolutionOptions } from './convolution-base.js';
import type { FactoryOptions } from './shared.js';
import { transposedOutputPadding } from './transposed-output-size.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

export interface ConvTranspose1dOptions extends ConvolutionOptions {
  /** Step of the window. Default 1. */
  stride?: number;
  /** Padding removed from each end of the output. Default 0. */
  padding?: number;
  /** Extra length added to one end of the output (smaller than stride or dilation). Default 0. */
  outputPadding?: number;
  /** Spacing between kernel cells. Default 1. */
  dilation?: number;
}

const layout: ConvolutionLayout<number> = { name: 'ConvTranspose1d', readSize: checkInteger, transposed: true };

/**
 * Transposed 1-D convolution (torch.nn.ConvTranspose1d; upsampling sequences): [N, Cin, L] → [N, Cout, L'],
 * L' = (L − 1)·s − 2p + d(k − 1) + outputPadding + 1. weight [Cin, Cout/groups, k] ~ kaiming_uniform(a = √5),
 * bias [Cout] ~ U(±1/√fanIn), fanIn from the weight's dim 1 (Cout/groups·k), as torch.
 * @example
 * new ConvTranspose1d(16, 8, 4, { stride: 2, padding: 1 }).call(zeros([1, 16, 50])).shape; // [1, 8, 100]
 */
export class ConvTranspose1d extends ConvolutionBase<number> {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  declare readonly outputPadding: number;

  constructor(inChannels: number, outChannels: number, kernelSize: number, options?: ConvTranspose1dOptions);
  /** PyTorch's order: `ConvTranspose1d(in, out, kernel_size, stride, padding, output_padding, groups, bias, dilation)`. */
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: number,
    stride: number,
    padding?: number,
    outputPadding?: number,
    groups?: number,
    bias?: boolean,
    dilation?: number,
    options?: FactoryOptions,
  );
  constructor(inChannels: number, outChannels: number, kernelSize: number, ...rest: unknown[]) {
    super(layout, inChannels, outChannels, kernelSize, rest);
  }

  /**
   * `outputSize` ([L'], or the whole output shape) picks one of the sizes a stride above 1 can give,
   * as torch's `forward(input, output_size)`: it sets the output padding in place of `outputPadding`.
   */
  forward(input: Tensor, outputSize?: number | readonly number[] | null): Tensor {
    const outputPadding =
      outputSize == null ? this.outputPadding : transposedOutputPadding(this.constructor.name, input, outputSize, this)[0]!;
    return convTranspose1d(input, this.weight, this.bias, {
      stride: this.stride,
      padding: this.padding,
      outputPadding,
      dilation: this.dilation,
      groups: this.groups,
    });
  }
}
