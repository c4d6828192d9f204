import { checkInteger, conv1d, empty, readArguments, type Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { describeConvolution } from './convolution-repr.js';
import { resetAffineParameters } from './default-initialization.js';
import { parameter } from '../module/parameter.js';
import { checkGroups, factoryKeys, type FactoryOptions } from './shared.js';

export interface Conv1dOptions extends FactoryOptions {
  /** Step of the window. Default 1. */
  stride?: number;
  /** Zero padding per side, or 'valid' (none) / 'same'. Default 0. */
  padding?: number | 'valid' | 'same';
  /** Spacing between kernel cells. Default 1. */
  dilation?: number;
  /** Channel groups convolved separately. Default 1. */
  groups?: number;
  /** Learn an additive bias per output channel. Default true. */
  bias?: boolean;
}

/**
 * 1-D convolution: input [N, Cin, L] → output [N, Cout, L'] with L' = ⌊(L + 2p − d(k − 1) − 1)/s⌋ + 1.
 * weight [Cout, Cin/groups, k] ~ kaiming_uniform(a = √5) = U(±1/√fanIn), fanIn = Cin/groups·k;
 * bias [Cout] ~ U(±1/√fanIn).
 * @example
 * new Conv1d(16, 32, 3, { padding: 1 }).call(zeros([8, 16, 100])).shape; // [8, 32, 100]
 */
export class Conv1d extends Module {
  weight: Tensor;
  bias: Tensor | null;
  readonly stride: number;
  readonly padding: number | 'valid' | 'same';
  readonly dilation: number;
  readonly groups: number;

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
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    ...rest: unknown[]
  ) {
    super();
    const positionals = ['stride', 'padding', 'dilation', 'groups', 'bias'];
    const options = readArguments<Conv1dOptions>('Conv1d', rest, positionals, [...positionals, ...factoryKeys]);
    checkInteger('Conv1d', 'inChannels', inChannels);
    checkInteger('Conv1d', 'outChannels', outChannels);
    checkInteger('Conv1d', 'kernelSize', kernelSize);
    this.stride = checkInteger('Conv1d', 'stride', options.stride ?? 1);
    this.padding =
      options.padding === 'valid' || options.padding === 'same'
        ? options.padding
        : checkInteger('Conv1d', 'padding', options.padding ?? 0, 0);
    this.dilation = checkInteger('Conv1d', 'dilation', options.dilation ?? 1);
    this.groups = checkInteger('Conv1d', 'groups', options.groups ?? 1);
    checkGroups('Conv1d', inChannels, outChannels, this.groups);
    const factory = { device: options.device, dtype: options.dtype };
    this.weight = parameter(empty([outChannels, inChannels / this.groups, kernelSize], factory));
    this.bias = (options.bias ?? true) ? parameter(empty([outChannels], factory)) : null;
    this.resetParameters();
  }

  resetParameters(): void {
    resetAffineParameters(this.weight, this.bias);
  }

  forward(input: Tensor): Tensor {
    return conv1d(input, this.weight, this.bias, {
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
