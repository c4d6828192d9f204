import { checkOptions, refuseExtraArguments, type Tensor } from '@dl/tensor';
import { tanh } from '../functional/activation.js';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * tanh(x) = (eˣ − e^{−x}) / (eˣ + e^{−x}), elementwise; any shape. No parameters.
 * @example
 * new Tanh().call(tensor([-1, 0, 2]));
 */
export class Tanh extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(options?: Record<string, never>, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('Tanh', ['options'], extra);
    checkOptions('Tanh', options, []);
  }

  forward(input: Tensor): Tensor {
    return tanh(input);
  }
}
