import { refuseExtraArguments, silu, type Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { type InplaceArgument, readInplaceFlag } from './inplace-flag.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * x·σ(x) (swish), elementwise; any shape. No parameters.
 * @example
 * new SiLU().call(tensor([-1, 0, 2]));
 */
export class SiLU extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  /** PyTorch's `inplace` flag is accepted (`new SiLU(true)` or `{ inplace: true }`); the result is the same, computed out of place. */
  constructor(inplace?: InplaceArgument, ...extra: never[]) {
    super();
    if (extra.length > 0) refuseExtraArguments('SiLU', ['inplace'], extra);
    readInplaceFlag('SiLU', inplace);
  }

  forward(input: Tensor): Tensor {
    return silu(input);
  }
}
