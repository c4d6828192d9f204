import { readArguments, describeValue, type Tensor } from '@dl/tensor';
import { dropout } from '../functional/dropout.js';
import { Module } from '../module/module.js';

/**
 * In training, zeroes each element with probability p and scales the others by 1/(1 − p); the
 * identity in eval mode. Any shape. No parameters.
 * @example
 * const drop = new Dropout(0.5);
 * drop.eval(); // now the identity
 */
export class Dropout extends Module {
  readonly p: number;

  constructor(options?: { p?: number; inplace?: boolean });
  /** PyTorch's order: `Dropout(p, inplace)`; `inplace` is accepted and gives the same values, out of place. */
  constructor(p?: number, inplace?: boolean);
  constructor(...rest: unknown[]) {
    super();
    const p = readArguments<{ p?: number }>('Dropout', rest, ['p', 'inplace'], ['p', 'inplace']).p ?? 0.5;
    if (!(typeof p === 'number' && p >= 0 && p <= 1))
      throw new Error(`Dropout: dropout probability has to be between 0 and 1, but got ${describeValue(p)}`);
    this.p = p;
  }

  forward(input: Tensor): Tensor {
    return dropout(input, this.p, this.training);
  }

  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
