import { readArguments, type Tensor } from '@dl/tensor';
import { softplus } from '../functional/activation.js';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * (1/β)·log(1 + e^{βx}), x itself where βx > threshold, elementwise; any shape. No parameters.
 * @example
 * new Softplus().call(tensor([-1, 0, 2]));
 */
export class Softplus extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly beta: number;
  readonly threshold: number;

  constructor(options?: { beta?: number; threshold?: number });
  /** PyTorch's order: `Softplus(beta, threshold)`. */
  constructor(beta?: number, threshold?: number);
  constructor(...rest: unknown[]) {
    super();
    const options = readArguments<{ beta?: number; threshold?: number }>('Softplus', rest, ['beta', 'threshold'], ['beta', 'threshold']);
    this.beta = options.beta ?? 1;
    this.threshold = options.threshold ?? 20;
  }

  forward(input: Tensor): Tensor {
    return softplus(input, this.beta, this.threshold);
  }

  override extraRepr(): string {
    return `beta=${this.beta}, threshold=${this.threshold}`;
  }
}
