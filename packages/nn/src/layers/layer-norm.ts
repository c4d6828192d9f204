import { empty, readArguments, type Tensor } from '@dl/tensor';
import { layerNorm } from '../functional/normalization.js';
import { ones, zeros } from '../init/init.js';
import { Module } from '../module/module.js';
import { parameter } from '../module/parameter.js';
import { factoryKeys, type FactoryOptions } from './shared.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

export interface LayerNormOptions extends FactoryOptions {
  /** Added to the variance. Default 1e-5. */
  eps?: number;
  /** Learn γ and β of shape normalizedShape; default true. */
  elementwiseAffine?: boolean;
  /** Learn β (with elementwiseAffine); default true. */
  bias?: boolean;
}

/**
 * Layer normalisation over the trailing `normalizedShape` dims of [*, ...normalizedShape]:
 * y = (x − μ)/√(σ² + ε)·γ + β with per-sample μ and biased σ². γ = 1, β = 0.
 * @example
 * new LayerNorm([512]).call(randn([8, 10, 512]));
 */
export class LayerNorm extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  weight: Tensor | null;
  bias: Tensor | null;
  readonly normalizedShape: readonly number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;

  constructor(normalizedShape: number | readonly number[], options?: LayerNormOptions);
  /** PyTorch's order: `LayerNorm(normalized_shape, eps, elementwise_affine, bias)`. */
  constructor(
    normalizedShape: number | readonly number[],
    eps: number,
    elementwiseAffine?: boolean,
    bias?: boolean,
    options?: FactoryOptions,
  );
  constructor(normalizedShape: number | readonly number[], ...rest: unknown[]) {
    super();
    const positionals = ['eps', 'elementwiseAffine', 'bias'];
    const options = readArguments<LayerNormOptions>('LayerNorm', rest, positionals, [...positionals, ...factoryKeys]);
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    this.eps = options.eps ?? 1e-5;
    this.elementwiseAffine = options.elementwiseAffine ?? true;
    const factory = { device: options.device, dtype: options.dtype };
    this.weight = this.elementwiseAffine ? parameter(empty(this.normalizedShape, factory)) : null;
    this.bias = this.elementwiseAffine && (options.bias ?? true) ? parameter(empty(this.normalizedShape, factory)) : null;
    this.resetParameters();
  }

  resetParameters(): void {
    if (this.weight) ones(this.weight);
    if (this.bias) zeros(this.bias);
  }

  forward(input: Tensor): Tensor {
    return layerNorm(input, this.normalizedShape, this.weight, this.bias, this.eps);
  }

  override extraRepr(): string {
    // a Python tuple, as torch prints it: (4,) for one dim, (4, 5) for more
    const shape = this.normalizedShape.length === 1 ? `(${this.normalizedShape[0]},)` : `(${this.normalizedShape.join(', ')})`;
    return `${shape}, eps=${this.eps}, elementwiseAffine=${this.elementwiseAffine}`;
  }
}
