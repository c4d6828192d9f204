import { readArguments, checkChoice, type Tensor } from '@dl/tensor';
import { gelu } from '../functional/activation.js';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * x·Φ(x) = x/2·(1 + erf(x/√2)); approximate "tanh": x/2·(1 + tanh(√(2/π)(x + 0.044715x³))), elementwise; any shape. No parameters.
 * @example
 * new GELU().call(tensor([-1, 0, 2]));
 */
export class GELU extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly approximate: 'none' | 'tanh';

  constructor(options?: { approximate?: 'none' | 'tanh' });
  /** PyTorch's order: `GELU(approximate)`. */
  constructor(approximate?: 'none' | 'tanh');
  constructor(...rest: unknown[]) {
    super();
    const { approximate } = readArguments<{ approximate?: string }>('GELU', rest, ['approximate'], ['approximate']);
    this.approximate = checkChoice('GELU', 'approximate', approximate ?? 'none', { none: 'none', tanh: 'tanh' });
  }

  forward(input: Tensor): Tensor {
    return gelu(input, this.approximate);
  }

  override extraRepr(): string {
    return `approximate=${this.approximate}`;
  }
}
