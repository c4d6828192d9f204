import { checkInteger, describeValue, empty, readArguments, type Tensor } from '@dl/tensor';
import { pad } from '../functional/padding.js';
import { Module } from '../module/module.js';
import { parameter } from '../module/parameter.js';
import { describeConvolution } from './convolution-repr.js';
import { resetAffineParameters } from './default-initialization.js';
import { checkGroups, factoryKeys, type FactoryOptions } from './shared.js';

/** The options every convolution layer shares (torch's _ConvNd arguments beside the sizes). */
export interface ConvolutionOptions extends FactoryOptions {
  /** Split channels into groups convolved separately (inChannels and outChannels divisible by it). Default 1. */
  groups?: number;
  /** Learn an additive bias per output channel. Default true. */
  bias?: boolean;
  /**
   * How the input is padded by `padding`: with zeros, or (forward convolutions only, as torch) by
   * reflecting, repeating the edge or wrapping around, the input being padded by `F.pad` first.
   * Default 'zeros'.
   */
  paddingMode?: ConvolutionPaddingMode;
}

/** torch's padding_mode of a convolution layer. */
export type ConvolutionPaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';
const paddingModes: readonly ConvolutionPaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

/**
 * What tells one convolution layer from another: its name, how it reads a size option (a number for
 * 1-d; a number or a pair / triple for 2-d / 3-d) and whether it is transposed (weight
 * [Cin, Cout/groups, …kernel], an `outputPadding` option and torch's positional order with it).
 * @example
 * const layout: ConvolutionLayout<number> = { name: 'Conv1d', readSize: checkInteger, transposed: false };
 */
export interface ConvolutionLayout<Size> {
  /** The layer's name, as errors give it. Required. */
  name: string;
  /** Reads one size option, throwing (naming the layer and the option) unless every entry is an integer ≥ `minimum`. Required. */
  readSize: (owner: string, option: string, value: unknown, minimum: number) => Size;
  /** A transposed convolution. Required. */
  transposed: boolean;
}

// torch's positional order after (in, out, kernel_size): Conv*d(stride, padding, dilation, groups, bias),
// ConvTranspose*d(stride, padding, output_padding, groups, bias, dilation)
// torch's order after (in, out, kernel_size); padding_mode follows bias (after dilation when transposed)
const positionals = ['stride', 'padding', 'dilation', 'groups', 'bias', 'paddingMode'];
const transposedPositionals = ['stride', 'padding', 'outputPadding', 'groups', 'bias', 'dilation', 'paddingMode'];

/** The options as `readArguments` gives them, before each is checked. */
type RawOptions = Record<'stride' | 'padding' | 'outputPadding' | 'dilation', unknown> & ConvolutionOptions;

/**
 * The shared body of Conv1d/2d/3d and ConvTranspose1d/2d (torch's _ConvNd): options from an object or
 * torch's positional order, their checks, the parameters (weight [Cout, Cin/groups, …kernel], or
 * [Cin, Cout/groups, …kernel] transposed; bias [Cout]), the default initialisation
 * (weight ~ kaiming_uniform(a = √5), bias ~ U(±1/√fanIn)) and torch's representation. Each layer adds
 * its constructor overloads and its `forward`.
 * @example
 * class Conv1d extends ConvolutionBase<number, number | 'valid' | 'same'> {
 *   forward(input: Tensor): Tensor { return conv1d(input, this.weight, this.bias, this); }
 * }
 */
export abstract class ConvolutionBase<
  Size extends number | readonly number[],
  Padding extends Size | 'valid' | 'same' = Size,
