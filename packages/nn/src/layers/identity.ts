import type { Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * Returns its input unchanged (a placeholder, e.g. to drop a classifier head: `model.fc = new Identity()`).
 * @example
 * new Identity().call(x) === x; // true
 */
export class Identity extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  /** Any arguments, ignored: torch's Identity is "argument-insensitive" (a stand-in for a layer's constructor call). */
  constructor(..._arguments: unknown[]) {
    super();
  }

  forward(input: Tensor): Tensor {
    return input;
  }
}
