import type { Tensor } from '@dl/tensor';
import { silu } from '../functional/activation.js';
import { Module } from '../module/module.js';

/**
 * x·σ(x) (swish), elementwise; any shape. No parameters.
 * @example
 * new SiLU().call(tensor([-1, 0, 2]));
 */
export class SiLU extends Module {
  forward(input: Tensor): Tensor {
    return silu(input);
  }
}
