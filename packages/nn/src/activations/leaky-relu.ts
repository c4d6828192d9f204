import { leakyRelu, readArguments, type Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * x for x > 0, negativeSlope·x otherwise, elementwise; any shape. No parameters.
 * @example
 * new LeakyReLU().call(tensor([-1, 0, 2]));
 */
export class LeakyReLU extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly negativeSlope: number;

  constructor(options?: { negativeSlope?: number; inplace?: boolean });
  /** PyTorch's order: `LeakyReLU(negative_slope, inplace)`. */
  constructor(negativeSlope?: number, inplace?: boolean);
  constructor(...rest: unknown[]) {
    super();
    const options = readArguments<{ negativeSlope?: number }>(
      'LeakyReLU',
      rest,
      ['negativeSlope', 'inplace'],
      ['negativeSlope', 'inplace'],
    );
    this.negativeSlope = options.negativeSlope ?? 0.01;
  }

  forward(input: Tensor): Tensor {
    return leakyRelu(input, this.negativeSlope);
  }

  override extraRepr(): string {
    return `negativeSlope=${this.negativeSlope}`;
  }
}
