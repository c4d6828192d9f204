import { elu, readArguments, type Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * x for x > 0, α(eˣ − 1) otherwise, elementwise; any shape. No parameters.
 * @example
 * new ELU().call(tensor([-1, 0, 2]));
 */
export class ELU extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly alpha: number;

  constructor(options?: { alpha?: number; inplace?: boolean });
  /** PyTorch's order: `ELU(alpha, inplace)`. */
  constructor(alpha?: number, inplace?: boolean);
  constructor(...rest: unknown[]) {
    super();
    this.alpha = readArguments<{ alpha?: number }>('ELU', rest, ['alpha', 'inplace'], ['alpha', 'inplace']).alpha ?? 1;
  }

  forward(input: Tensor): Tensor {
    return elu(input, this.alpha);
  }

  override extraRepr(): string {
    return `alpha=${this.alpha}`;
  }
}
