import { checkOptions, type Tensor } from '@dl/tensor';
import { relu } from '../functional/activation.js';
import { Module } from '../module/module.js';

/**
 * max(x, 0), elementwise; any shape. No parameters.
 * @example
 * new ReLU().call(tensor([-1, 0, 2]));
 */
export class ReLU extends Module {
  /** PyTorch's `inplace` flag is accepted; the result is the same, computed out of place. */
  constructor(options?: { inplace?: boolean }) {
    super();
    checkOptions('ReLU', options, ['inplace']);
  }

  forward(input: Tensor): Tensor {
    return relu(input);
  }
}
