import { readArguments, describeValue, type Tensor } from '@dl/tensor';
import { softmax } from '../functional/activation.js';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * e^{x_i} / Σ_j e^{x_j} along `dim` (computed stably, with the maximum subtracted). No parameters.
 * @example
 * new Softmax(1).call(logits); // [N, C], normalised over C
 */
export class Softmax extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly dim: number;

  constructor(dim: number);
  constructor(options: { dim: number });
  constructor(...rest: unknown[]) {
    super();
    const { dim } = readArguments<{ dim?: number }>('Softmax', rest, ['dim'], ['dim']);
    // PyTorch's implicit dim (a deprecated guess) is not copied: the axis must be said
    if (dim === undefined) throw new Error(`Softmax: the dim option is required (new Softmax(1) or new Softmax({ dim: 1 }))`);
    if (!Number.isInteger(dim)) throw new Error(`Softmax: dim must be an integer, got ${describeValue(dim)}`);
    this.dim = dim!;
  }

  forward(input: Tensor): Tensor {
    return softmax(input, this.dim);
  }

  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
