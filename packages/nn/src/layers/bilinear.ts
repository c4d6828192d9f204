import { checkInteger, empty, readArguments, type Tensor } from '@dl/tensor';
import { bilinear } from '../functional/bilinear.js';
import { uniform } from '../init/init.js';
import { Module } from '../module/module.js';
import { parameter } from '../module/parameter.js';
import { factoryKeys, type FactoryOptions } from './shared.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

export interface BilinearOptions extends FactoryOptions {
  /** Learn an additive bias per output. Default true. */
  bias?: boolean;
}

/**
 * A bilinear layer (torch.nn.Bilinear): y = x₁ᵀ·A·x₂ + b with weight [out, in1, in2] and bias [out], both
 * ~ U(±1/√in1) as torch initialises them.
 * @example
 * new Bilinear(20, 30, 40).call(randn([128, 20]), randn([128, 30])).shape; // [128, 40]
 */
export class Bilinear extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  weight: Tensor;
  bias: Tensor | null;

  constructor(in1Features: number, in2Features: number, outFeatures: number, options?: BilinearOptions);
  /** PyTorch's order: `Bilinear(in1_features, in2_features, out_features, bias)`. */
  constructor(in1Features: number, in2Features: number, outFeatures: number, bias: boolean, options?: FactoryOptions);
  constructor(
    readonly in1Features: number,
    readonly in2Features: number,
    readonly outFeatures: number,
    ...rest: unknown[]
  ) {
    super();
    const options = readArguments<BilinearOptions>('Bilinear', rest, ['bias'], ['bias', ...factoryKeys]);
    checkInteger('Bilinear', 'in1Features', in1Features);
    checkInteger('Bilinear', 'in2Features', in2Features);
    checkInteger('Bilinear', 'outFeatures', outFeatures);
    const factory = { device: options.device, dtype: options.dtype };
    this.weight = parameter(empty([outFeatures, in1Features, in2Features], factory));
    this.bias = (options.bias ?? true) ? parameter(empty([outFeatures], factory)) : null;
    this.resetParameters();
  }

  resetParameters(): void {
    const bound = 1 / Math.sqrt(this.in1Features);
    uniform(this.weight, -bound, bound);
    if (this.bias) uniform(this.bias, -bound, bound);
  }

  forward(input1: Tensor, input2: Tensor): Tensor {
    return bilinear(input1, input2, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in1Features=${this.in1Features}, in2Features=${this.in2Features}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}
