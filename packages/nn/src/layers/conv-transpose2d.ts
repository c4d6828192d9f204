import { checkInteger, convTranspose2d, empty, readArguments, type Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { describeConvolution } from './convolution-repr.js';
import { resetAffineParameters } from './default-initialization.js';
import { parameter } from '../module/parameter.js';
import { checkGroups, checkedPair, factoryKeys, type FactoryOptions, type Pair } from './shared.js';

export interface ConvTranspose2dOptions extends FactoryOptions {
  /** Step of the window, one number or [height, width]. Default 1. */
  stride?: Pair;
  /** Padding removed from each side of the output. Default 0. */
  padding?: Pair;
  /** Extra size added to one side of the output (smaller than stride or dilation). Default 0. */
  outputPadding?: Pair;
  /** Spacing between kernel cells. Default 1. */
  dilation?: Pair;
  /** Split channels into groups convolved separately (inChannels and outChannels divisible by it). Default 1. */
  groups?: number;
  /** Learn an additive bias per output channel. Default true. */
  bias?: boolean;
}

/**
 * Transposed 2-D convolution (the gradient of Conv2d; upsampling): input [N, Cin, H, W] → output
 * [N, Cout, H', W'] with H' = (H − 1)·s − 2p + d(k − 1) + outputPadding + 1.
 * weight [Cin, Cout/groups, kh, kw] ~ kaiming_uniform(a = √5) and bias [Cout] ~ U(±1/√fanIn), where
 * PyTorch's fanIn is computed from the weight's dim 1: Cout/groups·kh·kw.
 * @example
 * new ConvTranspose2d(16, 8, 4, { stride: 2, padding: 1 }).call(zeros([1, 16, 7, 7])).shape; // [1, 8, 14, 14]
 */
export class ConvTranspose2d extends Module {
  weight: Tensor;
  bias: Tensor | null;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly outputPadding: [number, number];
  readonly dilation: [number, number];
  readonly groups: number;

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
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: Pair,
    ...rest: unknown[]
  ) {
    super();
    const positionals = ['stride', 'padding', 'outputPadding', 'groups', 'bias', 'dilation'];
    const options = readArguments<ConvTranspose2dOptions>('ConvTranspose2d', rest, positionals, [...positionals, ...factoryKeys]);
    checkInteger('ConvTranspose2d', 'inChannels', inChannels);
    checkInteger('ConvTranspose2d', 'outChannels', outChannels);
    this.kernelSize = checkedPair('ConvTranspose2d', 'kernelSize', kernelSize, 1);
    this.stride = checkedPair('ConvTranspose2d', 'stride', options.stride ?? 1, 1);
    this.padding = checkedPair('ConvTranspose2d', 'padding', options.padding ?? 0, 0);
    this.outputPadding = checkedPair('ConvTranspose2d', 'outputPadding', options.outputPadding ?? 0, 0);
    this.dilation = checkedPair('ConvTranspose2d', 'dilation', options.dilation ?? 1, 1);
    this.groups = checkInteger('ConvTranspose2d', 'groups', options.groups ?? 1);
    checkGroups('ConvTranspose2d', inChannels, outChannels, this.groups);
    const factory = { device: options.device, dtype: options.dtype };
    this.weight = parameter(empty([inChannels, outChannels / this.groups, ...this.kernelSize], factory));
    this.bias = (options.bias ?? true) ? parameter(empty([outChannels], factory)) : null;
    this.resetParameters();
  }

  resetParameters(): void {
    resetAffineParameters(this.weight, this.bias);
  }

  forward(input: Tensor): Tensor {
    return convTranspose2d(input, this.weight, this.bias, {
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
