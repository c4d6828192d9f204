import { checkInteger, convTranspose1d, empty, readArguments, type Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { describeConvolution } from './convolution-repr.js';
import { parameter } from '../module/parameter.js';
import { resetAffineParameters } from './default-initialization.js';
import { checkGroups, factoryKeys, type FactoryOptions } from './shared.js';

export interface ConvTranspose1dOptions extends FactoryOptions {
  /** Step of the window. Default 1. */
  stride?: number;
  /** Padding removed from each end of the output. Default 0. */
  padding?: number;
  /** Extra length added to one end of the output (smaller than stride or dilation). Default 0. */
  outputPadding?: number;
  /** Spacing between kernel cells. Default 1. */
  dilation?: number;
  /** Split channels into groups convolved separately. Default 1. */
  groups?: number;
  /** Learn an additive bias per output channel. Default true. */
  bias?: boolean;
}

/**
 * Transposed 1-D convolution (torch.nn.ConvTranspose1d; upsampling sequences): [N, Cin, L] → [N, Cout, L'],
 * L' = (L − 1)·s − 2p + d(k − 1) + outputPadding + 1. weight [Cin, Cout/groups, k] ~ kaiming_uniform(a = √5),
 * bias [Cout] ~ U(±1/√fanIn), fanIn from the weight's dim 1 (Cout/groups·k), as torch.
 * @example
 * new ConvTranspose1d(16, 8, 4, { stride: 2, padding: 1 }).call(zeros([1, 16, 50])).shape; // [1, 8, 100]
 */
export class ConvTranspose1d extends Module {
  weight: Tensor;
  bias: Tensor | null;
  readonly stride: number;
  readonly padding: number;
  readonly outputPadding: number;
  readonly dilation: number;
  readonly groups: number;

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
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    ...rest: unknown[]
  ) {
    super();
    const positionals = ['stride', 'padding', 'outputPadding', 'groups', 'bias', 'dilation'];
    const options = readArguments<ConvTranspose1dOptions>('ConvTranspose1d', rest, positionals, [...positionals, ...factoryKeys]);
    checkInteger('ConvTranspose1d', 'inChannels', inChannels);
    checkInteger('ConvTranspose1d', 'outChannels', outChannels);
    checkInteger('ConvTranspose1d', 'kernelSize', kernelSize);
    this.stride = checkInteger('ConvTranspose1d', 'stride', options.stride ?? 1);
    this.padding = checkInteger('ConvTranspose1d', 'padding', options.padding ?? 0, 0);
    this.outputPadding = checkInteger('ConvTranspose1d', 'outputPadding', options.outputPadding ?? 0, 0);
    this.dilation = checkInteger('ConvTranspose1d', 'dilation', options.dilation ?? 1);
    this.groups = checkInteger('ConvTranspose1d', 'groups', options.groups ?? 1);
    checkGroups('ConvTranspose1d', inChannels, outChannels, this.groups);
    const factory = { device: options.device, dtype: options.dtype };
    this.weight = parameter(empty([inChannels, outChannels / this.groups, kernelSize], factory));
    this.bias = (options.bias ?? true) ? parameter(empty([outChannels], factory)) : null;
    this.resetParameters();
  }

  resetParameters(): void {
    resetAffineParameters(this.weight, this.bias);
  }

  forward(input: Tensor): Tensor {
    return convTranspose1d(input, this.weight, this.bias, {
      stride: this.stride,
      padding: this.padding,
      outputPadding: this.outputPadding,
      dilation: this.dilation,
      groups: this.groups,
    });
  }

  override extraRepr(): string {
    return describeConvolution(this);
  }
}
