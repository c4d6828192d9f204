import { checkInteger, empty, readArguments, type Tensor } from '@dl/tensor';
import { groupNorm } from '../functional/normalization.js';
import { ones, zeros } from '../init/init.js';
import { Module } from '../module/module.js';
import { parameter } from '../module/parameter.js';
import { factoryKeys, type FactoryOptions } from './shared.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

export interface GroupNormOptions extends FactoryOptions {
  /** Added to the variance. Default 1e-5. */
  eps?: number;
  /** Learn per-channel γ and β; default true. */
  affine?: boolean;
}

/**
 * Group normalisation of [N, C, *]: channels split in `numGroups` groups, each normalised over its
 * channels and positions, then γ·x̂ + β per channel. γ [C] = 1, β [C] = 0.
 * @example
 * new GroupNorm(8, 64).call(randn([2, 64, 16, 16]));
 */
export class GroupNorm extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  weight: Tensor | null;
  bias: Tensor | null;
  readonly eps: number;
  readonly affine: boolean;

  constructor(numGroups: number, numChannels: number, options?: GroupNormOptions);
  /** PyTorch's order: `GroupNorm(num_groups, num_channels, eps, affine)`. */
  constructor(numGroups: number, numChannels: number, eps: number, affine?: boolean, options?: FactoryOptions);
  constructor(
    readonly numGroups: number,
    readonly numChannels: number,
    ...rest: unknown[]
  ) {
    super();
    const options = readArguments<GroupNormOptions>('GroupNorm', rest, ['eps', 'affine'], ['eps', 'affine', ...factoryKeys]);
    checkInteger('GroupNorm', 'numGroups', numGroups);
    checkInteger('GroupNorm', 'numChannels', numChannels);
    if (numChannels % numGroups !== 0)
      throw new Error(`GroupNorm: numChannels (${numChannels}) must be divisible by numGroups (${numGroups})`);
    this.eps = options.eps ?? 1e-5;
    this.affine = options.affine ?? true;
    const factory = { device: options.device, dtype: options.dtype };
    this.weight = this.affine ? parameter(empty([numChannels], factory)) : null;
    this.bias = this.affine ? parameter(empty([numChannels], factory)) : null;
    this.resetParameters();
  }

  resetParameters(): void {
    if (this.weight) ones(this.weight);
    if (this.bias) zeros(this.bias);
  }

  forward(input: Tensor): Tensor {
    return groupNorm(input, this.numGroups, this.weight, this.bias, this.eps);
  }

  override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${this.eps}, affine=${this.affine}`;
  }
}
