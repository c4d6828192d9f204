import type { Tensor } from '@dl/tensor';
import type { Triple } from '../functional/volumetric-geometry.js';
import { Conv1d, type Conv1dOptions } from './conv1d.js';
import { Conv2d, type Conv2dOptions } from './conv2d.js';
import { Conv3d, type Conv3dOptions } from './conv3d.js';
import { ConvTranspose1d, type ConvTranspose1dOptions } from './conv-transpose1d.js';
import { ConvTranspose2d, type ConvTranspose2dOptions } from './conv-transpose2d.js';
import { ConvTranspose3d, type ConvTranspose3dOptions } from './conv-transpose3d.js';
import type { ConvolutionBase } from './convolution-base.js';
import { canReset, initializeFromInput, type LazyLayout, makeLazy, materializeFromStateDict } from './lazy-initialization.js';
import type { FactoryOptions, Pair } from './shared.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

type Convolution = ConvolutionBase<number | readonly number[], number | readonly number[] | 'valid' | 'same'>;

/**
 * The lazy layout of a convolution with `spatialDims` spatial dims (torch's _LazyConvXdMixin):
 * inChannels is dim 1 of a batched input (dim 0 of an unbatched one) and must divide into groups;
 * weight [Cout, Cin/groups, …kernel], or [Cin, Cout/groups, …kernel] transposed; bias [Cout].
 */
function convolutionLayout<M extends Convolution>(
  becomes: LazyLayout<M>['becomes'],
  spatialDims: number,
  transposed: boolean,
): LazyLayout<M> {
  const kernelOf = (module: M): readonly number[] => (typeof module.kernelSize === 'number' ? [module.kernelSize] : module.kernelSize);
  return {
    becomes,
    sizeField: 'inChannels',
    sizeFromInput: (module, input) => {
      const name = module.constructor.name;
      if (input.ndim !== spatialDims + 1 && input.ndim !== spatialDims + 2)
        throw new Error(
          `${name}: expected ${spatialDims + 1}D (unbatched) or ${spatialDims + 2}D (batched) input, got input [${input.shape.join(', ')}]`,
        );
      const channels = input.shape[input.ndim === spatialDims + 2 ? 1 : 0]!;
      if (channels % module.groups !== 0)
        throw new Error(
          `${name}: inChannels (${channels}, from input [${input.shape.join(', ')}]) must be divisible by groups (${module.groups})`,
        );
      return channels;
    },
    sizeFromState: (module, name, shape) => {
      if (name !== 'weight' || shape.length !== spatialDims + 2) return undefined;
      return transposed ? shape[0] : shape[1]! * module.groups;
    },
    shapes: (module, size) => {
      const { outChannels, groups } = module;
      const channels = transposed ? [size, outChannels / groups] : [outChannels, size / groups];
      return { weight: [...channels, ...kernelOf(module)], bias: [outChannels] };
    },
  };
}

// Each class: torch's arguments without inChannels (in torch's positional order, or an options
// object), the non-lazy constructor run with inChannels 0, and three hooks into the shared mechanism.

/**
 * A `Conv1d` whose `inChannels` is inferred from its first input (torch.nn.LazyConv1d): see `LazyLinear`
 * for the life of its parameters; it becomes a `Conv1d` on the first call.
 * @example
 * new LazyConv1d(32, 3).call(zeros([8, 16, 100])).shape; // [8, 32, 98]
 */
export class LazyConv1d extends Conv1d {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  protected static override readonly infersInChannels = true;
  constructor(
    outChannels: number,
    kernelSize: number,
    ...rest:
      | [options?: Conv1dOptions]
      | [stride: number, padding?: number | 'valid' | 'same', dilation?: number, groups?: number, bias?: boolean, options?: FactoryOptions]
  ) {
    super(0, outChannels, kernelSize, ...(rest as [])); // the rest as given: Conv1d reads both forms
    makeLazy(this, ['weight', 'bias']);
  }
  override resetParameters(): void {
    if (canReset(this, conv1dLayout)) super.resetParameters();
  }
  override forward(input: Tensor): Tensor {
    initializeFromInput(this, conv1dLayout, input);
    return super.forward(input);
  }
  protected override prepareToLoad(stateDict: ReadonlyMap<string, Tensor>, prefix: string): void {
    materializeFromStateDict(this, conv1dLayout, stateDict, prefix);
  }
}
const conv1dLayout = convolutionLayout<LazyConv1d>(Conv1d, 1, false);

