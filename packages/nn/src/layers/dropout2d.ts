import type { Tensor } from '@dl/tensor';
import { dropout2d } from '../functional/dropout.js';
import { DropoutBase } from './dropout-base.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * In training, zeroes whole channels of [N, C, H, W] (or [C, H, W]) with probability p, scaling the
 * others by 1/(1 − p); the identity in eval mode. No parameters. `new Dropout2d(p, inplace)` or
 * `new Dropout2d({ p, inplace })`.
 * @example
 * new Dropout2d(0.2).call(randn([8, 16, 10, 10]));
 */
export class Dropout2d extends DropoutBase {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  forward(input: Tensor): Tensor {
    return dropout2d(input, this.p, this.training);
  }
}
