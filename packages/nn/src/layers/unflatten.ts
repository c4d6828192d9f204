import { refuseExtraArguments } from '@dl/tensor';
import type { Tensor } from '@dl/tensor';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * Splits dim `dim` into `sizes` (one may be −1): [N, 400] → [N, 16, 5, 5] with (1, [16, 5, 5]).
 * @example
 * new Unflatten(1, [16, 5, 5]).call(zeros([32, 400])).shape; // [32, 16, 5, 5]
 */
export class Unflatten extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  constructor(
    readonly dim: number,
    readonly sizes: readonly number[],
    ...extra: never[]
  ) {
    super();
    if (extra.length > 0) refuseExtraArguments('Unflatten', ['dim', 'sizes'], extra);
  }

  forward(input: Tensor): Tensor {
    return input.unflatten(this.dim, [...this.sizes]);
  }

  override extraRepr(): string {
    return `dim=${this.dim}, unflattenedSize=(${this.sizes.join(', ')})`;
  }
}