/**
 * A `Conv2d` whose `inChannels` is inferred from its first input (torch.nn.LazyConv2d): see `LazyLinear`
 * for the life of its parameters; it becomes a `Conv2d` on the first call.
 * @example
 * new LazyConv2d(6, 5, { padding: 2 }).call(zeros([1, 1, 28, 28])).shape; // [1, 6, 28, 28]
 */
export class LazyConv2d extends Conv2d {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  protected static override readonly infersInChannels = true;
  constructor(
    outChannels: number,
    kernelSize: Pair,
    ...rest:
      | [options?: Conv2dOptions]
      | [stride: Pair, padding?: Pair | 'valid' | 'same', dilation?: Pair, groups?: number, bias?: boolean, options?: FactoryOptions]
  ) {
    super(0, outChannels, kernelSize, ...(rest as []));
    makeLazy(this, ['weight', 'bias']);
  }
  override resetParameters(): void {
    if (canReset(this, conv2dLayout)) super.resetParameters();
  }
  override forward(input: Tensor): Tensor {
    initializeFromInput(this, conv2dLayout, input);
    return super.forward(input);
  }
  protected override prepareToLoad(stateDict: ReadonlyMap<string, Tensor>, prefix: string): void {
    materializeFromStateDict(this, conv2dLayout, stateDict, prefix);
  }
}
const conv2dLayout = convolutionLayout<LazyConv2d>(Conv2d, 2, false);

/**
 * A `Conv3d` whose `inChannels` is inferred from its first input (torch.nn.LazyConv3d): see `LazyLinear`
 * for the life of its parameters; it becomes a `Conv3d` on the first call.
 * @example
 * new LazyConv3d(8, 3).call(zeros([1, 4, 8, 8, 8])).shape; // [1, 8, 6, 6, 6]
 */
export class LazyConv3d extends Conv3d {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  protected static override readonly infersInChannels = true;
  constructor(
    outChannels: number,
    kernelSize: Triple,
    ...rest:
      | [options?: Conv3dOptions]
      | [stride: Triple, padding?: Triple | 'valid' | 'same', dilation?: Triple, groups?: number, bias?: boolean, options?: FactoryOptions]
  ) {
    super(0, outChannels, kernelSize, ...(rest as []));
    makeLazy(this, ['weight', 'bias']);
  }
  override resetParameters(): void {
    if (canReset(this, conv3dLayout)) super.resetParameters();
  }
  override forward(input: Tensor): Tensor {
    initializeFromInput(this, conv3dLayout, input);
    return super.forward(input);
  }
  protected override prepareToLoad(stateDict: ReadonlyMap<string, Tensor>, prefix: string): void {
    materializeFromStateDict(this, conv3dLayout, stateDict, prefix);
  }
}
const conv3dLayout = convolutionLayout<LazyConv3d>(Conv3d, 3, false);

/**
 * A `ConvTranspose1d` whose `inChannels` is inferred from its first input (torch.nn.LazyConvTranspose1d):
 * see `LazyLinear` for the life of its parameters; it becomes a `ConvTranspose1d` on the first call.
 * @example
 * new LazyConvTranspose1d(8, 4, { stride: 2, padding: 1 }).call(zeros([1, 16, 10])).shape; // [1, 8, 20]
 */
