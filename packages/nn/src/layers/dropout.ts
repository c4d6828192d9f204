import type { Tensor } from '@dl/tensor';
import { dropout } from '../functional/dropout.js';
import { DropoutBase } from './dropout-base.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * In training, zeroes each element with probability p and scales the others by 1/(1 − p); the
 * identity in eval mode. Any shape. No parameters. `new Dropout(p, inplace)` or `new Dropout({ p, inplace })`.
 * @example
 * const drop = new Dropout(0.5);
 * drop.eval(); // now the identity
 */
export class Dropout extends DropoutBase {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  forward(input: Tensor): Tensor {
    return dropout(input, this.p, this.training);
  }
}
