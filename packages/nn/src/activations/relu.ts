import { refuseExtraArguments, relu, type Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { type InplaceArgument, readInplaceFlag } from './inplace-flag.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * max(x, 0), elementwise; any shape. No parameters.
 * @example
 * new ReLU().call(tensor([-1, 0, 2]));
 */
export class ReLU extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  /** PyTorch's `inplace` flag is accepted (`new ReLU(true)` or `{ inplace: true }`); the result is the same, computed out of place. */
  constructor(inplace?: InplaceArgument, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('ReLU', ['inplace'], extra);
    readInplaceFlag('ReLU', inplace);
  }

  forward(input: Tensor): Tensor {
    return relu(input);
  }
}
