import type { Tensor } from '@dl/tensor';
import { relu } from '../functional/activation.js';
import { Module } from '../module/module.js';

/**
 * max(x, 0), elementwise; any shape. No parameters.
 * @example
 * new ReLU().call(tensor([-1, 0, 2]));
 */
export class ReLU extends Module {
  forward(input: Tensor): Tensor {
    return relu(input);
  }
}
