import type { Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';

/**
 * Returns its input unchanged (a placeholder, e.g. to drop a classifier head: `model.fc = new Identity()`).
 * @example
 * new Identity().call(x) === x; // true
 */
export class Identity extends Module {
  forward(input: Tensor): Tensor {
    return input;
  }
}