export class LazyConvTranspose1d extends ConvTranspose1d {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  protected static override readonly infersInChannels = true;
  constructor(
    outChannels: number,
    kernelSize: number,
    ...rest:
      | [options?: ConvTranspose1dOptions]
      | [
          stride: number,
          padding?: number,
          outputPadding?: number,
          groups?: number,
          bias?: boolean,
          dilation?: number,
          options?: FactoryOptions,
        ]
  ) {
    super(0, outChannels, kernelSize, ...(rest as []));
    makeLazy(this, ['weight', 'bias']);
  }
  override resetParameters(): void {
    if (canReset(this, convTranspose1dLayout)) super.resetParameters();
  }
  override forward(input: Tensor, outputSize?: number | readonly number[] | null): Tensor {
    initializeFromInput(this, convTranspose1dLayout, input);
    return super.forward(input, outputSize);
  }
  protected override prepareToLoad(stateDict: ReadonlyMap<string, Tensor>, prefix: string): void {
    materializeFromStateDict(this, convTranspose1dLayout, stateDict, prefix);
  }
}
const convTranspose1dLayout = convolutionLayout<LazyConvTranspose1d>(ConvTranspose1d, 1, true);

/**
 * A `ConvTranspose2d` whose `inChannels` is inferred from its first input (torch.nn.LazyConvTranspose2d):
 * see `LazyLinear` for the life of its parameters; it becomes a `ConvTranspose2d` on the first call.
 * @example
 * new LazyConvTranspose2d(8, 4, { stride: 2, padding: 1 }).call(zeros([1, 16, 7, 7])).shape; // [1, 8, 14, 14]
 */
export class LazyConvTranspose2d extends ConvTranspose2d {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  protected static override readonly infersInChannels = true;
  constructor(
    outChannels: number,
    kernelSize: Pair,
    ...rest:
      | [options?: ConvTranspose2dOptions]
      | [stride: Pair, padding?: Pair, outputPadding?: Pair, groups?: number, bias?: boolean, dilation?: Pair, options?: FactoryOptions]
  ) {
    super(0, outChannels, kernelSize, ...(rest as []));
    makeLazy(this, ['weight', 'bias']);
  }
  override resetParameters(): void {
    if (canReset(this, convTranspose2dLayout)) super.resetParameters();
  }
  override forward(input: Tensor, outputSize?: readonly number[] | null): Tensor {
    initializeFromInput(this, convTranspose2dLayout, input);
    return super.forward(input, outputSize);
  }
  protected override prepareToLoad(stateDict: ReadonlyMap<string, Tensor>, prefix: string): void {
    materializeFromStateDict(this, convTranspose2dLayout, stateDict, prefix);
  }
}
const convTranspose2dLayout = convolutionLayout<LazyConvTranspose2d>(ConvTranspose2d, 2, true);

/**
 * A `ConvTranspose3d` whose `inChannels` is inferred from its first input (torch.nn.LazyConvTranspose3d):
 * see `LazyLinear` for the life of its parameters; it becomes a `ConvTranspose3d` on the first call.
 * @example
 * new LazyConvTranspose3d(4, 2, { stride: 2 }).call(zeros([1, 8, 3, 3, 3])).shape; // [1, 4, 6, 6, 6]
 */
export class LazyConvTranspose3d extends ConvTranspose3d {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  protected static override readonly infersInChannels = true;
  constructor(
    outChannels: number,
    kernelSize: Triple,
    ...rest:
      | [options?: ConvTranspose3dOptions]
      | [
          stride: Triple,
          padding?: Triple,
          outputPadding?: Triple,
          groups?: number,
          bias?: boolean,
          dilation?: Triple,
          options?: FactoryOptions,
        ]
  ) {
    super(0, outChannels, kernelSize, ...(rest as []));
    makeLazy(this, ['weight', 'bias']);
  }
  override resetParameters(): void {
    if (canReset(this, convTranspose3dLayout)) super.resetParameters();
  }
  override forward(input: Tensor, outputSize?: readonly number[] | null): Tensor {
    initializeFromInput(this, convTranspose3dLayout, input);
    return super.forward(input, outputSize);
  }
  protected override prepareToLoad(stateDict: ReadonlyMap<string, Tensor>, prefix: string): void {
    materializeFromStateDict(this, convTranspose3dLayout, stateDict, prefix);
  }
}
const convTranspose3dLayout = convolutionLayout<LazyConvTranspose3d>(ConvTranspose3d, 3, true);
