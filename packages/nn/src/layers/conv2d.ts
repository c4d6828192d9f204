import { checkInteger, conv2d, empty, readArguments, type Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { describeConvolution } from './convolution-repr.js';
import { resetAffineParameters } from './default-initialization.js';
import { parameter } from '../module/parameter.js';
import { checkGroups, checkedPair, factoryKeys, type FactoryOptions, type Pair } from './shared.js';

export interface Conv2dOptions extends FactoryOptions {
  /** Step of the window, one number or [height, width]. Default 1. */
  stride?: Pair;
  /** Zero padding per side, or 'valid' (none) / 'same' (output size = input size, stride 1). Default 0. */
  padding?: Pair | 'valid' | 'same';
  /** Spacing between kernel cells. Default 1. */
  dilation?: Pair;
  /** Split channels into groups convolved separately (inChannels and outChannels divisible by it). Default 1. */
  groups?: number;
  /** Learn an additive bias per output channel. Default true. */
  bias?: boolean;
}

/**
 * 2-D convolution (cross-correlation): input [N, Cin, H, W] → output [N, Cout, H', W'] with
 * H' = ⌊(H + 2p − d(k − 1) − 1)/s⌋ + 1. weight [Cout, Cin/groups, kh, kw] ~ kaiming_uniform(a = √5),
 * i.e. U(−1/√fanIn, 1/√fanIn) with fanIn = Cin/groups·kh·kw; bias [Cout] ~ the same bound.
 * @example
 * const conv = new Conv2d(1, 6, 5, { padding: 2 });
 * conv.call(zeros([1, 1, 28, 28])).shape; // [1, 6, 28, 28]
 * new Conv2d(1, 8, 3, 2, 1); // PyTorch's order: stride 2, padding 1
 */
export class Conv2d extends Module {
  weight: Tensor;
  bias: Tensor | null;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number] | 'valid' | 'same';
  readonly dilation: [number, number];
  readonly groups: number;

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
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: Pair,
    ...rest: unknown[]
  ) {
    super();
    const positionals = ['stride', 'padding', 'dilation', 'groups', 'bias'];
    const options = readArguments<Conv2dOptions>('Conv2d', rest, positionals, [...positionals, ...factoryKeys]);
    checkInteger('Conv2d', 'inChannels', inChannels);
    checkInteger('Conv2d', 'outChannels', outChannels);
    this.kernelSize = checkedPair('Conv2d', 'kernelSize', kernelSize, 1);
    this.stride = checkedPair('Conv2d', 'stride', options.stride ?? 1, 1);
    this.padding =
      options.padding === 'valid' || options.padding === 'same'
        ? options.padding
        : checkedPair('Conv2d', 'padding', options.padding ?? 0, 0);
    this.dilation = checkedPair('Conv2d', 'dilation', options.dilation ?? 1, 1);
    this.groups = checkInteger('Conv2d', 'groups', options.groups ?? 1);
    checkGroups('Conv2d', inChannels, outChannels, this.groups);
    const factory = { device: options.device, dtype: options.dtype };
    this.weight = parameter(empty([outChannels, inChannels / this.groups, ...this.kernelSize], factory));
    this.bias = (options.bias ?? true) ? parameter(empty([outChannels], factory)) : null;
    this.resetParameters();
  }

  resetParameters(): void {
    resetAffineParameters(this.weight, this.bias);
  }

  forward(input: Tensor): Tensor {
    return conv2d(input, this.weight, this.bias, {
      stride: this.stride,
      padding: this.padding,
      dilation: this.dilation,
      groups: this.groups,
    });
  }

  override extraRepr(): string {
    return describeConvolution(this);
  }
}
