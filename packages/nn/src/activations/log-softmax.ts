import { readArguments, describeValue, type Tensor } from '@dl/tensor';
import { logSoftmax } from '../functional/activation.js';
import { Module } from '../module/module.js';
import { refuseExtraInputs } from '../module/forward-inputs.js';

/**
 * x_i − log Σ_j e^{x_j} along `dim` (computed stably, with the maximum subtracted). No parameters.
 * @example
 * new LogSoftmax(1).call(logits); // [N, C], normalised over C
 */
export class LogSoftmax extends Module {
  static {
    refuseExtraInputs(this, { tensorInput: true });
  }

  readonly dim: number;

  constructor(dim: number);
  constructor(options: { dim: number });
  constructor(...rest: unknown[]) {
    super();
    const { dim } = readArguments<{ dim?: number }>('LogSoftmax', rest, ['dim'], ['dim']);
    // PyTorch's implicit dim (a deprecated guess) is not copied: the axis must be said
    if (dim === undefined) throw new Error(`LogSoftmax: the dim option is required (new LogSoftmax(1) or new LogSoftmax({ dim: 1 }))`);
    if (!Number.isInteger(dim)) throw new Error(`LogSoftmax: dim must be an integer, got ${describeValue(dim)}`);
    this.dim = dim!;
  }

  forward(input: Tensor): Tensor {
    return logSoftmax(input, this.dim);
  }

  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}
