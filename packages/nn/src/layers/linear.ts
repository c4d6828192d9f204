import { checkInteger, empty, readArguments, type Tensor } from '@dl/tensor';
import { linear } from '../functional/linear.js';
import { Module } from '../module/module.js';
import { resetAffineParameters } from './default-initialization.js';
import { parameter } from '../module/parameter.js';
import { factoryKeys, type FactoryOptions } from './shared.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

export interface LinearOptions extends FactoryOptions {
  /** Learn an additive bias; default true. */
  bias?: boolean;
}

/**
 * Fully connected layer y = x·Wᵀ + b: input [*, inFeatures] → output [*, outFeatures].
 * weight [outFeatures, inFeatures] ~ kaiming_uniform(a = √5), i.e. U(−1/√in, 1/√in);
 * bias [outFeatures] ~ U(−1/√in, 1/√in) (PyTorch's defaults).
 * @example
 * const fc = new Linear(784, 10);
 * fc.call(randn([32, 784])).shape; // [32, 10]
 * new Linear(784, 10, false); // PyTorch's positional bias: no bias
 */
export class Linear extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  weight: Tensor;
  bias: Tensor | null;

  constructor(inFeatures: number, outFeatures: number, options?: LinearOptions);
  /** PyTorch's order: `Linear(in_features, out_features, bias)`. */
  constructor(inFeatures: number, outFeatures: number, bias: boolean, options?: FactoryOptions);
  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    ...rest: unknown[]
  ) {
    super();
    checkInteger('Linear', 'inFeatures', inFeatures, 0);
    checkInteger('Linear', 'outFeatures', outFeatures, 0);
    const options = readArguments<LinearOptions>('Linear', rest, ['bias'], ['bias', ...factoryKeys]);
    const factory = { device: options.device, dtype: options.dtype };
    this.weight = parameter(empty([outFeatures, inFeatures], factory));
    this.bias = (options.bias ?? true) ? parameter(empty([outFeatures], factory)) : null;
    this.resetParameters();
  }

  resetParameters(): void {
    resetAffineParameters(this.weight, this.bias);
  }

  forward(input: Tensor): Tensor {
    return linear(input, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}