> extends Module {
  weight: Tensor;
  bias: Tensor | null;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: Size;
  readonly stride: Size;
  readonly padding: Padding;
  readonly dilation: Size;
  readonly groups: number;
  /** Extra size added to one side of the output: transposed convolutions only. */
  declare readonly outputPadding?: Size;
  readonly paddingMode: ConvolutionPaddingMode;
  /** Set by the lazy subclasses (LazyConv2d, ...): inChannels starts at 0, inferred from the first input, and errors name the subclass. */
  protected static readonly infersInChannels: boolean = false;

  protected constructor(
    layout: ConvolutionLayout<Size>,
    inChannels: number,
    outChannels: number,
    kernelSize: unknown,
    rest: readonly unknown[],
  ) {
    super();
    const { readSize, transposed } = layout;
    const lazy = (new.target as unknown as typeof ConvolutionBase).infersInChannels;
    const name = lazy ? new.target.name : layout.name;
    const order = transposed ? transposedPositionals : positionals;
    const options = readArguments<RawOptions>(name, rest, order, [...order, ...factoryKeys]);
    this.paddingMode = options.paddingMode ?? 'zeros';
    if (!paddingModes.includes(this.paddingMode))
      throw new Error(
        `${name}: paddingMode must be one of ${paddingModes.map((mode) => `'${mode}'`).join(', ')}, got ${describeValue(this.paddingMode)}`,
      );
    if (transposed && this.paddingMode !== 'zeros')
      throw new Error(`${name}: only paddingMode 'zeros' is supported, got ${describeValue(this.paddingMode)}`);
    this.inChannels = checkInteger(name, 'inChannels', inChannels, lazy ? 0 : 1);
    this.outChannels = checkInteger(name, 'outChannels', outChannels);
    this.kernelSize = readSize(name, 'kernelSize', kernelSize, 1);
    this.stride = readSize(name, 'stride', options.stride ?? 1, 1);
    const padding = options.padding ?? 0;
    // 'valid' (none) and 'same' (output size = input size) are the forward convolutions' only
    this.padding = (
      !transposed && (padding === 'valid' || padding === 'same') ? padding : readSize(name, 'padding', padding, 0)
    ) as Padding;
    if (transposed) this.outputPadding = readSize(name, 'outputPadding', options.outputPadding ?? 0, 0);
    this.dilation = readSize(name, 'dilation', options.dilation ?? 1, 1);
    this.groups = checkInteger(name, 'groups', options.groups ?? 1);
    checkGroups(name, inChannels, outChannels, this.groups);
    const factory = { device: options.device, dtype: options.dtype };
    const kernel: readonly number[] = typeof this.kernelSize === 'number' ? [this.kernelSize] : (this.kernelSize as readonly number[]);
    const channels = transposed ? [inChannels, outChannels / this.groups] : [outChannels, inChannels / this.groups];
    this.weight = parameter(empty([...channels, ...kernel], factory));
    this.bias = (options.bias ?? true) ? parameter(empty([outChannels], factory)) : null;
    this.resetParameters();
  }

  /** torch's reset_parameters: weight ~ kaiming_uniform(a = √5), bias ~ U(±1/√fanIn). */
  resetParameters(): void {
    resetAffineParameters(this.weight, this.bias);
  }

  /**
   * The input and padding the convolution kernel is given: as they are for 'zeros'; for the other
   * modes the input padded by `F.pad` in that mode and no padding left (torch's
   * `_reversed_padding_repeated_twice`: per spatial dim, last first, p before and p after, or for
   * 'same' ⌊d(k − 1)/2⌋ before and the rest after).
   */
  protected paddedInput(input: Tensor): [Tensor, Padding | 0] {
    if (this.paddingMode === 'zeros') return [input, this.padding];
    const perDim = (value: number | readonly number[]): readonly number[] => (typeof value === 'number' ? [value] : value);
    const kernel = perDim(this.kernelSize);
    const dilation = perDim(this.dilation);
    const padding = this.padding as Size | 'valid' | 'same';
    const sides = kernel.map((size, axis): [number, number] => {
      if (padding === 'valid') return [0, 0];
      if (padding === 'same') {
        const total = dilation[axis]! * (size - 1);
        return [Math.floor(total / 2), total - Math.floor(total / 2)];
      }
      const extent = perDim(padding)[axis]!;
      return [extent, extent];
    });
    return [pad(input, sides.reverse().flat(), this.paddingMode), 0];
  }

  override extraRepr(): string {
    return describeConvolution(this);
  }
}
