import { checkOptions, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { sigmoid } from '../functional/activation.js';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * σ(x) = 1 / (1 + e^{−x}), elementwise; any shape. No parameters.
 * @example
 * new Sigmoid().call(tensor([-1, 0, 2]));
 */
export class Sigmoid extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(options?: Record<string, never>, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('Sigmoid', ['options'], extra);
    checkOptions('Sigmoid', options, []);
  }

  forward(input: Tensor): Tensor {
    return sigmoid(input);
  }
}
